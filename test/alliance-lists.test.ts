import { MemberEntity } from '../services/alliance/members/member.entity';
import { givenProject } from './builders';
import { givenExpert, givenReview } from './builders-alliance';
import { startFederation, type Federation } from './federation';

/**
 * The alliance's lists cost a constant number of SQL statements per subgraph, whatever
 * the page size: the member register with its organizations from four subgraphs, the
 * expert committee with its reviews, and a pipeline board with each project's lifecycle
 * fields, reviews and agreement.
 */

const MEMBERS = /* GraphQL */ `
  query Members($first: Int!) {
    members(first: $first) {
      edges {
        node {
          role
          registeredName
          organization {
            ... on Institute {
              name
              membership {
                joinedOn
              }
            }
            ... on Enterprise {
              name
              membership {
                joinedOn
              }
            }
            ... on Fund {
              name
            }
            ... on PilotBase {
              name
            }
          }
        }
      }
    }
  }
`;

const EXPERTS = /* GraphQL */ `
  query Experts($first: Int!) {
    experts(first: $first) {
      edges {
        node {
          name
          affiliation {
            ... on Institute {
              name
            }
            ... on Enterprise {
              name
            }
          }
          reviews {
            recommendation
            averageScore
            project {
              code
              stage
            }
          }
        }
      }
    }
  }
`;

// The CAS alliance's board: the newest projects of the whole graph are the consortium's, so
// unfiltered, a page of 5 and one of 40 would hold different kinds of rows.
const BOARD = /* GraphQL */ `
  query Board($first: Int!) {
    projects(first: $first, filter: { allianceIds: ["cas-advanced-materials"] }) {
      edges {
        node {
          code
          stage
          heldFrom
          allowedNextStages
          history {
            to
          }
          reviews {
            recommendation
            expert {
              name
            }
          }
          benefitAgreement {
            version
            parties {
              share
              party {
                ... on Institute {
                  name
                }
                ... on Enterprise {
                  name
                }
                ... on Fund {
                  name
                }
              }
            }
          }
          leadEnterprise {
            name
            membership {
              role
            }
          }
        }
      }
    }
  }
`;

let federation: Federation;
let secretariat: string;

beforeAll(async () => {
  federation = await startFederation();
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  // A fund and a pilot base at the head of the register, so that both page sizes reach all four subgraphs.
  await federation.stack.subgraphs
    .get('alliance')!
    .dataSource.getRepository(MemberEntity)
    .insert(
      (
        [
          ['fund', 'zhejiang-amif'],
          ['pilot-base', 'shangyu'],
        ] as const
      ).map(([type, id]) => ({
        id: `member-test-${id}`,
        organizationType: type,
        organizationId: id,
        registeredName: null,
        role: 'MEMBER' as const,
        status: 'ACTIVE' as const,
        joinedOn: '2017-12-01',
        leftOn: null,
        illustrative: true,
        createdAt: new Date(),
        updatedAt: new Date(),
      })),
    );
  // 30 experts with reviews; 40 newer projects, some on hold, with reviews and agreements.
  for (let i = 0; i < 30; i += 1) {
    const expert = await givenExpert(federation, {
      name: `Expert ${String(i).padStart(2, '0')}`,
      affiliationType: i % 2 ? 'institute' : 'enterprise',
      affiliationId: i % 2 ? 'dicp' : 'levima',
    });
    await givenReview(federation, 'ppc-degradable-packaging', 'HOLD', 'DOCKING', expert.id);
  }
  for (let i = 0; i < 40; i += 1) {
    const project = await givenProject(federation, { stage: i % 3 ? 'EVALUATION' : 'PILOT' });
    await givenReview(federation, project.id, 'ADVANCE');
    if (i % 3 === 0) {
      const held = await federation.query(
        `mutation($id: ID!) { changeProjectStage(input: { projectId: $id, to: ON_HOLD, reason: "pause" }) { stage } }`,
        { id: project.id },
        secretariat,
      );
      expect(held.errors).toBeUndefined();
    }
    if (i % 4 === 0) {
      const signed = await federation.query(
        `mutation($id: ID!) { signBenefitAgreement(input: { projectId: $id, ipTerms: "terms", signedOn: "2026-01-01",
           parties: [{ type: INSTITUTE, id: "dicp", role: INSTITUTE, share: "1/3" },
                     { type: FUND, id: "cas-amif", role: INVESTOR, share: "2/3" }] }) { id } }`,
        { id: project.id },
        secretariat,
      );
      expect(signed.errors).toBeUndefined();
    }
  }
});
afterAll(async () => {
  await federation.stop();
});

async function statements(query: string, first: number, token?: string): Promise<Record<string, number>> {
  return federation.statementsDuring(async () => {
    const response = await federation.query<Record<string, { edges: unknown[] }>>(query, { first }, token);
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data!)[0]?.edges).toHaveLength(first);
  });
}

test.each([
  ['the member register', 5, 26, MEMBERS],
  ['the expert committee with reviews', 5, 30, EXPERTS],
  ['a pipeline board with lifecycle fields, reviews and agreements', 5, 40, BOARD],
])('%s: statements per subgraph are the same for %i and %i rows', async (_list, few, many, query) => {
  const small = await statements(query, few, secretariat);
  const large = await statements(query, many, secretariat);
  expect(large).toEqual(small);
  // A sanity bound on the constant: the board's alliance part reads the page, its count, the
  // full history and reviews its rules need and the bounded ones it shows, agreements,
  // parties, experts and memberships — about a dozen, whatever the page size.
  for (const [subgraph, count] of Object.entries(small)) {
    expect({ subgraph, bounded: count <= 12 }).toEqual({ subgraph, bounded: true });
  }
});
