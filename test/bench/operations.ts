import { scaleId } from '../../shared/scale';

/**
 * The benchmark's canonical operations: what the alliance's frontends ask most, each as
 * one GraphQL request through the gateway, plus writes that queue on one row.
 */

/** Who sends an operation: anonymous, or a member organization with roles. */
export interface Sender {
  organization: string;
  roles: ('VIEWER' | 'EDITOR' | 'SECRETARIAT' | 'EXPERT')[];
}

export interface Operation {
  name: string;
  description: string;
  query: string;
  variables: Record<string, unknown>;
  sender: Sender | null;
  /** Writes send different variables each time (a new period, say). */
  nextVariables?: () => Record<string, unknown>;
  /** Whether those variables may come round again (a read of varied pages), or must never repeat (a write). */
  variablesRepeat?: boolean;
}

/** A member who reads: sees MEMBERS data and bookings. */
const VIEWER: Sender = { organization: `enterprise:${scaleId('e', 1)}`, roles: ['VIEWER'] };

/** The project board: a page of projects with everything each subgraph knows about them. */
export const BOARD_QUERY = /* GraphQL */ `
  query Board($first: Int!) {
    projects(first: $first) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          title
          stage
          achievement {
            id
            title
            trl
            institute {
              id
              name
            }
          }
          leadEnterprise {
            id
            name
            ownership
          }
          investments {
            amount {
              amount
              currency
            }
            stage
            fund {
              id
              name
            }
          }
          bookings {
            start
            end
            status
            facility {
              name
              base {
                name
              }
            }
          }
        }
      }
    }
  }
`;

export function board(first: number): Operation {
  return {
    name: first === 50 ? 'board' : `board-${first}`,
    description: `project board: ${first} projects with achievement, institute, lead enterprise, investments, funds, bookings, facilities, bases`,
    query: BOARD_QUERY,
    variables: { first },
    sender: VIEWER,
  };
}

/**
 * The board with a different page size (41–50) on each request: no two requests in flight
 * ask the same, so the gateway cannot collapse them.
 */
export function boardOfVariedPages(): Operation {
  let request = 0;
  return {
    ...board(50),
    name: 'board-varied',
    description: 'project board, 41–50 projects, a different size on each request in flight',
    nextVariables: () => ({ first: 41 + (request++ % 10) }),
    variablesRepeat: true,
  };
}

const SEARCH: Operation = {
  name: 'search',
  description: 'achievement search: full text, 20 most relevant with their institutes',
  query: /* GraphQL */ `
    query Search($query: String!) {
      searchAchievements(query: $query, first: 20) {
        totalCount
        edges {
          relevance
          node {
            id
            title
            trl
            developmentStatus
            institute {
              name
            }
          }
        }
      }
    }
  `,
  variables: { query: 'photovoltaic encapsulant film' },
  sender: VIEWER,
};

const MATCHING: Operation = {
  name: 'matching',
  description: "demand matching: a demand's 5 best candidate achievements (@requires across subgraphs)",
  query: /* GraphQL */ `
    query Matching($id: ID!) {
      technologyDemand(id: $id) {
        id
        title
        minTrl
        candidateAchievements(first: 5) {
          score
          fieldMatch
          matchedKeywords
          achievement {
            id
            title
            trl
            institute {
              name
            }
          }
        }
      }
    }
  `,
  variables: { id: scaleId('d', 1) },
  sender: VIEWER,
};

const MATCHING_DEMANDS: Operation = {
  name: 'demands',
  description:
    "the other way: an achievement's 5 best open demands (@requires across subgraphs), each with its enterprise",
  query: /* GraphQL */ `
    query MatchingDemands($id: ID!) {
      achievement(id: $id) {
        id
        title
        matchingDemands(first: 5) {
          score
          fieldMatch
          matchedKeywords
          demand {
            id
            title
            enterprise {
              name
            }
          }
        }
      }
    }
  `,
  variables: { id: scaleId('a', 41) },
  sender: VIEWER,
};

export const METRICS: Operation = {
  name: 'metrics',
  description: 'alliance metrics: the dashboard stitched from all five subgraphs',
  query: /* GraphQL */ `
    query Metrics {
      allianceMetrics {
        transformationProjects
        keyProjects
        governingUnits
        members
        projectsByStage {
          stage
          projects
        }
        funnel {
          docked
          evaluated
          proofOfConcept
          pilot
          industrialization
          commercialized
        }
        benefitsDistributed {
          amount
        }
        achievementsByTrl {
          trl
          achievements
        }
        centralSoes
        capitalCommitted {
          amount
        }
        capitalDisbursed {
          amount
        }
        facilityUtilization(from: "2025-01-01", to: "2026-01-01") {
          rate
          bookedDays
        }
        targets {
          target
          actual
          percent
        }
      }
    }
  `,
  variables: {},
  sender: null,
};

