import { startFederation, type Federation } from './federation';

/** The README's first example: the DMTO project across all five subgraphs, anonymously. */
export const DMTO_PROJECT_QUERY = /* GraphQL */ `
  query DmtoProject {
    project(id: "dmto-industrialization") {
      code
      title
      stage
      achievement {
        title
        trl
        awards {
          name
          grade
          year
        }
        institute {
          name
        }
      }
      leadEnterprise {
        name
        ownership
      }
      pilotBases {
        name
        province
      }
      investments {
        amount {
          amount
          currency
        }
        stage
        fund {
          name
        }
      }
    }
  }
`;

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
});

test('the DMTO project resolves across all five subgraphs for an anonymous caller', async () => {
  const response = await federation.query(DMTO_PROJECT_QUERY);
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({
    project: {
      code: 'AMA-2018-001',
      title: 'DMTO industrialization at Levima Advanced Materials',
      stage: 'INDUSTRIALIZATION',
      achievement: {
        title: 'DMTO: Dalian methanol-to-olefins technology',
        trl: 9,
        awards: [{ name: 'National Technological Invention Award', grade: 'First prize', year: 2014 }],
        institute: { name: 'Dalian Institute of Chemical Physics' },
      },
      leadEnterprise: { name: 'Levima Advanced Materials Corporation', ownership: 'MIXED' },
      pilotBases: [{ name: 'Tengzhou Pilot Transformation Base', province: 'Shandong' }],
      investments: [
        {
          amount: { amount: '120000000.00', currency: 'CNY' },
          stage: 'INDUSTRIALIZATION',
          fund: { name: 'CAS Advanced Materials Industry Fund' },
        },
      ],
    },
  });
});

test('the reverse fields lead back to the project', async () => {
  const response = await federation.query<{
    achievement: { projects: { code: string }[] };
    enterprise: {
      ledProjects: { code: string }[];
      investments: { amount: { amount: string }; fund: { name: string } }[];
    };
  }>(`{
    achievement(id: "dmto") { projects { code } }
    enterprise(id: "levima") { ledProjects { code } investments { amount { amount } fund { name } } }
  }`);
  expect(response.errors).toBeUndefined();
  expect(response.data?.achievement.projects.map((p) => p.code)).toEqual(['AMA-2018-001']);
  expect(response.data?.enterprise.ledProjects.map((p) => p.code)).toEqual(['AMA-2019-014', 'AMA-2018-001']);
  expect(response.data?.enterprise.investments).toEqual([
    { amount: { amount: '850000000.00' }, fund: { name: 'CAS Holdings direct investment' } },
  ]);
});
