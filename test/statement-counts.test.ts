import { givenInvestment, givenProject } from './builders';
import { givenFund } from './builders-capital';
import { givenAchievement } from './builders-innovation';
import { startFederation, type Federation } from './federation';

/**
 * A list of N projects with their achievements, institutes, enterprises, investments,
 * funds and pilot bases costs the same number of SQL statements per subgraph for N = 5
 * and N = 50: every reference and child list is batched.
 */
const BOARD = /* GraphQL */ `
  query Board($first: Int!) {
    projects(first: $first) {
      totalCount
      edges {
        node {
          code
          achievement {
            title
            institute {
              name
            }
          }
          leadEnterprise {
            name
          }
          investments {
            amount {
              amount
            }
            fund {
              name
            }
          }
          totalInvested {
            amount
          }
          pilotBases {
            name
          }
          history {
            to
          }
        }
      }
    }
  }
`;

let federation: Federation;

let funds: string[] = [];

beforeAll(async () => {
  federation = await startFederation();
  // Many distinct keys on every page: twelve achievements over three institutes, four lead
  // enterprises, six funds. With one or two, a lookup per distinct key would look batched.
  const institutes = ['dicp', 'ciac', 'iccas'];
  const achievements: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    achievements.push((await givenAchievement(federation, { instituteId: institutes[i % 3] })).id);
  }
  const enterprises = [
    'levima',
    'sinopec-guangzhou-engineering',
    'chengdu-organic-chemicals',
    'guangzhou-chemical',
  ];
  funds = [];
  for (let i = 0; i < 6; i += 1) funds.push((await givenFund(federation, { size: '100000000.00' })).id);
  // 110: enough for a hundredth page of the filtered board below.
  for (let i = 0; i < 110; i += 1) {
    const project = await givenProject(federation, {
      achievementId: achievements[i % achievements.length],
      leadEnterpriseId: enterprises[i % enterprises.length],
    });
    await givenInvestment(federation, { projectId: project.id, fundId: funds[i % funds.length] });
    await givenInvestment(federation, { projectId: project.id, fundId: funds[(i + 1) % funds.length] });
  }
});
afterAll(async () => {
  await federation.stop();
});

async function boardStatements(first: number): Promise<Record<string, number>> {
  let edges = 0;
  const counts = await federation.statementsDuring(async () => {
    const response = await federation.query<{ projects: { edges: unknown[] } }>(BOARD, { first });
    expect(response.errors).toBeUndefined();
    edges = response.data!.projects.edges.length;
  });
  expect(edges).toBe(first);
  return counts;
}

test('statements per subgraph do not grow with the page size', async () => {
  const five = await boardStatements(5);
  const fifty = await boardStatements(50);
  expect(fifty).toEqual(five);
  // Every subgraph took part, each with a handful of statements.
  for (const [subgraph, count] of Object.entries(five)) {
    expect({ subgraph, count: count > 0 && count <= 4 }).toEqual({ subgraph, count: true });
  }
});

/** The board's filtered, ordered page: the selection of BOARD over a cursor. */
const FILTERED_BOARD = BOARD.replace(
  'query Board($first: Int!) {',
  'query FilteredBoard($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {',
).replace(
  'projects(first: $first) {',
  'projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { pageInfo { endCursor }',
);

test('a filtered, ordered board page costs as many statements deep down the list as near its top', async () => {
  // Filters answered by the alliance and by two other subgraphs (through their peers).
  const filter = {
    fundIds: funds,
    instituteIds: ['dicp', 'ciac', 'iccas'],
    stages: ['DOCKING'],
    text: 'test',
  };
  const orderBy = { field: 'TITLE', direction: 'ASC' };
  const cursors: (string | null)[] = [null];
  for (let page = 1; page < 100; page += 1) {
    const response = await federation.query<{ projects: { pageInfo: { endCursor: string } } }>(
      `query($after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {
        projects(first: 1, after: $after, filter: $filter, orderBy: $orderBy) { pageInfo { endCursor } }
      }`,
      { after: cursors[page - 1], filter, orderBy },
    );
    cursors.push(response.data!.projects.pageInfo.endCursor);
  }
  const statementsOfPage = (n: number) =>
    federation.statementsDuring(async () => {
      const response = await federation.query<{ projects: { edges: unknown[] } }>(FILTERED_BOARD, {
        first: 1,
        after: cursors[n - 1],
        filter,
        orderBy,
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.projects.edges).toHaveLength(1);
    });
  const tenth = await statementsOfPage(10);
  const hundredth = await statementsOfPage(100);
  expect(hundredth).toEqual(tenth);
  // The alliance reads the page and its total: two statements, plus the page's own fields.
  expect(tenth.alliance).toBeLessThanOrEqual(4);
});
