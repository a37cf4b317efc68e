import { randomUUID } from 'node:crypto';
import { StageChangeEntity } from '../services/alliance/projects/stage-change.entity';
import { InvestmentEntity } from '../services/funds/entities/investment.entity';
import { givenProject } from './builders';
import { database } from './builders-capital';
import { startFederation, type Federation } from './federation';
import { dataOf, statementsOf } from './graphql';

/**
 * The gateway's cost model with the default limits: a board of 100 projects is answered,
 * ten copies of it are refused before any SQL runs, and every list of investments is
 * bounded by its `first` both in the price and in what the funds subgraph returns.
 */
let federation: Federation;
let member: string;

const BOARD = /* GraphQL */ `
  projects(first: 100) {
    edges {
      node {
        id code title stage keyProject
        achievement { title trl institute { name } }
        leadEnterprise { name }
        investments { amount { amount currency } stage fund { name } }
      }
    }
  }
`;

function investment(overrides: Partial<InvestmentEntity>, i: number): InvestmentEntity {
  return {
    id: randomUUID(),
    fundId: 'cas-amif',
    projectId: null,
    enterpriseId: null,
    // Every project of this file is givenProject's, of the CAS alliance.
    allianceId: overrides.projectId ? 'cas-advanced-materials' : null,
    stage: 'PILOT',
    instrument: 'EQUITY',
    amount: '1000.00',
    status: 'COMMITTED',
    // Distinct days, so that "newest first" has no ties.
    committedOn: new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    illustrative: true,
    ...overrides,
  };
}

beforeAll(async () => {
  federation = await startFederation();
  member = await federation.token('enterprise:levima', 'VIEWER');
  const projects = [];
  for (let i = 0; i < 100; i++) projects.push(await givenProject(federation));
  // Each project gets two investments, and the fund 200 more of its own: 400 in all.
  const rows = [
    ...projects.flatMap((p, i) => [
      investment({ projectId: p.id }, 2 * i),
      investment({ projectId: p.id }, 2 * i + 1),
    ]),
    ...Array.from({ length: 200 }, (_, i) => investment({ enterpriseId: 'levima' }, 1000 + i)),
  ];
  await database(federation, 'funds').getRepository(InvestmentEntity).insert(rows);
}, 60_000);
afterAll(async () => {
  await federation.stop();
});

test('a board of 100 projects with their investments is answered within the default limits', async () => {
  const response = await federation.query<{ projects: { edges: { node: { investments: unknown[] } }[] } }>(
    `{ ${BOARD} }`,
    {},
    member,
  );
  expect(response.errors).toBeUndefined();
  const { edges } = dataOf(response).projects;
  expect(edges).toHaveLength(100);
  expect(edges.some((edge) => edge.node.investments.length === 2)).toBe(true);
});

test('ten copies of the board are refused with QUERY_COST_EXCEEDED before any SQL runs', async () => {
  const tenBoards = `{ ${Array.from({ length: 10 }, (_, i) => `b${i}: ${BOARD}`).join(' ')} }`;
  let response: Awaited<ReturnType<Federation['query']>> | undefined;
  const statements = await federation.statementsDuring(async () => {
    response = await federation.query(tenBoards, {}, member);
  });
  expect(statements).toEqual(Object.fromEntries(Object.keys(statements).map((name) => [name, 0])));
  expect(response!.status).toBe(400);
  expect(response!.data ?? null).toBeNull();
  expect(response!.errors).toHaveLength(1);
  const error = response!.errors![0]!;
  expect(error.extensions).toMatchObject({ code: 'QUERY_COST_EXCEEDED', maxCost: 20000 });
  expect(error.extensions!.cost).toBeGreaterThan(20000);
  expect(error.message).toMatch(/page size/);
});

test('the fragment bomb of issue 15 is refused before any SQL runs', async () => {
  let fragments = 'fragment F0 on Query { __typename } ';
  for (let i = 1; i <= 3; i++)
    fragments += `fragment F${i} on Query { ${Array(300)
      .fill(`...F${i - 1}`)
      .join(' ')} } `;
  let response: Awaited<ReturnType<Federation['query']>> | undefined;
  const statements = await federation.statementsDuring(async () => {
    response = await federation.query(`query Q { ...F3 } ${fragments}`);
  });
  expect(Object.values(statements).every((n) => n === 0)).toBe(true);
  expect(response!.status).toBe(400);
  expect(response!.errors?.[0]?.extensions).toMatchObject({
    code: 'QUERY_COST_EXCEEDED',
    maxSelections: 10_000,
  });
});

