import { givenBase, givenBooking, givenFacility } from './builders-capital';
import { startFederation, type Federation } from './federation';

/**
 * Finding a free facility, reading a base's calendar and a facility's utilization, and what
 * those lists cost in SQL statements.
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

const AVAILABLE = /* GraphQL */ `
  query Available($field: String, $baseId: ID, $from: String!, $to: String!, $first: Int, $after: String) {
    availableFacilities(field: $field, baseId: $baseId, from: $from, to: $to, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          sharing
          dailyRate {
            amount
          }
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
`;

type Available = {
  availableFacilities: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; name: string } }[];
  };
};

async function available(variables: Record<string, unknown>): Promise<Available['availableFacilities']> {
  const response = await federation.query<Available>(AVAILABLE, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.availableFacilities;
}

test('facilities free for a field and a period, at operating bases only', async () => {
  // The demo olefin line is booked [2026-12-01, 2027-03-01); the Shangyu reactor's base is
  // still under construction.
  const olefins = { field: 'olefins', from: '2027-02-01', to: '2027-02-15' };
  expect((await available(olefins)).edges.map((e) => e.node.id)).toEqual([]);
  expect(
    (await available({ ...olefins, from: '2027-03-01', to: '2027-03-15' })).edges.map((e) => e.node.id),
  ).toEqual(['tengzhou-olefin-pilot']);
  expect(
    (await available({ field: 'fine chemicals', from: '2027-03-01', to: '2027-03-15' })).edges.map(
      (e) => e.node.id,
    ),
  ).toEqual([]);
  // Case does not matter; IPC codes match along their hierarchy.
  for (const field of ['OLEFINS', 'C08F', 'C08', 'C08F 10/06']) {
    const ids = (await available({ field, from: '2027-03-01', to: '2027-03-15' })).edges.map(
      (e) => e.node.id,
    );
    expect({ field, ids }).toEqual({ field, ids: ['tengzhou-olefin-pilot'] });
  }
  expect((await available({ field: 'C07', from: '2027-03-01', to: '2027-03-15' })).totalCount).toBe(0);
});

test('a cancelled booking frees the facility for the search', async () => {
  const base = await givenBase(federation);
  const reactor = await givenFacility(federation, { baseId: base.id, capabilities: ['C07D'] });
  const search = { field: 'C07D', baseId: base.id, from: '2035-01-10', to: '2035-01-20' };
  expect((await available(search)).totalCount).toBe(1);
  const id = await givenBooking(federation, {
    facilityId: reactor.id,
    projectId: 'dmto-industrialization',
    start: '2035-01-19',
    end: '2035-01-25',
  });
  expect((await available(search)).totalCount).toBe(0);
  // Half-open: a booking starting on `to` does not collide.
  expect((await available({ ...search, to: '2035-01-19' })).totalCount).toBe(1);
  const editor = await federation.token(`pilot-base:${base.id}`, 'EDITOR');
  const cancelled = await federation.query(`mutation { cancelBooking(id: "${id}") { status } }`, {}, editor);
  expect(cancelled.errors).toBeUndefined();
  expect((await available(search)).totalCount).toBe(1);
});

test('a window that ends before it starts is refused naming the field', async () => {
  const response = await federation.query(AVAILABLE, { from: '2027-03-15', to: '2027-03-01' });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
});

test("a facility's utilization over a window counts the booked days, exactly", async () => {
  const base = await givenBase(federation);
  const line = await givenFacility(federation, { baseId: base.id, dailyRate: '18000.00' });
  const project = 'dmto-industrialization';
  // 2036-01: 5 days requested inside, 10 days confirmed across the window's end.
  await givenBooking(federation, {
    facilityId: line.id,
    projectId: project,
    start: '2036-01-03',
    end: '2036-01-08',
  });
  await givenBooking(federation, {
    facilityId: line.id,
    projectId: project,
    start: '2036-01-22',
    end: '2036-02-10',
    status: 'CONFIRMED',
  });
  await givenBooking(federation, {
    facilityId: line.id,
    projectId: project,
    start: '2036-01-10',
    end: '2036-01-20',
    status: 'CANCELLED',
  });
  const response = await federation.query<{ facility: { utilization: Record<string, unknown> } }>(
    `query($id: ID!) { facility(id: $id) { utilization(from: "2036-01-01", to: "2036-02-01") {
      from to days bookedDays confirmedDays rate bookedValue { amount currency } } } }`,
    { id: line.id },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.facility.utilization).toEqual({
    from: '2036-01-01',
    to: '2036-02-01',
    days: 31,
    bookedDays: 15,
    confirmedDays: 10,
    rate: '0.4839',
    bookedValue: { amount: '270000.00', currency: 'CNY' },
  });
});

describe('statement counts do not grow with the page size', () => {
  let baseId: string;
  beforeAll(async () => {
    const base = await givenBase(federation, { operatorId: 'levima' });
    baseId = base.id;
    for (let i = 0; i < 40; i += 1) {
      const facility = await givenFacility(federation, {
        baseId,
        name: `Line ${String(i).padStart(2, '0')}`,
        capabilities: ['polypropylene'],
      });
      // Twenty start days, two bookings each, both of one project, the projects alternating by
      // day: the calendar (ordered by start) shows both projects, with and without
      // investments, on a page of 5 as on a page of 40.
      const day = 1 + (i % 20);
      await givenBooking(federation, {
        facilityId: facility.id,
        projectId: i % 2 ? 'dmto-industrialization' : 'ppc-degradable-packaging',
        start: `2037-01-${String(day).padStart(2, '0')}`,
        end: `2037-01-${String(day + 4).padStart(2, '0')}`,
      });
    }
  });

  test('availableFacilities with their bases, operators and utilization', async () => {
    const query = /* GraphQL */ `
      query ($baseId: ID!, $first: Int!) {
        availableFacilities(
          field: "polypropylene"
          baseId: $baseId
          from: "2037-02-01"
          to: "2037-02-05"
          first: $first
        ) {
          totalCount
          edges {
            node {
              name
              base {
                name
                operator {
                  name
                }
              }
              utilization(from: "2037-01-01", to: "2037-02-01") {
                bookedDays
              }
            }
          }
        }
      }
    `;
    const measure = (first: number) =>
      federation.statementsDuring(async () => {
        const response = await federation.query<Available>(query, { baseId, first });
        expect(response.errors).toBeUndefined();
        expect(response.data!.availableFacilities.edges).toHaveLength(first);
        expect(response.data!.availableFacilities.totalCount).toBe(40);
      });
    const five = await measure(5);
    const forty = await measure(40);
    expect(forty).toEqual(five);
    // Count + page + bases + utilization in pilot-bases; one batch of operators.
    expect(five).toMatchObject({ 'pilot-bases': 4, enterprises: 1 });
  });

  test("a base's calendar with each booking's facility and project", async () => {
    const query = /* GraphQL */ `
      query ($baseId: ID!, $first: Int!) {
        pilotBase(id: $baseId) {
          calendar(from: "2037-01-01", to: "2037-02-01", first: $first) {
            totalCount
            edges {
              node {
                start
                facility {
                  name
                }
                project {
                  code
                  investments {
                    amount {
                      amount
                    }
                  }
                }
              }
            }
          }
        }
      }
    `;
    const measure = (first: number) =>
      federation.statementsDuring(async () => {
        const response = await federation.query<{
          pilotBase: {
            calendar: { edges: { node: { project: { investments: unknown[] } } }[]; totalCount: number };
          };
        }>(query, { baseId, first }, member);
        expect(response.errors).toBeUndefined();
        const { edges } = response.data!.pilotBase.calendar;
        expect(edges).toHaveLength(first);
        // Both kinds on every page: projects with investments (their funds are read) and without.
        const invested = edges.filter((e) => e.node.project.investments.length > 0).length;
        expect(invested).toBeGreaterThan(0);
        expect(invested).toBeLessThan(first);
        expect(response.data!.pilotBase.calendar.totalCount).toBe(40);
      });
    const five = await measure(5);
    const forty = await measure(40);
    expect(forty).toEqual(five);
    // Base + calendar page + calendar totals + facilities; alliance: the projects, and the
    // projects the member's enterprise leads (the funds subgraph asks, once per request);
    // funds: the investments, and their funds (for the currency).
    expect(five).toEqual({ 'pilot-bases': 4, alliance: 2, funds: 2, institutes: 0, enterprises: 0 });
  });
});
