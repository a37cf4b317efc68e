import { EnterpriseEntity } from '../services/enterprises/entities/enterprise.entity';
import { givenInvestment, givenProject } from './builders';
import { database, givenBase, givenBooking, givenFacility, givenFund } from './builders-capital';
import { startFederation, type Federation } from './federation';
import { statementsOf } from './graphql';

/**
 * The lists of children the subgraphs serve through DataLoaders — a project's bookings, a
 * fund's investments, an enterprise's investments, a base's facilities — cost the same SQL
 * statements per subgraph for a page of a few parents as for a page of many. Every parent on
 * every page has children of every kind the query reaches, and the pages are ordered without
 * ties, so the small page can never miss a kind of row the large one has.
 */

let federation: Federation;
let member: string;

beforeAll(async () => {
  federation = await startFederation();
  member = await federation.token('enterprise:levima', 'VIEWER');
});
afterAll(async () => {
  await federation.stop();
});

/** The day `days` after `start`, as YYYY-MM-DD. */
function dayAfter(start: string, days: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Zero-padded, so that names order the same under any collation. */
const nn = (i: number): string => String(i).padStart(2, '0');

/** A FOREIGN enterprise (no demo enterprise is), written straight into its subgraph's database. */
async function givenForeignEnterprise(federation: Federation, name: string): Promise<EnterpriseEntity> {
  const enterprise: EnterpriseEntity = {
    id: `enterprise-${process.pid}-${name.toLowerCase().replace(/\W+/g, '-')}`,
    name,
    nameZh: null,
    ownership: 'FOREIGN',
    sector: 'advanced materials',
    city: null,
    province: null,
    listed: false,
    capabilities: [],
    illustrative: true,
  };
  await database(federation, 'enterprises').getRepository(EnterpriseEntity).insert(enterprise);
  return enterprise;
}

/** The statements per subgraph of a query for a page of `first` parents, and its data. */
async function measure<T>(
  query: string,
  variables: Record<string, unknown>,
): Promise<{ counts: Record<string, number>; data: T }> {
  return statementsOf<T>(federation, query, variables, member);
}

describe("a project's bookings", () => {
  const PROJECTS = 24;
  const codes: string[] = [];

  beforeAll(async () => {
    // Three bases, each operated by an enterprise, with one facility each.
    const facilities: string[] = [];
    for (const operatorId of ['levima', 'guangzhou-chemical', 'chengdu-organic-chemicals']) {
      const base = await givenBase(federation, { operatorId });
      facilities.push((await givenFacility(federation, { baseId: base.id })).id);
    }
    // The newest projects of all (a minute apart, so the order has no ties), each with a
    // booking at every facility; the periods of one facility follow each other.
    for (let i = 0; i < PROJECTS; i += 1) {
      const project = await givenProject(federation, {
        createdAt: new Date(Date.UTC(2030, 0, 1) + i * 60_000),
        updatedAt: new Date(Date.UTC(2030, 0, 1) + i * 60_000),
      });
      codes.unshift(project.code);
      for (const facilityId of facilities) {
        await givenBooking(federation, {
          facilityId,
          projectId: project.id,
          start: dayAfter('2038-01-01', 3 * i),
          end: dayAfter('2038-01-01', 3 * i + 2),
        });
      }
    }
  });

  const QUERY = /* GraphQL */ `
    query ($first: Int!) {
      projects(first: $first) {
        edges {
          node {
            code
            bookings {
              start
              status
              facility {
                name
                base {
                  name
                  operator {
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  `;
  type Projects = {
    projects: {
      edges: {
        node: { code: string; bookings: { facility: { base: { operator: { name: string } | null } } }[] };
      }[];
    };
  };

  async function page(first: number): Promise<Record<string, number>> {
    const { counts, data } = await measure<Projects>(QUERY, { first });
    const nodes = data.projects.edges.map((e) => e.node);
    expect(nodes.map((n) => n.code)).toEqual(codes.slice(0, first));
    for (const node of nodes) {
      expect(node.bookings).toHaveLength(3);
      expect(node.bookings.every((b) => b.facility.base.operator !== null)).toBe(true);
    }
    return counts;
  }

  test(`a page of ${PROJECTS} projects costs the statements of a page of 3`, async () => {
    const small = await page(3);
    const large = await page(PROJECTS);
    expect(large).toEqual(small);
    // Alliance: count + page. Pilot bases: the bookings, their facilities, the facilities'
    // bases. Enterprises: the operators.
    expect(small).toEqual({ alliance: 2, 'pilot-bases': 3, enterprises: 1, institutes: 0, funds: 0 });
  });
});

describe("a fund's investments", () => {
  // `funds` is not paged; the investments in one project, each by another fund, are.
  const FUNDS = 30;
  let projectId: string;
  const fundNames: string[] = [];

  beforeAll(async () => {
    projectId = (await givenProject(federation)).id;
    for (let i = 0; i < FUNDS; i += 1) {
      const fund = await givenFund(federation, { name: `Child-list fund ${nn(i)}` });
      // Each fund on its own day, newest first in the list: no ties in the order.
      const day = dayAfter('2021-01-01', i);
      fundNames.unshift(fund.name);
      const money = { fundId: fund.id, amount: '1000.00', committedOn: day };
      await givenInvestment(federation, { ...money, projectId });
      await givenInvestment(federation, { ...money, projectId: 'dmto-industrialization' });
      await givenInvestment(federation, { ...money, enterpriseId: 'levima' });
    }
  });

  const QUERY = /* GraphQL */ `
    query ($projectId: ID!, $first: Int!) {
      investments(filter: { projectId: $projectId }, first: $first) {
        edges {
          node {
            fund {
              name
              investments {
                amount {
                  amount
                }
                project {
                  code
                }
                enterprise {
                  name
                }
              }
            }
          }
        }
      }
    }
  `;
  type Investments = {
    investments: {
      edges: {
        node: {
          fund: {
            name: string;
            investments: { project: { code: string } | null; enterprise: { name: string } | null }[];
          };
        };
      }[];
    };
  };

  async function page(first: number): Promise<Record<string, number>> {
    const { counts, data } = await measure<Investments>(QUERY, { projectId, first });
    const funds = data.investments.edges.map((e) => e.node.fund);
    expect(funds.map((f) => f.name)).toEqual(fundNames.slice(0, first));
    for (const fund of funds) {
      expect(fund.investments).toHaveLength(3);
      expect(fund.investments.filter((i) => i.project !== null)).toHaveLength(2);
      expect(fund.investments.filter((i) => i.enterprise !== null)).toHaveLength(1);
    }
    return counts;
  }

  test(`the investments of ${FUNDS} funds cost the statements of 3 funds'`, async () => {
    const small = await page(3);
    const large = await page(FUNDS);
    expect(large).toEqual(small);
    // Funds: count + page, the funds, their investments. Alliance: the projects the member's
    // enterprise leads (asked once per request by the funds subgraph), and the projects.
    // Enterprises: the targets.
    expect(small).toEqual({ funds: 4, alliance: 2, enterprises: 1, institutes: 0, 'pilot-bases': 0 });
  });
});

describe("an enterprise's investments", () => {
  const ENTERPRISES = 30;
  const names: string[] = [];

  beforeAll(async () => {
    const funds = [await givenFund(federation), await givenFund(federation)];
    for (let i = 0; i < ENTERPRISES; i += 1) {
      const enterprise = await givenForeignEnterprise(federation, `Child-list enterprise ${nn(i)}`);
      names.push(enterprise.name);
      for (const fund of funds) {
        await givenInvestment(federation, {
          fundId: fund.id,
          enterpriseId: enterprise.id,
          stage: 'GROWTH',
          amount: '1000.00',
          committedOn: dayAfter('2022-01-01', i),
        });
      }
    }
  });

  const QUERY = /* GraphQL */ `
    query ($first: Int!) {
      enterprises(filter: { ownership: FOREIGN }, first: $first) {
        edges {
          node {
            name
            investments {
              stage
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
      }
    }
  `;
  type Enterprises = {
    enterprises: {
      edges: { node: { name: string; investments: { fund: { name: string } }[] } }[];
    };
  };

  async function page(first: number): Promise<Record<string, number>> {
    const { counts, data } = await measure<Enterprises>(QUERY, { first });
    const nodes = data.enterprises.edges.map((e) => e.node);
    expect(nodes.map((n) => n.name)).toEqual(names.slice(0, first));
    for (const node of nodes) expect(node.investments).toHaveLength(2);
    return counts;
  }

  test(`the investments of ${ENTERPRISES} enterprises cost the statements of 3 enterprises'`, async () => {
    const small = await page(3);
    const large = await page(ENTERPRISES);
    expect(large).toEqual(small);
    // Enterprises: count + page. Funds: the investments, their funds. Alliance: the projects
    // the member's enterprise leads (asked once per request by the funds subgraph).
    expect(small).toEqual({ enterprises: 2, funds: 2, alliance: 1, institutes: 0, 'pilot-bases': 0 });
  });
});

describe("a base's facilities", () => {
  // `pilotBases` is not paged; the facilities free for a field, each at another base, are.
  const BASES = 30;
  const probes: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < BASES; i += 1) {
      const base = await givenBase(federation, { name: `Child-list base ${nn(i)}` });
      const probe = await givenFacility(federation, {
        baseId: base.id,
        name: `Child-list probe ${nn(i)}`,
        capabilities: ['ultrasonic extraction'],
      });
      probes.push(probe.name);
      await givenFacility(federation, { baseId: base.id, name: `Child-list line ${nn(i)}a` });
      await givenFacility(federation, { baseId: base.id, name: `Child-list line ${nn(i)}b` });
    }
  });

  const QUERY = /* GraphQL */ `
    query ($first: Int!) {
      availableFacilities(
        field: "ultrasonic extraction"
        from: "2039-01-01"
        to: "2039-01-02"
        first: $first
      ) {
        edges {
          node {
            name
            base {
              name
              facilities {
                name
                capabilities
                dailyRate {
                  amount
                }
              }
            }
          }
        }
      }
    }
  `;
  type Available = {
    availableFacilities: {
      edges: { node: { name: string; base: { facilities: { name: string }[] } } }[];
    };
  };

  async function page(first: number): Promise<Record<string, number>> {
    const { counts, data } = await measure<Available>(QUERY, { first });
    const nodes = data.availableFacilities.edges.map((e) => e.node);
    expect(nodes.map((n) => n.name)).toEqual(probes.slice(0, first));
    for (const node of nodes) expect(node.base.facilities).toHaveLength(3);
    return counts;
  }

  test(`the facilities of ${BASES} bases cost the statements of 3 bases'`, async () => {
    const small = await page(3);
    const large = await page(BASES);
    expect(large).toEqual(small);
    // Count + page, the bases, their facilities; nothing elsewhere.
    expect(small).toEqual({ 'pilot-bases': 4, alliance: 0, enterprises: 0, funds: 0, institutes: 0 });
  });
});