describe("a fund's investments", () => {
  const OF_FUND = 'query($n: Int) { fund(id: "cas-amif") { investments(first: $n) { id } } }';

  test('are 20 by default, and at most `first`, however many there are', async () => {
    const byDefault = await statementsOf<{ fund: { investments: unknown[] } }>(
      federation,
      '{ fund(id: "cas-amif") { investments { id } } }',
      {},
      member,
    );
    expect(byDefault.data.fund.investments).toHaveLength(20);
    const hundred = await statementsOf<{ fund: { investments: unknown[] } }>(
      federation,
      OF_FUND,
      { n: 100 },
      member,
    );
    expect(hundred.data.fund.investments).toHaveLength(100);
    const five = await statementsOf<{ fund: { investments: unknown[] } }>(
      federation,
      OF_FUND,
      { n: 5 },
      member,
    );
    expect(five.data.fund.investments).toHaveLength(5);
    expect(five.counts).toEqual(hundred.counts);
  });

  test.each([
    [101, 'at most 100'],
    [0, 'between 1 and 100'],
  ])('first: %d is refused with BAD_USER_INPUT naming first', async (n, message) => {
    const response = await federation.query(OF_FUND, { n }, member);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(response.errors?.[0]?.message).toMatch(message);
  });

  test('the cycle fund → investments → fund → … is answered within 20 × 20 × 20 rows', async () => {
    const { data } = await statementsOf<{
      fund: { investments: { fund: { investments: { fund: { investments: unknown[] } }[] } }[] };
    }>(
      federation,
      '{ fund(id: "cas-amif") { investments { fund { investments { fund { investments { id } } } } } } }',
      {},
      member,
    );
    expect(data.fund.investments).toHaveLength(20);
    for (const outer of data.fund.investments) {
      expect(outer.fund.investments).toHaveLength(20);
      for (const inner of outer.fund.investments) expect(inner.fund.investments).toHaveLength(20);
    }
  });
});

test("a project's and an enterprise's investments are bounded by first too", async () => {
  const { data } = await statementsOf<{
    enterprise: { investments: unknown[] };
    projects: { edges: { node: { investments: unknown[] | null } }[] };
  }>(
    federation,
    '{ enterprise(id: "levima") { investments { id } } projects(first: 100) { edges { node { investments(first: 1) { id } } } } }',
    {},
    member,
  );
  expect(data.enterprise.investments).toHaveLength(20);
  expect(data.projects.edges.every((edge) => (edge.node.investments?.length ?? 0) <= 1)).toBe(true);
});

describe('every growing list has a bound the subgraph enforces', () => {
  test.each([
    ['Fund.investments', '{ funds { investments(first: 0) { id } } }'],
    ['Project.investments', '{ project(id: "dmto-industrialization") { investments(first: 0) { id } } }'],
    ['Enterprise.investments', '{ enterprise(id: "levima") { investments(first: 0) { id } } }'],
    ['Project.bookings', '{ project(id: "dmto-industrialization") { bookings(first: 0) { id } } }'],
    ['PilotBase.facilities', '{ pilotBases { facilities(first: 0) { id } } }'],
    ['Project.history', '{ project(id: "dmto-industrialization") { history(first: 0) { to } } }'],
    ['Project.reviews', '{ project(id: "dmto-industrialization") { reviews(first: 0) { id } } }'],
    ['Institute.researchers', '{ institutes { researchers(first: 0) { id } } }'],
    ['Achievement.trlHistory', '{ achievement(id: "dmto") { trlHistory(first: 0) { to } } }'],
    ['Achievement.patents', '{ achievement(id: "dmto") { patents(first: 0) { id } } }'],
  ])('%s refuses first: 0 with BAD_USER_INPUT naming first', async (_field, query) => {
    const response = await federation.query(query, {}, member);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test("a project's history is 20 by default, and costs the same statements for 2 as for 25", async () => {
    const projects = await Promise.all([givenProject(federation), givenProject(federation)]);
    const changes = projects.flatMap((project) =>
      Array.from({ length: 30 }, (_, i) => ({
        projectId: project.id,
        from: 'DOCKING' as const,
        to: 'EVALUATION' as const,
        by: 'test',
        at: new Date(Date.UTC(2021, 0, 1) + i * 60_000),
        reason: `change ${i}`,
      })),
    );
    await database(federation, 'alliance').getRepository(StageChangeEntity).insert(changes);
    const historyOf = (first: string) =>
      `{ ${projects.map((p, i) => `p${i}: project(id: "${p.id}") { history${first} { reason } }`).join(' ')} }`;
    type Histories = Record<string, { history: unknown[] }>;
    const byDefault = await statementsOf<Histories>(federation, historyOf(''), {}, member);
    expect(Object.values(byDefault.data).map((p) => p.history.length)).toEqual([20, 20]);
    const two = await statementsOf<Histories>(federation, historyOf('(first: 2)'), {}, member);
    const many = await statementsOf<Histories>(federation, historyOf('(first: 25)'), {}, member);
    expect(Object.values(two.data).map((p) => p.history.length)).toEqual([2, 2]);
    expect(Object.values(many.data).map((p) => p.history.length)).toEqual([25, 25]);
    expect(two.counts).toEqual(many.counts);
  });
});