/** Every connection commits into the same fund: the commitments queue on its row lock. */
const COMMIT: Operation = {
  name: 'commit',
  description: 'write under contention: 1,000.00 commitments into one fund (row lock, checked with alliance)',
  query: /* GraphQL */ `
    mutation Commit($input: CommitInvestmentInput!) {
      commitInvestment(input: $input) {
        id
        status
        amount {
          amount
        }
      }
    }
  `,
  variables: {
    input: {
      fundId: scaleId('f', 1),
      projectId: scaleId('p', 1),
      stage: 'PILOT',
      instrument: 'GRANT',
      amount: '1000.00',
      focusArea: 'advanced materials',
    },
  },
  sender: { organization: `fund:${scaleId('f', 1)}`, roles: ['EDITOR'] },
};

/** The facility every booking request of the benchmark asks for (an OPEN one). */
export const CONTENDED_FACILITY = scaleId('fc', 2);

/**
 * Every connection asks for the same facility, each request for the next free day after
 * `firstDay`: the requests queue on the facility's row and the exclusion constraint.
 */
export function bookingRequests(firstDay: string): Operation {
  let day = Date.parse(`${firstDay}T00:00:00Z`);
  const input = () => {
    const start = new Date(day).toISOString().slice(0, 10);
    day += 86_400_000;
    const end = new Date(day).toISOString().slice(0, 10);
    return {
      input: {
        facilityId: CONTENDED_FACILITY,
        projectId: scaleId('p', 1),
        start,
        end,
        purpose: 'Benchmark: one-day trial run',
      },
    };
  };
  return {
    name: 'book',
    description:
      'write under contention: one-day booking requests for one facility (row lock + exclusion constraint)',
    query: /* GraphQL */ `
      mutation Book($input: RequestBookingInput!) {
        requestBooking(input: $input) {
          id
          start
          status
        }
      }
    `,
    variables: input(),
    nextVariables: input,
    // The secretariat may book for any project (an enterprise only for the projects it leads).
    sender: { organization: 'alliance:secretariat', roles: ['SECRETARIAT'] },
  };
}

/** The reads, in the order the benchmark runs them. */
export const READS: Operation[] = [board(50), SEARCH, MATCHING, MATCHING_DEMANDS, METRICS];
export const WRITES = { commit: COMMIT };

/** The README's first query (the DMTO project, anonymous): what the startup probe waits for. */
export const FIRST_QUERY = /* GraphQL */ `
  query DmtoProject {
    project(id: "dmto-industrialization") {
      code
      title
      stage
      achievement {
        title
        trl
        institute {
          name
        }
      }
      leadEnterprise {
        name
      }
      pilotBases {
        name
      }
      investments {
        amount {
          amount
          currency
        }
        fund {
          name
        }
      }
    }
  }
`;

/**
 * Per subgraph, an entity type and selection for the `_entities` probe (what the gateway
 * asks of that subgraph when it joins a board), and where to find ids to ask for: generated
 * rows a member may see. `withChildren` picks, among the 100 ids (`$1`), those whose
 * selection reaches rows below them: the ×1 request asks for one of them, so that one entity
 * and a hundred run the same statements and the ratio is what each entity costs (a project
 * without bookings is answered from none of the three tables its bookings are read from).
 */
export const ENTITY_PROBES: {
  subgraph: string;
  typename: string;
  selection: string;
  ids: { subgraph: string; sql: string };
  withChildren?: string;
}[] = [
  {
    subgraph: 'institutes',
    typename: 'Achievement',
    selection: 'id title trl institute { name }',
    ids: {
      subgraph: 'institutes',
      sql: `SELECT id FROM institutes.achievement WHERE id LIKE 'scale-a-%' AND visibility <> 'CONFIDENTIAL'`,
    },
  },
  {
    subgraph: 'enterprises',
    typename: 'Enterprise',
    selection: 'id name ownership',
    ids: { subgraph: 'enterprises', sql: `SELECT id FROM enterprises.enterprise WHERE id LIKE 'scale-e-%'` },
  },
  {
    subgraph: 'pilot-bases',
    typename: 'Project',
    selection: 'id bookings { start status facility { name base { name } } }',
    ids: { subgraph: 'alliance', sql: `SELECT id FROM alliance.project WHERE id LIKE 'scale-p-%'` },
    withChildren: `SELECT DISTINCT project_id AS id FROM pilot_bases.booking WHERE project_id = ANY($1) ORDER BY 1`,
  },
  {
    subgraph: 'funds',
    typename: 'Project',
    selection: 'id investments { amount { amount } fund { name } }',
    // Projects with an investment the caller sees. Spread over every project, the ids fell on
    // multiples of 1,000, which the generator never gives an investment (it skips every tenth
    // project): the probe asked for 100 empty lists and never reached an amount or a fund.
    ids: {
      subgraph: 'funds',
      sql: `SELECT DISTINCT project_id AS id FROM funds.investment WHERE project_id LIKE 'scale-p-%' AND visibility <> 'CONFIDENTIAL'`,
    },
  },
  {
    subgraph: 'alliance',
    typename: 'Project',
    selection: 'id code title stage history { to }',
    ids: { subgraph: 'alliance', sql: `SELECT id FROM alliance.project WHERE id LIKE 'scale-p-%'` },
  },
];
