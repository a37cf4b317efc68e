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
  const funds: string[] = [];
  for (let i = 0; i < 6; i += 1) funds.push((await givenFund(federation, { size: '100000000.00' })).id);
  for (let i = 0; i < 60; i += 1) {
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
