import { chinaToday } from '../shared/dates';
import { givenProject } from './builders';
import { givenReview } from './builders-alliance';
import { database, givenFund } from './builders-capital';
import { startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * Alliances compared by their results over time, through the gateway: each alliance's
 * projects docked, reaching pilot and industrialization, capital committed (the funds
 * subgraph, from the alliance each investment records) and benefits distributed, per year;
 * its capital in all, and the transaction volume its goals measure with it. The figures
 * move by exactly what the test records (projects docked and moved, money committed,
 * benefits distributed), CONFIDENTIAL capital never counts, benefits are exact only for the
 * alliance's own secretariat, and the statements per subgraph do not grow with the alliances.
 */

const CONSORTIUM = 'central-soe-consortium';
const CAS = 'cas-advanced-materials';
const COATING = 'china-coating-alliance';

/** This year in China, where the records the test makes are dated; and the two before it. */
const YEAR = Number(chinaToday().slice(0, 4));
const FROM = YEAR - 2;

const RESULTS = /* GraphQL */ `
  year
  projectsDocked
  projectsReachingPilot
  projectsIndustrialized
  benefitsDistributed {
    amount
    currency
  }
  capitalCommitted {
    amount
    currency
  }
`;

/** Everything an alliance tells of its results (the same selection for one alliance and for all). */
const ALLIANCE = /* GraphQL */ `
  id
  capitalCommitted {
    amount
    currency
  }
  goals {
    measure
    actual
  }
  results(fromYear: $from, toYear: $to) {
    ${RESULTS}
  }
`;

const ALL = /* GraphQL */ `
  query Compare($from: Int!, $to: Int!) {
    alliances {
      ${ALLIANCE}
    }
  }
`;

const ONE = /* GraphQL */ `
  query CompareOne($from: Int!, $to: Int!) {
    alliances: alliance(id: "${CONSORTIUM}") {
      ${ALLIANCE}
    }
  }
`;

interface Money {
  amount: string;
  currency: string;
}

interface Year {
  year: number;
  projectsDocked: number;
  projectsReachingPilot: number;
  projectsIndustrialized: number;
  benefitsDistributed: Money;
  capitalCommitted: Money | null;
}

interface Compared {
  id: string;
  capitalCommitted: Money | null;
  goals: { measure: string | null; actual: string | null }[] | null;
  results: Year[];
}

let federation: Federation;
let casSecretariat: string;
let consortiumSecretariat: string;
let coatingSecretariat: string;

async function compare(token?: string, years = { from: FROM, to: YEAR }): Promise<Map<string, Compared>> {
  const response = await federation.query<{ alliances: Compared[] }>(ALL, years, token);
  expect(response.errors).toBeUndefined();
  return new Map(response.data!.alliances.map((a) => [a.id, a]));
}

async function ok<T>(response: Promise<GraphQLResponse<T>>): Promise<T> {
  const answer = await response;
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

/** A decimal string plus a number of yuan, two decimals. */
const plus = (amount: string, yuan: number): string => (Number(amount) + yuan).toFixed(2);

const transactionVolume = (alliance: Compared | undefined) =>
  alliance?.goals?.find((g) => g.measure === 'TRANSACTION_VOLUME')?.actual;

let before: Map<string, Compared>;
let after: Map<string, Compared>;
let consortiumProject: string;
const committed: Record<string, string> = {};
/** What the test distributes under the consortium project's agreement, in yuan. */
const DISTRIBUTED = '12345678.91';

beforeAll(async () => {
  federation = await startFederation();
  casSecretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  consortiumSecretariat = await federation.token(`alliance:${CONSORTIUM}`, 'SECRETARIAT');
  coatingSecretariat = await federation.token(`alliance:${COATING}`, 'SECRETARIAT');
  before = await compare();

  // Two projects docked this year, one in the consortium, one in the CAS alliance.
  const dock = async (allianceId: string, code: string, token: string) =>
    (
      await ok(
        federation.query<{ createProject: { id: string } }>(
          `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
          {
            input: {
              allianceId,
              code,
              title: `Compared ${code}`,
              achievementId: 'ciac-ppc',
              leadEnterpriseId: 'levima',
            },
          },
          token,
        ),
      )
    ).createProject.id;
  consortiumProject = await dock(CONSORTIUM, 'CMP-CSC-001', consortiumSecretariat);
  const casProject = await dock(CAS, 'CMP-CAS-001', casSecretariat);

  // The consortium's project goes to PILOT (past the review gate).
  for (const to of ['EVALUATION', 'PROOF_OF_CONCEPT', 'PILOT']) {
    if (to === 'PROOF_OF_CONCEPT') await givenReview(federation, consortiumProject, 'ADVANCE');
    await ok(
      federation.query(
        `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage } }`,
        { input: { projectId: consortiumProject, to, reason: 'Compared' } },
        consortiumSecretariat,
      ),
    );
  }

  // A fund commits money: what counts, a CONFIDENTIAL commitment, a write-off, an enterprise.
  const fund = await givenFund(federation, { size: '100000000.00' });
  const editor = await federation.token(`fund:${fund.id}`, 'EDITOR');
  const commit = async (name: string, target: Record<string, string>) => {
    const data = await ok(
      federation.query<{ commitInvestment: { id: string } }>(
        `mutation($input: CommitInvestmentInput!) { commitInvestment(input: $input) { id } }`,
        {
          input: {
            fundId: fund.id,
            stage: 'PILOT',
            instrument: 'EQUITY',
            focusArea: 'advanced materials',
            visibility: 'PUBLIC',
            ...target,
          },
        },
        editor,
      ),
    );
    committed[name] = data.commitInvestment.id;
  };
  await commit('consortium', { projectId: consortiumProject, amount: '3000000.00' });
  await commit('confidential', {
    projectId: consortiumProject,
    amount: '5000000.00',
    visibility: 'CONFIDENTIAL',
  });
  await commit('casLastYear', {
    projectId: casProject,
    amount: '7000000.00',
    visibility: 'MEMBERS',
    committedOn: `${YEAR - 1}-03-01`,
  });
  await commit('writtenOff', { projectId: casProject, amount: '4000000.00' });
  await ok(
    federation.query(
      `mutation($id: ID!) { writeOffInvestment(id: $id) { status } }`,
      { id: committed.writtenOff },
      editor,
    ),
  );
  await commit('enterprise', { enterpriseId: 'levima', amount: '2000000.00', stage: 'GROWTH' });

  // Benefits distributed under the consortium project's agreement (its own secretariat
  // records its projects' agreements and executes their distributions).
  const agreement = await ok(
    federation.query<{ signBenefitAgreement: { id: string } }>(
      `mutation($input: SignBenefitAgreementInput!) { signBenefitAgreement(input: $input) { id } }`,
      {
        input: {
          projectId: consortiumProject,
          parties: [
            { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '1/2' },
            { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '1/2' },
          ],
          ipTerms: 'The institute keeps the patents and licenses them to the operator.',
          signedOn: chinaToday(),
        },
      },
      consortiumSecretariat,
    ),
  );
  await ok(
    federation.query(
      `mutation($input: ExecuteDistributionInput!) { executeDistribution(input: $input) { id } }`,
      {
        input: {
          agreementId: agreement.signBenefitAgreement.id,
          amount: DISTRIBUTED,
          note: 'Licence income',
        },
      },
      consortiumSecretariat,
    ),
  );
  after = await compare();
}, 120_000);
afterAll(async () => {
  await federation?.stop();
});

test('an investment in a project records its alliance; one in an enterprise none', async () => {
  const rows = await database(federation, 'funds').query<{ id: string; alliance_id: string | null }[]>(
    'SELECT id, alliance_id FROM funds.investment WHERE id = ANY($1)',
    [Object.values(committed)],
  );
  const allianceOf = new Map(rows.map((r) => [r.id, r.alliance_id]));
  expect(
    Object.fromEntries(Object.entries(committed).map(([name, id]) => [name, allianceOf.get(id)])),
  ).toEqual({
    consortium: CONSORTIUM,
    confidential: CONSORTIUM,
    casLastYear: CAS,
    writtenOff: CAS,
    enterprise: null,
  });
});

test("every alliance's years move by exactly what the test recorded, every year in range present", async () => {
  const expected = structuredClone(before);
  const at = (id: string, year: number): Year => expected.get(id)!.results.find((y) => y.year === year)!;
  // The consortium: one project docked and piloted this year, 3,000,000 that counts (the
  // CONFIDENTIAL 5,000,000 never does), benefits rounded down for the public.
  const consortium = at(CONSORTIUM, YEAR);
  expect(consortium.benefitsDistributed.amount).toBe('0.00');
  consortium.projectsDocked += 1;
  consortium.projectsReachingPilot += 1;
  consortium.capitalCommitted!.amount = plus(consortium.capitalCommitted!.amount, 3_000_000);
  consortium.benefitsDistributed.amount = '10000000.00';
  // The CAS alliance: one project docked this year, 7,000,000 committed last year (the
  // written-off 4,000,000 binds nothing).
  at(CAS, YEAR).projectsDocked += 1;
  const lastYear = at(CAS, YEAR - 1);
  lastYear.capitalCommitted!.amount = plus(lastYear.capitalCommitted!.amount, 7_000_000);
  for (const id of [CONSORTIUM, CAS, COATING]) {
    expect({ id, results: after.get(id)!.results }).toEqual({ id, results: expected.get(id)!.results });
    expect(after.get(id)!.results.map((y) => y.year)).toEqual([YEAR - 2, YEAR - 1, YEAR]);
  }
  // The coating alliance has no projects: zeros, every year.
  expect(
    after.get(COATING)!.results.map((y) => [y.year, y.projectsDocked, y.capitalCommitted?.amount]),
  ).toEqual([
    [YEAR - 2, 0, '0.00'],
    [YEAR - 1, 0, '0.00'],
    [YEAR, 0, '0.00'],
  ]);
});

test("each alliance's capital in all moves by its projects' counting, non-confidential commitments", async () => {
  const capital = (of: Map<string, Compared>, id: string) => of.get(id)!.capitalCommitted!.amount;
  expect(capital(after, CONSORTIUM)).toBe(plus(capital(before, CONSORTIUM), 3_000_000));
  expect(capital(after, CAS)).toBe(plus(capital(before, CAS), 7_000_000));
  expect(capital(after, COATING)).toBe(capital(before, COATING));
  expect(after.get(CAS)!.capitalCommitted?.currency).toBe('CNY');
});

test("the consortium's transaction volume is its capital plus its benefits as the caller may read them", async () => {
  expect(transactionVolume(before.get(CONSORTIUM))).toBe('0.00');
  // The public: 3,000,000 committed + 12,345,678.91 distributed, rounded down to 10,000,000.
  expect(transactionVolume(after.get(CONSORTIUM))).toBe('13000000.00');
  const own = await compare(consortiumSecretariat);
  expect(transactionVolume(own.get(CONSORTIUM))).toBe('15345678.91');
  // Its other goals count from its own records: the project docked.
  const docked = (of: Map<string, Compared>) =>
    of.get(CONSORTIUM)!.goals!.find((g) => g.measure === 'DOCKED_PROJECTS')!.actual;
  expect(Number(docked(after))).toBe(Number(docked(before)) + 1);
});

test("benefits are exact for the alliance's own secretariat and rounded for anyone else", async () => {
  const benefits = (of: Map<string, Compared>, id: string, year = YEAR) =>
    of.get(id)!.results.find((y) => y.year === year)!.benefitsDistributed;
  expect(benefits(await compare(consortiumSecretariat), CONSORTIUM)).toEqual({
    amount: DISTRIBUTED,
    currency: 'CNY',
  });
  // The consortium's figures are not the CAS secretariat's own.
  expect(benefits(await compare(casSecretariat), CONSORTIUM).amount).toBe('10000000.00');
  expect(benefits(await compare(coatingSecretariat), CONSORTIUM).amount).toBe('10000000.00');
  expect(benefits(after, CONSORTIUM).amount).toBe('10000000.00');

  // Recounted from the distributions, year by year in China: each secretariat reads its own
  // alliance's exactly, and anyone else the same sums rounded down to ¥10,000,000.
  const rows = await database(federation, 'alliance').query<
    { alliance_id: string; amount: string; executed_at: Date }[]
  >(
    `SELECT p.alliance_id, d.amount, d.executed_at
     FROM alliance.distribution d
     JOIN alliance.benefit_agreement g ON g.id = d.agreement_id
     JOIN alliance.project p ON p.id = g.project_id
     WHERE d.currency = 'CNY'`,
  );
  const fen = (id: string, year: number) =>
    rows
      .filter((r) => r.alliance_id === id && Number(chinaToday(new Date(r.executed_at)).slice(0, 4)) === year)
      .reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
  // The dashboard's benefits are the CAS alliance's, by the same rule.
  const dashboard = async (token?: string) =>
    (
      await ok(
        federation.query<{ allianceMetrics: { benefitsDistributed: Money } }>(
          '{ allianceMetrics { benefitsDistributed { amount } } }',
          {},
          token,
        ),
      )
    ).allianceMetrics.benefitsDistributed.amount;
  const casFen = rows
    .filter((r) => r.alliance_id === CAS)
    .reduce((sum, r) => sum + Math.round(Number(r.amount) * 100), 0);
  expect(await dashboard(casSecretariat)).toBe((casFen / 100).toFixed(2));
  expect(await dashboard(consortiumSecretariat)).toBe(
    (Math.floor(casFen / 1_000_000_000) * 10_000_000).toFixed(2),
  );
  for (const [id, token] of [
    [CAS, casSecretariat],
    [CONSORTIUM, consortiumSecretariat],
    [COATING, coatingSecretariat],
  ] as const) {
    const own = await compare(token, { from: FROM - 10, to: YEAR });
    const outsider = await compare(undefined, { from: FROM - 10, to: YEAR });
    for (const { year } of own.get(id)!.results) {
      const exact = fen(id, year);
      expect([id, year, benefits(own, id, year).amount]).toEqual([id, year, (exact / 100).toFixed(2)]);
      expect([id, year, benefits(outsider, id, year).amount]).toEqual([
        id,
        year,
        (Math.floor(exact / 1_000_000_000) * 10_000_000).toFixed(2),
      ]);
    }
  }
});

test('the statements per subgraph are the same for one alliance as for three', async () => {
  const years = { from: YEAR - 19, to: YEAR };
  let answered: Compared[] = [];
  const all = await federation.statementsDuring(async () => {
    answered = (await ok(federation.query<{ alliances: Compared[] }>(ALL, years))).alliances;
  });
  const one = await federation.statementsDuring(() => ok(federation.query(ONE, years)));
  // Twenty years of three alliances, priced by @listSize and accepted by the cost check.
  expect(answered).toHaveLength(3);
  expect(answered.every((a) => a.results.length === 20)).toBe(true);
  expect(all).toEqual(one);
  // In the funds, one statement for the capital of the alliances and one for their years.
  // In the alliance, six: the alliances, their years, and for the goals (which the gateway
  // asks after the funds' capital) the alliances again, their goals, figures and benefits.
  expect(all).toMatchObject({ funds: 2, alliance: 6 });
});

describe('a year range out of bounds is refused, naming the argument, before any SQL', () => {
  test.each([
    ['more than 20 years', 2000, 2020, 'toYear'],
    ['the last year before the first', 2020, 2019, 'toYear'],
    ['a first year before 1900', 1800, 1810, 'fromYear'],
    ['a last year after 2199', 2190, 2200, 'toYear'],
  ])('%s', async (_case, from, to, field) => {
    const refused = `query($from: Int!, $to: Int!) { alliances { id results(fromYear: $from, toYear: $to) { year capitalCommitted { amount } } } }`;
    let response: GraphQLResponse | undefined;
    const statements = await federation.statementsDuring(async () => {
      response = await federation.query(refused, { from, to });
    });
    expect(response?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response?.errors?.[0]?.message).toContain(field);
    // No statement beyond listing the alliances; none in the funds.
    const listing = await federation.statementsDuring(() => federation.query('{ alliances { id } }'));
    expect(statements).toEqual(listing);
    expect(statements.funds).toBe(0);
  });
});

test("a year is China's: a project docked at 00:30 on 1 January there counts in the new year", async () => {
  const docked = async () =>
    (await compare(undefined, { from: 2010, to: 2011 })).get(COATING)!.results.map((y) => y.projectsDocked);
  const before = await docked();
  // 16:30 UTC on 31 December 2010 is 00:30 on 1 January 2011 in China.
  const at = new Date('2010-12-31T16:30:00Z');
  await givenProject(federation, { allianceId: COATING, createdAt: at, updatedAt: at });
  expect(await docked()).toEqual([before[0], before[1]! + 1]);
});
