import { Decimal } from '../shared/money';
import { database, givenFacility, givenFund } from './builders-capital';
import { startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * The invariants hold when requests race. On PGlite the subgraphs share one session, so the
 * transactions queue; on PostgreSQL (TEST_DATABASE_URL) they really run at once, ten per
 * subgraph. Both must give the same answers.
 */

let federation: Federation;
let levima: string;

beforeAll(async () => {
  // Racing requests queue (on PGlite all of them, behind one session): generous deadlines, so
  // a refusal can only be the invariant's CONFLICT, never a timeout.
  federation = await startFederation({ subgraphTimeoutMs: 30_000, peerTimeoutMs: 30_000 });
  levima = await federation.token('enterprise:levima', 'EDITOR');
});
afterAll(async () => {
  await federation.stop();
});

type Outcome = GraphQLResponse<Record<string, { id: string } | null>>;

function codes(outcomes: Outcome[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const o of outcomes) {
    const error = o.errors?.[0];
    const code = (error?.extensions?.code as string | undefined) ?? 'OK';
    // An unexpected refusal carries its message, so a failure says what it was.
    const key = !error || code === 'CONFLICT' ? code : `${code}: ${error.message}`;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

async function requestBooking(facilityId: string, start: string, end: string): Promise<Outcome> {
  return federation.query(
    `mutation($input: RequestBookingInput!) { requestBooking(input: $input) { id } }`,
    { input: { facilityId, projectId: 'dmto-industrialization', start, end, purpose: 'race' } },
    levima,
  );
}

test('50 concurrent overlapping bookings of one facility: exactly one succeeds, 49 get CONFLICT', async () => {
  const facility = await givenFacility(federation, { baseId: 'tengzhou' });
  // Every request overlaps every other: all contain 2033-06-15.
  const outcomes = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      requestBooking(
        facility.id,
        `2033-06-${String(1 + (i % 14)).padStart(2, '0')}`,
        `2033-06-${16 + (i % 10)}`,
      ),
    ),
  );
  expect(codes(outcomes)).toEqual({ OK: 1, CONFLICT: 49 });
  const winner = outcomes.find((o) => !o.errors)!.data!.requestBooking!.id;
  // One booking of the facility: the winner's (the codes above say only one was made).
  const [stored] = await database(federation, 'pilot-bases').query<
    [{ id: string; start: string; end: string }]
  >(
    `SELECT id, lower(period)::text AS start, upper(period)::text AS "end" FROM pilot_bases.booking WHERE facility_id = $1`,
    [facility.id],
  );
  // Every refusal names the period the winner took.
  for (const o of outcomes.filter((r) => r.errors)) {
    expect(o.errors![0]?.extensions?.taken).toMatchObject({ start: stored.start, end: stored.end });
  }
  expect(stored.id).toBe(winner);
  expect(await bookingsOf(facility.id)).toBe(1);
});

test('concurrent adjacent bookings [d1, d2), [d2, d3), … all succeed', async () => {
  const facility = await givenFacility(federation, { baseId: 'tengzhou' });
  const day = (n: number): string =>
    new Date(Date.UTC(2034, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, (_, i) => requestBooking(facility.id, day(i * 3), day(i * 3 + 3))),
  );
  expect(codes(outcomes)).toEqual({ OK: 20 });
  expect(await bookingsOf(facility.id)).toBe(20);
});

async function bookingsOf(facilityId: string): Promise<number> {
  // A count: always one row.
  const [row] = await database(federation, 'pilot-bases').query<[{ n: number }]>(
    `SELECT count(*)::int AS n FROM pilot_bases.booking WHERE facility_id = $1`,
    [facilityId],
  );
  return row.n;
}

async function commit(fundId: string, amount: string, token: string): Promise<Outcome> {
  return federation.query(
    `mutation($input: CommitInvestmentInput!) { commitInvestment(input: $input) { id } }`,
    {
      input: {
        fundId,
        projectId: 'dmto-industrialization',
        stage: 'PILOT',
        instrument: 'EQUITY',
        amount,
        focusArea: 'advanced materials',
      },
    },
    token,
  );
}

/** The fund as the graph shows it, and the sum of its binding investments as stored. */
async function fundState(fundId: string): Promise<{ committed: string; available: string; stored: string }> {
  const token = await federation.token(`fund:${fundId}`, 'VIEWER');
  const response = await federation.query<{
    fund: { committed: { amount: string }; available: { amount: string } };
  }>(
    `query($id: ID!) { fund(id: $id) { committed { amount } available { amount } } }`,
    { id: fundId },
    token,
  );
  // An aggregate: always one row.
  const [row] = await database(federation, 'funds').query<[{ stored: string }]>(
    `SELECT coalesce(sum(amount), 0)::text AS stored FROM funds.investment
      WHERE fund_id = $1 AND status IN ('COMMITTED', 'DISBURSED')`,
    [fundId],
  );
  return {
    committed: response.data!.fund.committed.amount,
    available: response.data!.fund.available.amount,
    stored: new Decimal(row.stored).toFixed(2),
  };
}

test('30 concurrent commitments summing to 3× the fund: it ends exactly full, every refusal a CONFLICT', async () => {
  const fund = await givenFund(federation, { size: '1000000.00' });
  const token = await federation.token(`fund:${fund.id}`, 'EDITOR');
  const outcomes = await Promise.all(Array.from({ length: 30 }, () => commit(fund.id, '100000.00', token)));
  expect(codes(outcomes)).toEqual({ OK: 10, CONFLICT: 20 });
  for (const o of outcomes.filter((r) => r.errors)) {
    // Each refusal says what was left when it was decided: never enough for 100,000.00.
    const available = (o.errors![0]!.extensions?.available as { amount: string }).amount;
    expect(new Decimal(available).lessThan('100000.00')).toBe(true);
  }
  expect(await fundState(fund.id)).toEqual({
    committed: '1000000.00',
    available: '0.00',
    stored: '1000000.00',
  });
});

test('uneven concurrent commitments summing to 3× the fund never take it past its size', async () => {
  const fund = await givenFund(federation, { size: '1000000.00' });
  const token = await federation.token(`fund:${fund.id}`, 'EDITOR');
  // 40 amounts between 0.01 and ~150,000, exact to the fen, summing to 3,000,000.00.
  const amounts = Array.from({ length: 39 }, (_, i) => new Decimal(((i * 7919) % 150_000) + 1).plus('0.37'));
  const rest = new Decimal('3000000.00').minus(amounts.reduce((a, b) => a.plus(b), new Decimal(0)));
  amounts.push(rest);
  expect(rest.greaterThan(0)).toBe(true);
  const outcomes = await Promise.all(amounts.map((a) => commit(fund.id, a.toFixed(2), token)));
  const tally = codes(outcomes);
  expect(Object.keys(tally).sort()).toEqual(['CONFLICT', 'OK']);
  const accepted = outcomes
    .map((o, i) => (o.errors ? new Decimal(0) : amounts[i]!))
    .reduce((a, b) => a.plus(b), new Decimal(0));
  const state = await fundState(fund.id);
  expect(new Decimal(state.committed).lessThanOrEqualTo('1000000.00')).toBe(true);
  expect(state.committed).toBe(accepted.toFixed(2));
  expect(state.stored).toBe(state.committed);
  // A refused amount did not fit in what was left when it was refused.
  outcomes.forEach((o, i) => {
    if (!o.errors) return;
    const available = new Decimal((o.errors[0]!.extensions?.available as { amount: string }).amount);
    expect(amounts[i]?.greaterThan(available)).toBe(true);
  });
});
