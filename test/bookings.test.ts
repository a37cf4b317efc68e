import { givenProject } from './builders';
import { givenBase, givenFacility, rowCount } from './builders-capital';
import { startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * Booking pilot runs through the gateway: requests, refusals, the lifecycle, who sees what.
 * A run is asked for by the project's party: its lead enterprise's editors (Levima leads the
 * demo projects) or the alliance secretariat.
 */

const REQUEST = /* GraphQL */ `
  mutation Request($input: RequestBookingInput!) {
    requestBooking(input: $input) {
      id
      start
      end
      days
      status
      purpose
      requestedBy
      facility {
        id
        base {
          id
        }
      }
      project {
        code
      }
    }
  }
`;

interface Booked {
  id: string;
  start: string;
  end: string;
  days: number;
  status: string;
  purpose: string;
  requestedBy: string;
  facility: { id: string; base: { id: string } };
  project: { code: string };
}

let federation: Federation;
let levima: string;
let tengzhou: string;
let secretariat: string;
/** An editor of an enterprise that leads none of the projects booked here. */
let sinopec: string;
let facilityId: string;

beforeAll(async () => {
  federation = await startFederation();
  levima = await federation.token('enterprise:levima', 'EDITOR');
  tengzhou = await federation.token('pilot-base:tengzhou', 'EDITOR');
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  sinopec = await federation.token('enterprise:sinopec-guangzhou-engineering', 'EDITOR');
  // A facility of its own at Tengzhou, so tests of this file do not share periods.
  facilityId = (await givenFacility(federation, { baseId: 'tengzhou', sharing: 'MEMBERS_ONLY' })).id;
});
afterAll(async () => {
  await federation.stop();
});

async function request(
  input: Record<string, unknown>,
  token: string = levima,
): Promise<GraphQLResponse<{ requestBooking: Booked }>> {
  return federation.query(
    REQUEST,
    {
      input: {
        facilityId,
        projectId: 'dmto-industrialization',
        purpose: 'Scale-up of a polyolefin grade',
        ...input,
      },
    },
    token,
  );
}

async function act(
  mutation: 'confirmBooking' | 'startBooking' | 'completeBooking' | 'cancelBooking',
  id: string,
  token: string,
  extra = '',
): Promise<
  GraphQLResponse<
    Record<string, { status: string; outcome: string | null; cancellationReason: string | null }>
  >
> {
  return federation.query(
    `mutation($id: ID!) { ${mutation}(id: $id${extra}) { status outcome cancellationReason } }`,
    { id },
    token,
  );
}

/** A base's whole calendar over a window, cancelled bookings too, as a member reads it. */
async function calendarOf(baseId: string, from: string, to: string): Promise<unknown> {
  const response = await federation.query<{ pilotBase: { calendar: unknown } }>(
    `query($id: ID!, $from: String!, $to: String!) { pilotBase(id: $id) {
      calendar(from: $from, to: $to, includeCancelled: true, first: 100) {
        totalCount edges { node { id start end status requestedBy project { code } } } } } }`,
    { id: baseId, from, to },
    levima,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.pilotBase.calendar;
}

test("the lead enterprise's editor books a facility for its project", async () => {
  const response = await request({ start: '2031-01-05', end: '2031-01-19' });
  expect(response.errors).toBeUndefined();
  expect(response.data?.requestBooking).toMatchObject({
    start: '2031-01-05',
    end: '2031-01-19',
    days: 14,
    status: 'REQUESTED',
    purpose: 'Scale-up of a polyolefin grade',
    requestedBy: 'enterprise:levima',
    facility: { id: facilityId, base: { id: 'tengzhou' } },
    project: { code: 'AMA-2018-001' },
  });
});

test('adjacent half-open periods [d1, d2) and [d2, d3) both succeed', async () => {
  const first = await request({ start: '2031-03-01', end: '2031-03-10' });
  const second = await request({ start: '2031-03-10', end: '2031-03-20' });
  expect(first.errors).toBeUndefined();
  expect(second.errors).toBeUndefined();
  expect(second.data?.requestBooking.start).toBe(first.data?.requestBooking.end);
});

test('an overlapping request is a CONFLICT naming the period already taken, and nothing is written', async () => {
  await request({ start: '2031-05-01', end: '2031-05-15' });
  const before = await rowCount(federation, 'pilot-bases', 'pilot_bases.booking');
  const response = await request({ start: '2031-05-14', end: '2031-05-20' });
  expect(response.data?.requestBooking ?? null).toBeNull();
  expect(response.errors?.[0]?.message).toContain('[2031-05-01, 2031-05-15)');
  expect(response.errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    facilityId,
    taken: { start: '2031-05-01', end: '2031-05-15', status: 'REQUESTED' },
  });
  expect(await rowCount(federation, 'pilot-bases', 'pilot_bases.booking')).toBe(before);
});

test.each([
  ['an end before the start', { start: '2031-07-10', end: '2031-07-01' }, 'BAD_USER_INPUT', 'input.end'],
  ['a zero-length period', { start: '2031-07-10', end: '2031-07-10' }, 'BAD_USER_INPUT', 'input.end'],
  ['a period in the past', { start: '2020-01-01', end: '2020-02-01' }, 'BAD_USER_INPUT', 'input.start'],
  ['a day that does not exist', { start: '2031-02-30', end: '2031-03-05' }, 'BAD_USER_INPUT', 'input.start'],
  ['a malformed day', { start: '2031-07-01', end: '01/08/2031' }, 'BAD_USER_INPUT', 'input.end'],
  [
    'an empty purpose',
    { start: '2031-07-01', end: '2031-07-05', purpose: '  ' },
    'BAD_USER_INPUT',
    'input.purpose',
  ],
  [
    'an unknown facility',
    { start: '2031-07-01', end: '2031-07-05', facilityId: 'no-such-facility' },
    'NOT_FOUND',
    'input.facilityId',
  ],
  [
    'an unknown project',
    { start: '2031-07-01', end: '2031-07-05', projectId: 'no-such-project' },
    'NOT_FOUND',
    'input.projectId',
  ],
])('%s is refused naming the field, and nothing is written', async (_case, input, code, field) => {
  const before = await rowCount(federation, 'pilot-bases', 'pilot_bases.booking');
  const response = await request(input);
  expect(response.data?.requestBooking ?? null).toBeNull();
  expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
  expect(await rowCount(federation, 'pilot-bases', 'pilot_bases.booking')).toBe(before);
});

test('anonymous callers, viewers, partners, institutes, bases and a stray secretariat role are refused', async () => {
  const before = await rowCount(federation, 'pilot-bases', 'pilot_bases.booking');
  const period = { start: '2031-08-01', end: '2031-08-05' };
  const open = await givenFacility(federation, { baseId: 'tengzhou', sharing: 'OPEN' });
  const refused = [
    '',
    await federation.token('enterprise:levima', 'VIEWER'),
    await federation.token('partner:some-university', 'EDITOR'),
    await federation.token('institute:dicp', 'EDITOR'),
    tengzhou,
    // The secretariat is the alliance's: the role alone, in another organization, is not it.
    await federation.token('institute:dicp', 'SECRETARIAT'),
  ];
  for (const token of refused) {
    for (const facility of [facilityId, open.id]) {
      const response = await request({ ...period, facilityId: facility }, token);
      expect(response.data?.requestBooking ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  }
  expect(await rowCount(federation, 'pilot-bases', 'pilot_bases.booking')).toBe(before);
});

test("another enterprise's editor is refused, naming the project's lead, and nothing is written", async () => {
  const period = { start: '2031-12-01', end: '2031-12-05' };
  const calendar = () => calendarOf('tengzhou', period.start, period.end);
  const before = await calendar();
  const rows = await rowCount(federation, 'pilot-bases', 'pilot_bases.booking');

  const response = await request(period, sinopec);
  expect(response.data?.requestBooking ?? null).toBeNull();
  expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(response.errors?.[0]?.message).toContain('enterprise:levima');
  expect(response.errors?.[0]?.message).toContain('dmto-industrialization');
  expect(await calendar()).toEqual(before);
  expect(await rowCount(federation, 'pilot-bases', 'pilot_bases.booking')).toBe(rows);

  // The refusal held nothing: the period is still free for the project's own lead.
  const lead = await request(period);
  expect(lead.errors).toBeUndefined();
  expect(lead.data?.requestBooking.requestedBy).toBe('enterprise:levima');
});

test("neither a base nor the enterprise operating it asks for another's project; an operator leading a project does", async () => {
  const base = await givenBase(federation, { operatorId: 'sinopec-guangzhou-engineering' });
  const line = await givenFacility(federation, { baseId: base.id, sharing: 'OPEN' });
  const period = { facilityId: line.id, start: '2032-04-01', end: '2032-04-08' };
  const calendar = () => calendarOf(base.id, '2032-04-01', '2032-04-08');
  const before = await calendar();
  const baseEditor = await federation.token(`pilot-base:${base.id}`, 'EDITOR');

  for (const token of [sinopec, baseEditor]) {
    expect((await request(period, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  expect(await calendar()).toEqual(before);

  // A project the operator leads: its editors ask, and Levima, now a stranger, may not.
  const own = await givenProject(federation, { leadEnterpriseId: 'sinopec-guangzhou-engineering' });
  expect((await request({ ...period, projectId: own.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const accepted = await request({ ...period, projectId: own.id }, sinopec);
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data?.requestBooking).toMatchObject({
    requestedBy: 'enterprise:sinopec-guangzhou-engineering',
    project: { code: own.code },
  });
});

test("the secretariat asks for any project's pilot run, and may withdraw its request", async () => {
  const response = await request(
    { projectId: 'ppc-degradable-packaging', start: '2032-05-01', end: '2032-05-04' },
    secretariat,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.requestBooking).toMatchObject({
    status: 'REQUESTED',
    requestedBy: 'alliance:secretariat',
    project: { code: 'AMA-2019-014' },
  });
  const cancelled = await act('cancelBooking', response.data!.requestBooking.id, secretariat);
  expect(cancelled.data?.cancelBooking?.status).toBe('CANCELLED');
});

test('a facility of a base that is not operating yet cannot be booked', async () => {
  const response = await request({
    start: '2031-09-01',
    end: '2031-09-05',
    facilityId: 'shangyu-fine-chem-reactor',
  });
  expect(response.errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    field: 'input.facilityId',
    baseStatus: 'UNDER_CONSTRUCTION',
  });
});

test('the base confirms, starts and completes a run; invalid moves are CONFLICT and change nothing', async () => {
  const { data } = await request({ start: '2031-10-01', end: '2031-10-08' });
  const id = data!.requestBooking.id;

  // Only the base runs its calendar: the requester cannot confirm, another base cannot either.
  expect((await act('confirmBooking', id, levima)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const shangyu = await federation.token('pilot-base:shangyu', 'EDITOR');
  expect((await act('confirmBooking', id, shangyu)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  // Not started yet: it cannot complete.
  const early = await act('completeBooking', id, tengzhou, ', outcome: "too early"');
  expect(early.errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    status: 'REQUESTED',
    action: 'complete',
  });

  expect((await act('confirmBooking', id, tengzhou)).data?.confirmBooking?.status).toBe('CONFIRMED');
  expect((await act('confirmBooking', id, tengzhou)).errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    status: 'CONFIRMED',
  });
  expect((await act('startBooking', id, tengzhou)).data?.startBooking?.status).toBe('RUNNING');
  // A running run is not cancelled: it completes, with its outcome.
  expect((await act('cancelBooking', id, tengzhou)).errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    status: 'RUNNING',
  });
  const blank = await act('completeBooking', id, tengzhou, ', outcome: "  "');
  expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outcome' });
  const done = await act('completeBooking', id, tengzhou, ', outcome: "Grade met spec at 80% load"');
  expect(done.data?.completeBooking).toEqual({
    status: 'COMPLETED',
    outcome: 'Grade met spec at 80% load',
    cancellationReason: null,
  });
});

test('cancelling frees the period; the requesting organization may cancel its own request', async () => {
  const period = { start: '2031-11-01', end: '2031-11-10' };
  const { data } = await request(period);
  const id = data!.requestBooking.id;
  expect((await act('cancelBooking', id, sinopec)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const cancelled = await act('cancelBooking', id, levima, ', reason: "Feedstock delayed"');
  expect(cancelled.data?.cancelBooking).toEqual({
    status: 'CANCELLED',
    outcome: null,
    cancellationReason: 'Feedstock delayed',
  });
  expect((await act('confirmBooking', id, tengzhou)).errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    status: 'CANCELLED',
  });
  const again = await request(period, secretariat);
  expect(again.errors).toBeUndefined();
  expect(again.data?.requestBooking.status).toBe('REQUESTED');
});

test('an unknown booking is NOT_FOUND naming the id', async () => {
  const response = await act('confirmBooking', 'no-such-booking', tengzhou);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
});

test('bookings are members data; where a project runs stays public', async () => {
  const query = `{
    project(id: "dmto-industrialization") { pilotBases { id } bookings { id purpose } }
    booking(id: "dmto-olefin-pilot-run") { id }
  }`;
  const anonymous = await federation.query<{
    project: { pilotBases: { id: string }[]; bookings: unknown[] };
    booking: unknown;
  }>(query);
  expect(anonymous.errors).toBeUndefined();
  expect(anonymous.data?.project.pilotBases).toEqual([{ id: 'tengzhou' }]);
  expect(anonymous.data?.project.bookings).toEqual([]);
  expect(anonymous.data?.booking).toBeNull();

  const viewer = await federation.token('institute:dicp', 'VIEWER');
  const member = await federation.query<{
    project: { bookings: { id: string }[] };
    booking: { id: string };
  }>(query, {}, viewer);
  expect(member.data?.project.bookings.map((b) => b.id)).toContain('dmto-olefin-pilot-run');
  expect(member.data?.booking).toEqual({ id: 'dmto-olefin-pilot-run' });

  const calendar = `{ pilotBase(id: "tengzhou") { calendar(from: "2026-12-01", to: "2027-01-01") { totalCount } } }`;
  const refused = await federation.query(calendar);
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const allowed = await federation.query<{ pilotBase: { calendar: { totalCount: number } } }>(
    calendar,
    {},
    viewer,
  );
  expect(allowed.data?.pilotBase.calendar.totalCount).toBe(1);
});

test("a base's calendar lists its bookings in a window, by start, page by page", async () => {
  const base = await givenBase(federation);
  const line = await givenFacility(federation, { baseId: base.id, name: 'A line' });
  const lab = await givenFacility(federation, { baseId: base.id, name: 'B lab' });
  const baseEditor = await federation.token(`pilot-base:${base.id}`, 'EDITOR');
  const made: string[] = [];
  for (const [facility, start, end] of [
    [line.id, '2032-01-01', '2032-01-10'],
    [lab.id, '2032-01-05', '2032-01-06'],
    [line.id, '2032-01-10', '2032-02-03'],
    [lab.id, '2032-03-01', '2032-03-02'],
  ]) {
    made.push((await request({ facilityId: facility, start, end })).data!.requestBooking.id);
  }
  await act('cancelBooking', made[1]!, baseEditor);

  const page = async (first: number, after: string | null, includeCancelled = false) =>
    (
      await federation.query<{
        pilotBase: {
          calendar: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: { node: { id: string; start: string; status: string; facility: { name: string } } }[];
          };
        };
      }>(
        `query($id: ID!, $first: Int, $after: String, $all: Boolean) { pilotBase(id: $id) {
          calendar(from: "2032-01-03", to: "2032-02-01", first: $first, after: $after, includeCancelled: $all) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { id start status facility { name } } } } } }`,
        { id: base.id, first, after, all: includeCancelled },
        levima,
      )
    ).data!.pilotBase.calendar;

  const first = await page(1, null);
  expect(first.totalCount).toBe(2);
  expect(first.edges.map((e) => e.node.id)).toEqual([made[0]]);
  expect(first.pageInfo.hasNextPage).toBe(true);
  const second = await page(1, first.pageInfo.endCursor);
  expect(second.edges.map((e) => e.node.id)).toEqual([made[2]]);
  expect(second.pageInfo.hasNextPage).toBe(false);
  const all = await page(10, null, true);
  expect(all.edges.map((e) => [e.node.start, e.node.status])).toEqual([
    ['2032-01-01', 'REQUESTED'],
    ['2032-01-05', 'CANCELLED'],
    ['2032-01-10', 'REQUESTED'],
  ]);
});

test('while the alliance cannot say whose project it is, the request is SUBGRAPH_UNAVAILABLE and nothing is written', async () => {
  const alliance = federation.stack.subgraphs.get('alliance')!.dataSource;
  const before = await rowCount(federation, 'pilot-bases', 'pilot_bases.booking');
  await alliance.destroy();
  try {
    const response = await request({ start: '2032-06-01', end: '2032-06-05' });
    expect(response.data?.requestBooking ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      dependency: 'alliance',
    });
  } finally {
    await alliance.initialize();
  }
  expect(await rowCount(federation, 'pilot-bases', 'pilot_bases.booking')).toBe(before);
});
