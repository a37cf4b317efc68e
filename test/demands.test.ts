import { databaseOf, givenDemand, snapshotOf } from './builders-innovation';
import { startFederation, type Federation } from './federation';
import {
  PAGE_OF_IDS,
  dataOf,
  expectRefused as refused,
  idsOf,
  statementsOf,
  walkPages,
  type Page,
} from './graphql';

/**
 * Technology demands of enterprises through the gateway: the demo demands from the
 * articles' needs, filters and pagination, posting and changing them (the enterprise's
 * EDITOR only, every refusal naming its field and writing nothing), and statement counts.
 */
const LIST = /* GraphQL */ `
  query Demands($filter: TechnologyDemandFilter, $first: Int, $after: String) {
    technologyDemands(filter: $filter, first: $first, after: $after) {
      ${PAGE_OF_IDS}
    }
  }
`;

let federation: Federation;
let levimaEditor: string;

beforeAll(async () => {
  federation = await startFederation();
  levimaEditor = await federation.token('enterprise:levima', 'EDITOR');
});
afterAll(async () => {
  await federation.stop();
});

async function list(variables: Record<string, unknown> = {}): Promise<Page> {
  return dataOf(await federation.query<{ technologyDemands: Page }>(LIST, variables)).technologyDemands;
}

const DEMO_NEWEST_FIRST = [
  'guangzhou-chemical-power-packaging',
  'chengdu-organic-silicon-anode',
  'guangzhou-chemical-photoresist',
  'levima-degradable-tableware',
  'levima-cable-eva',
  'levima-pv-adhesive-film',
  'sinopec-gz-mto-process',
  'levima-high-melt-pp',
];

describe('the demo demands', () => {
  test('one per need the articles name, newest first, with budget as exact money', async () => {
    expect(idsOf(await list({ first: 100 }))).toEqual(DEMO_NEWEST_FIRST);
    const response = await federation.query(`{
      technologyDemand(id: "levima-pv-adhesive-film") {
        title ipcCode keywords minTrl deadline status illustrative
        budget { amount currency }
        enterprise { name demands(status: OPEN) { id } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      technologyDemand: {
        title: 'Anti-PID encapsulant film for double-glass photovoltaic modules (illustrative)',
        ipcCode: 'C08J 5/18',
        keywords: ['photovoltaic', 'adhesive film', 'encapsulant', 'poe', 'eva'],
        minTrl: 6,
        deadline: '2027-06-30',
        status: 'OPEN',
        illustrative: true,
        budget: { amount: '30000000.00', currency: 'CNY' },
        enterprise: {
          name: 'Levima Advanced Materials Corporation',
          demands: [{ id: 'levima-degradable-tableware' }, { id: 'levima-pv-adhesive-film' }],
        },
      },
    });
  });

  test.each([
    ['status', { status: 'OPEN' }, DEMO_NEWEST_FIRST.slice(0, 4).concat('levima-pv-adhesive-film')],
    [
      'enterprise',
      { enterpriseId: 'levima' },
      ['levima-degradable-tableware', 'levima-cable-eva', 'levima-pv-adhesive-film', 'levima-high-melt-pp'],
    ],
    [
      'IPC prefix',
      { ipcPrefix: 'c08' },
      ['levima-degradable-tableware', 'levima-cable-eva', 'levima-pv-adhesive-film', 'levima-high-melt-pp'],
    ],
    ['IPC subclass', { ipcPrefix: 'H01L' }, ['guangzhou-chemical-power-packaging']],
    ['keyword', { keyword: 'Packaging' }, ['levima-degradable-tableware', 'levima-high-melt-pp']],
    [
      'what a TRL 5 achievement can meet',
      { achievableAtTrl: 5 },
      [
        'guangzhou-chemical-power-packaging',
        'chengdu-organic-silicon-anode',
        'guangzhou-chemical-photoresist',
        'levima-cable-eva',
      ],
    ],
    [
      'several at once',
      { enterpriseId: 'levima', status: 'OPEN', keyword: 'eva' },
      ['levima-pv-adhesive-film'],
    ],
  ])('filter by %s', async (_case, filter, expected) => {
    const page = await list({ filter, first: 100 });
    expect(idsOf(page)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  test.each([
    ['a malformed IPC prefix', { filter: { ipcPrefix: '08C' } }, 'filter.ipcPrefix'],
    ['an empty keyword', { filter: { keyword: '  ' } }, 'filter.keyword'],
    ['a TRL of 10', { filter: { achievableAtTrl: 10 } }, 'filter.achievableAtTrl'],
    ['a page of 101', { first: 101 }, 'first'],
    ['a forged cursor', { after: 'eyJ4IjoxfQ' }, 'after'],
  ])('%s is refused naming the field', async (_case, variables, field) => {
    const response = await federation.query(LIST, variables);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  test('pages of 3 walk the list without duplicates or gaps, also while demands are posted', async () => {
    let added: string | undefined;
    const walked = await walkPages(
      (after) => list({ first: 3, after }),
      // A new demand sorts before the cursor: it must neither repeat nor push another out.
      async () => (added ??= (await givenDemand(federation)).id),
    );
    expect(walked).toEqual(DEMO_NEWEST_FIRST);
    expect(idsOf(await list({ first: 100 }))).toEqual([added, ...DEMO_NEWEST_FIRST]);
  });
});

/** A write the enterprises subgraph must refuse, leaving what it stores as it was. */
function expectRefused(
  mutation: string,
  input: Record<string, unknown>,
  token: string,
  expected: { code: string; field?: string },
) {
  const snapshot = snapshotOf(federation, 'enterprises', ['enterprise', 'technology_demand']);
  return refused(federation, snapshot, mutation, input, token, expected);
}

const POST = /* GraphQL */ `
  mutation Post($input: PostTechnologyDemandInput!) {
    postTechnologyDemand(input: $input) {
      id
      title
      ipcCode
      keywords
      minTrl
      budget {
        amount
        currency
      }
      deadline
      status
      enterprise {
        id
      }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateTechnologyDemandInput!) {
    updateTechnologyDemand(input: $input) {
      status
      minTrl
      budget {
        amount
      }
    }
  }
`;

const demand = {
  enterpriseId: 'levima',
  title: 'Cable-grade EVA from bio-ethylene (test)',
  ipcCode: 'c08l23/08',
  keywords: ['EVA', 'Bio-based'],
  minTrl: 5,
  budgetAmount: '2500000.50',
  deadline: '2030-01-31',
};

describe('posting and changing demands', () => {
  let posted: string;

  test("an enterprise's editor posts a demand; it starts OPEN, in canonical form", async () => {
    const response = await federation.query<{ postTechnologyDemand: { id: string } }>(
      POST,
      { input: demand },
      levimaEditor,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.postTechnologyDemand).toMatchObject({
      title: 'Cable-grade EVA from bio-ethylene (test)',
      ipcCode: 'C08L 23/08',
      keywords: ['eva', 'bio-based'],
      minTrl: 5,
      budget: { amount: '2500000.50', currency: 'CNY' },
      deadline: '2030-01-31',
      status: 'OPEN',
      enterprise: { id: 'levima' },
    });
    posted = response.data!.postTechnologyDemand.id;
  });

  test.each([
    ['a negative budget', { budgetAmount: '-1.00' }, 'input.budgetAmount'],
    ['a zero budget', { budgetAmount: '0' }, 'input.budgetAmount'],
    ['a budget with three decimals', { budgetAmount: '10.001' }, 'input.budgetAmount'],
    ['a budget in floating-point notation', { budgetAmount: '1e6' }, 'input.budgetAmount'],
    ['a malformed currency', { budgetCurrency: 'yuan' }, 'input.budgetCurrency'],
    ['a malformed IPC code', { ipcCode: 'C08L 23-08' }, 'input.ipcCode'],
    ['a minimum TRL of 0', { minTrl: 0 }, 'input.minTrl'],
    ['a minimum TRL of 10', { minTrl: 10 }, 'input.minTrl'],
    ['a deadline in the past', { deadline: '2000-01-01' }, 'input.deadline'],
    ['an empty title', { title: '' }, 'input.title'],
  ])('%s is BAD_USER_INPUT naming the field; nothing is written', async (_case, change, field) => {
    await expectRefused(POST, { ...demand, ...change }, levimaEditor, { code: 'BAD_USER_INPUT', field });
  });

  test('an unknown enterprise is NOT_FOUND', async () => {
    const ghost = await federation.token('enterprise:ghost', 'EDITOR');
    await expectRefused(POST, { ...demand, enterpriseId: 'ghost' }, ghost, {
      code: 'NOT_FOUND',
      field: 'input.enterpriseId',
    });
  });

  test.each([
    ['anonymous', () => Promise.resolve('')],
    ['a viewer of the enterprise', () => federation.token('enterprise:levima', 'VIEWER')],
    ["another enterprise's editor", () => federation.token('enterprise:guangzhou-chemical', 'EDITOR')],
    ["an institute's editor", () => federation.token('institute:dicp', 'EDITOR')],
  ])('%s may not post for Levima', async (_case, token) => {
    await expectRefused(POST, demand, await token(), { code: 'FORBIDDEN' });
  });

  test('the status moves along OPEN → IN_DOCKING → MATCHED → CLOSED', async () => {
    for (const status of ['IN_DOCKING', 'OPEN', 'IN_DOCKING', 'MATCHED']) {
      const response = await federation.query(UPDATE, { input: { demandId: posted, status } }, levimaEditor);
      expect(response.errors).toBeUndefined();
      expect(response.data).toMatchObject({ updateTechnologyDemand: { status } });
    }
    const errors = await expectRefused(UPDATE, { demandId: posted, status: 'OPEN' }, levimaEditor, {
      code: 'BAD_USER_INPUT',
      field: 'input.status',
    });
    expect(errors?.[0]?.extensions?.allowed).toEqual(['CLOSED']);
    const closed = await federation.query(
      UPDATE,
      { input: { demandId: posted, status: 'CLOSED', minTrl: 6 } },
      levimaEditor,
    );
    expect(closed.data).toEqual({
      updateTechnologyDemand: { status: 'CLOSED', minTrl: 6, budget: { amount: '2500000.50' } },
    });
    await expectRefused(UPDATE, { demandId: posted, title: 'Reopened?' }, levimaEditor, {
      code: 'CONFLICT',
      field: 'input.demandId',
    });
  });

  test.each([
    ['a negative budget', { budgetAmount: '-5' }, 'input.budgetAmount'],
    ['a minimum TRL of 10', { minTrl: 10 }, 'input.minTrl'],
    ['a malformed IPC code', { ipcCode: 'photovoltaics' }, 'input.ipcCode'],
  ])('an update with %s is refused naming the field', async (_case, change, field) => {
    await expectRefused(UPDATE, { demandId: 'levima-pv-adhesive-film', ...change }, levimaEditor, {
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  test("an unknown demand is NOT_FOUND; another enterprise's demand FORBIDDEN", async () => {
    await expectRefused(UPDATE, { demandId: 'nothing', status: 'CLOSED' }, levimaEditor, {
      code: 'NOT_FOUND',
      field: 'input.demandId',
    });
    await expectRefused(
      UPDATE,
      { demandId: 'guangzhou-chemical-photoresist', status: 'CLOSED' },
      levimaEditor,
      {
        code: 'FORBIDDEN',
      },
    );
  });

  test('the database refuses what the service would, when bypassed', async () => {
    const db = databaseOf(federation, 'enterprises');
    const constraint = async (sql: string) =>
      db.query(sql).then(
        () => 'none',
        (error: { driverError?: { constraint?: string } }) => error.driverError?.constraint,
      );
    expect(
      await constraint(
        `UPDATE enterprises.technology_demand SET budget_amount = -1 WHERE id = 'levima-cable-eva'`,
      ),
    ).toBe('technology_demand_budget_positive');
    expect(
      await constraint(
        `UPDATE enterprises.technology_demand SET ipc_code = 'C08L-23' WHERE id = 'levima-cable-eva'`,
      ),
    ).toBe('technology_demand_ipc_code_format');
    expect(
      await constraint(`UPDATE enterprises.technology_demand SET min_trl = 0 WHERE id = 'levima-cable-eva'`),
    ).toBe('technology_demand_min_trl_range');
  });
});

describe('statement counts', () => {
  const DETAILED = /* GraphQL */ `
    query Detailed($first: Int!) {
      technologyDemands(filter: { keyword: "bulk" }, first: $first) {
        totalCount
        edges {
          node {
            title
            budget {
              amount
            }
            enterprise {
              name
              ownership
            }
          }
        }
      }
      enterprises {
        edges {
          node {
            demands(first: $first) {
              title
            }
          }
        }
      }
    }
  `;

  beforeAll(async () => {
    const enterprises = [
      'levima',
      'guangzhou-chemical',
      'chengdu-organic-chemicals',
      'sinopec-guangzhou-engineering',
    ];
    for (let i = 0; i < 60; i += 1) {
      await givenDemand(federation, { enterpriseId: enterprises[i % 4], keywords: ['bulk'] });
    }
  });

  async function statements(first: number): Promise<Record<string, number>> {
    const { counts, data } = await statementsOf<{ technologyDemands: { edges: unknown[] } }>(
      federation,
      DETAILED,
      { first },
    );
    expect(data.technologyDemands.edges).toHaveLength(first);
    return counts;
  }

  test('a page of 50 demands with their enterprises costs the statements of a page of 5', async () => {
    const five = await statements(5);
    const fifty = await statements(50);
    expect(fifty).toEqual(five);
    // demands: count + page + their enterprises; enterprises: count + page + their demands
    expect(five.enterprises).toBe(6);
  });
});
