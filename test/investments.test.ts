import { givenFund, rowCount } from './builders-capital';
import { startFederation, type Federation, type GraphQLResponse } from './federation';

/** Committing and managing a fund's money through the gateway. */

const COMMIT = /* GraphQL */ `
  mutation Commit($input: CommitInvestmentInput!) {
    commitInvestment(input: $input) {
      id
      amount {
        amount
        currency
      }
      stage
      instrument
      status
      committedOn
      focusArea
      visibility
      committedBy
      override {
        outside
        reason
      }
      fund {
        id
        committed {
          amount
        }
        available {
          amount
        }
      }
      project {
        code
      }
      enterprise {
        name
      }
    }
  }
`;

interface Committed {
  id: string;
  amount: { amount: string; currency: string };
  status: string;
  committedOn: string;
  focusArea: string;
  visibility: string;
  committedBy: string;
  override: { outside: string[]; reason: string } | null;
  fund: { id: string; committed: { amount: string }; available: { amount: string } };
  project: { code: string } | null;
  enterprise: { name: string } | null;
}

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
});

async function editorOf(fundId: string): Promise<string> {
  return federation.token(`fund:${fundId}`, 'EDITOR');
}

async function commit(
  input: Record<string, unknown>,
  token: string,
): Promise<GraphQLResponse<{ commitInvestment: Committed }>> {
  return federation.query(
    COMMIT,
    {
      input: {
        projectId: 'dmto-industrialization',
        stage: 'PILOT',
        instrument: 'EQUITY',
        amount: '100000.00',
        focusArea: 'advanced materials',
        ...input,
      },
    },
    token,
  );
}

async function fundMoney(fundId: string): Promise<{ committed: string; available: string }> {
  const response = await federation.query<{
    fund: { committed: { amount: string }; available: { amount: string } };
  }>(`query($id: ID!) { fund(id: $id) { committed { amount } available { amount } } }`, { id: fundId });
  return {
    committed: response.data!.fund.committed.amount,
    available: response.data!.fund.available.amount,
  };
}

test("a fund's editor commits money to a project; committed and available follow", async () => {
  const fund = await givenFund(federation, { size: '5000000.00' });
  const response = await commit(
    { fundId: fund.id, amount: '1250000.50', committedOn: '2026-01-15' },
    await editorOf(fund.id),
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.commitInvestment).toMatchObject({
    amount: { amount: '1250000.50', currency: 'CNY' },
    status: 'COMMITTED',
    committedOn: '2026-01-15',
    focusArea: 'advanced materials',
    visibility: 'MEMBERS',
    committedBy: `fund:${fund.id}#user`,
    override: null,
    fund: { id: fund.id, committed: { amount: '1250000.50' }, available: { amount: '3749999.50' } },
    project: { code: 'AMA-2018-001' },
    enterprise: null,
  });
});

test('a fund also invests in an enterprise', async () => {
  const fund = await givenFund(federation);
  const response = await commit(
    { fundId: fund.id, projectId: null, enterpriseId: 'levima', stage: 'GROWTH', visibility: 'PUBLIC' },
    await editorOf(fund.id),
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.commitInvestment).toMatchObject({
    project: null,
    enterprise: { name: 'Levima Advanced Materials Corporation' },
  });
});

test('a commitment past the size is a CONFLICT with the amount still available, and nothing is written', async () => {
  const fund = await givenFund(federation, { size: '1000000.00' });
  const token = await editorOf(fund.id);
  await commit({ fundId: fund.id, amount: '700000.00' }, token);
  const before = await rowCount(federation, 'funds', 'funds.investment');
  const response = await commit({ fundId: fund.id, amount: '300000.01' }, token);
  expect(response.data?.commitInvestment ?? null).toBeNull();
  expect(response.errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    field: 'input.amount',
    fundId: fund.id,
    requested: { amount: '300000.01', currency: 'CNY' },
    available: { amount: '300000.00', currency: 'CNY' },
  });
  expect(await rowCount(federation, 'funds', 'funds.investment')).toBe(before);
  expect(await fundMoney(fund.id)).toEqual({ committed: '700000.00', available: '300000.00' });
  // What is left still fits, to the fen.
  expect((await commit({ fundId: fund.id, amount: '300000.00' }, token)).errors).toBeUndefined();
  expect(await fundMoney(fund.id)).toEqual({ committed: '1000000.00', available: '0.00' });
});

describe('bad input is refused naming the field, and nothing is written', () => {
  let fundId: string;
  let token: string;
  beforeAll(async () => {
    fundId = (await givenFund(federation)).id;
    token = await editorOf(fundId);
  });

  test.each([
    ['a zero amount', { amount: '0.00' }, 'BAD_USER_INPUT', 'input.amount'],
    ['a negative amount', { amount: '-5.00' }, 'BAD_USER_INPUT', 'input.amount'],
    ['more decimals than fen', { amount: '100.005' }, 'BAD_USER_INPUT', 'input.amount'],
    ['a float in disguise', { amount: '1e6' }, 'BAD_USER_INPUT', 'input.amount'],
    ['no target', { projectId: null }, 'BAD_USER_INPUT', 'input.projectId'],
    ['two targets', { enterpriseId: 'levima' }, 'BAD_USER_INPUT', 'input.enterpriseId'],
    ['an empty focus area', { focusArea: ' ' }, 'BAD_USER_INPUT', 'input.focusArea'],
    [
      'a commitment dated in the future',
      { committedOn: '2099-01-01' },
      'BAD_USER_INPUT',
      'input.committedOn',
    ],
    ['an unknown project', { projectId: 'no-such-project' }, 'NOT_FOUND', 'input.projectId'],
    [
      'an unknown enterprise',
      { projectId: null, enterpriseId: 'no-such-enterprise' },
      'NOT_FOUND',
      'input.enterpriseId',
    ],
  ])('%s', async (_case, change, code, field) => {
    const before = await rowCount(federation, 'funds', 'funds.investment');
    const response = await commit({ fundId, ...change }, token);
    expect(response.data?.commitInvestment ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(await rowCount(federation, 'funds', 'funds.investment')).toBe(before);
    expect(await fundMoney(fundId)).toEqual({ committed: '0.00', available: '1000000.00' });
  });

  test('an unknown fund', async () => {
    const response = await commit({ fundId: 'no-such-fund' }, await editorOf('no-such-fund'));
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.fundId' });
  });
});

test("investing outside the fund's stages or focus areas needs a reason, which is recorded", async () => {
  // cas-amif invests at PILOT, INDUSTRIALIZATION and GROWTH in five focus areas.
  const token = await editorOf('cas-amif');
  const before = await rowCount(federation, 'funds', 'funds.investment');
  const refused = await commit(
    { fundId: 'cas-amif', stage: 'PROOF_OF_CONCEPT', focusArea: 'biomedicine' },
    token,
  );
  expect(refused.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.overrideReason',
    outsideMandate: ['STAGE', 'FOCUS_AREA'],
  });
  expect(await rowCount(federation, 'funds', 'funds.investment')).toBe(before);

  const accepted = await commit(
    {
      fundId: 'cas-amif',
      stage: 'PROOF_OF_CONCEPT',
      focusArea: 'biomedicine',
      overrideReason: 'Investment committee decision 2026-07: strategic platform technology',
    },
    token,
  );
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data?.commitInvestment.override).toEqual({
    outside: ['STAGE', 'FOCUS_AREA'],
    reason: 'Investment committee decision 2026-07: strategic platform technology',
  });

  // Inside the mandate (focus areas compare ignoring case) no override is recorded.
  const inside = await commit(
    { fundId: 'cas-amif', stage: 'PILOT', focusArea: 'Fine Chemicals', overrideReason: 'not needed' },
    token,
  );
  expect(inside.data?.commitInvestment.override).toBeNull();
});

test("only the fund's editors commit its money; a fund in preparation commits nothing", async () => {
  const before = await rowCount(federation, 'funds', 'funds.investment');
  const tokens = [
    '',
    await federation.token('fund:cas-amif', 'VIEWER'),
    await federation.token('fund:cas-holdings', 'EDITOR'),
    await federation.token('alliance:secretariat', 'SECRETARIAT'),
  ];
  for (const token of tokens) {
    const response = await commit({ fundId: 'cas-amif' }, token);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  const preparing = await commit(
    { fundId: 'zhejiang-amif', stage: 'PILOT' },
    await editorOf('zhejiang-amif'),
  );
  expect(preparing.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fundStatus: 'PREPARING' });
  expect(await rowCount(federation, 'funds', 'funds.investment')).toBe(before);
});

async function change(
  mutation: 'disburseInvestment' | 'exitInvestment' | 'writeOffInvestment',
  id: string,
  token: string,
  on?: string,
): Promise<
  GraphQLResponse<Record<string, { status: string; disbursedOn: string | null; closedOn: string | null }>>
> {
  return federation.query(
    `mutation($id: ID!, $on: String) { ${mutation}(id: $id, on: $on) { status disbursedOn closedOn } }`,
    { id, on },
    token,
  );
}

test('disbursing keeps the money bound; exiting or writing off releases it; invalid moves are CONFLICT', async () => {
  const fund = await givenFund(federation, { size: '1000000.00' });
  const token = await editorOf(fund.id);
  const first = (await commit({ fundId: fund.id, amount: '600000.00', committedOn: '2025-03-01' }, token))
    .data!.commitInvestment.id;
  const second = (await commit({ fundId: fund.id, amount: '400000.00', committedOn: '2025-03-01' }, token))
    .data!.commitInvestment.id;
  expect(await fundMoney(fund.id)).toEqual({ committed: '1000000.00', available: '0.00' });

  expect((await change('exitInvestment', first, token)).errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    status: 'COMMITTED',
  });
  expect(
    (await change('disburseInvestment', first, token, '2025-02-01')).errors?.[0]?.extensions,
  ).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'on',
  });
  expect((await change('disburseInvestment', first, token, '2025-04-01')).data?.disburseInvestment).toEqual({
    status: 'DISBURSED',
    disbursedOn: '2025-04-01',
    closedOn: null,
  });
  expect(await fundMoney(fund.id)).toEqual({ committed: '1000000.00', available: '0.00' });

  expect((await change('exitInvestment', first, token, '2026-06-30')).data?.exitInvestment?.status).toBe(
    'EXITED',
  );
  expect(await fundMoney(fund.id)).toEqual({ committed: '400000.00', available: '600000.00' });

  expect(
    (await change('writeOffInvestment', second, token, '2026-01-01')).data?.writeOffInvestment?.closedOn,
  ).toBe('2026-01-01');
  expect(await fundMoney(fund.id)).toEqual({ committed: '0.00', available: '1000000.00' });
  expect((await change('disburseInvestment', second, token)).errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    status: 'WRITTEN_OFF',
  });

  // Another fund's editor may not touch them.
  const other = await editorOf('cas-amif');
  expect((await change('writeOffInvestment', first, other)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('a CONFIDENTIAL investment is seen only by the fund and the target enterprise', async () => {
  const fund = await givenFund(federation);
  const token = await editorOf(fund.id);
  const secret = (
    await commit(
      { fundId: fund.id, projectId: null, enterpriseId: 'guangzhou-chemical', visibility: 'CONFIDENTIAL' },
      token,
    )
  ).data!.commitInvestment.id;
  const members = (
    await commit(
      { fundId: fund.id, projectId: null, enterpriseId: 'guangzhou-chemical', amount: '5.00' },
      token,
    )
  ).data!.commitInvestment.id;

  const seen = async (caller: string): Promise<string[]> => {
    const response = await federation.query<{ enterprise: { investments: { id: string }[] } }>(
      `{ enterprise(id: "guangzhou-chemical") { investments { id } } }`,
      {},
      caller,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.enterprise.investments.map((i) => i.id).sort();
  };
  expect(await seen('')).toEqual([]);
  expect(await seen(await federation.token('enterprise:levima', 'VIEWER'))).toEqual([members]);
  expect(await seen(await federation.token('enterprise:guangzhou-chemical', 'VIEWER'))).toEqual(
    [secret, members].sort(),
  );
  expect(await seen(await federation.token(`fund:${fund.id}`, 'VIEWER'))).toEqual([secret, members].sort());
  const byId = await federation.query<{ investment: unknown }>(
    `query($id: ID!) { investment(id: $id) { id } }`,
    { id: secret },
    await federation.token('enterprise:levima', 'VIEWER'),
  );
  expect(byId.data?.investment).toBeNull();

  // An outsider's view of the fund's committed sum leaves the confidential amount out, so
  // nobody learns it by differencing (docs/security.md); it counts once published.
  expect(await fundMoney(fund.id)).toEqual({ committed: '5.00', available: '999995.00' });
  // Making it public shows it to everyone.
  const published = await federation.query<{ setInvestmentVisibility: { visibility: string } }>(
    `mutation($id: ID!) { setInvestmentVisibility(id: $id, visibility: PUBLIC) { visibility } }`,
    { id: secret },
    token,
  );
  expect(published.data?.setInvestmentVisibility.visibility).toBe('PUBLIC');
  expect(await seen('')).toEqual([secret]);
});

test("a project's total counts only the investments the caller may see", async () => {
  const fund = await givenFund(federation);
  const token = await editorOf(fund.id);
  await commit(
    { fundId: fund.id, projectId: 'ppc-degradable-packaging', amount: '1000.00', visibility: 'PUBLIC' },
    token,
  );
  await commit(
    { fundId: fund.id, projectId: 'ppc-degradable-packaging', amount: '20.00', visibility: 'MEMBERS' },
    token,
  );
  const total = async (caller: string): Promise<string> =>
    (
      await federation.query<{ project: { totalInvested: { amount: string } } }>(
        `{ project(id: "ppc-degradable-packaging") { totalInvested { amount } } }`,
        {},
        caller,
      )
    ).data!.project.totalInvested.amount;
  expect(await total('')).toBe('1000.00');
  expect(await total(await federation.token('institute:ciac', 'VIEWER'))).toBe('1020.00');
});

test("a project's total is in yuan: a dollar fund's investment is listed, not added in", async () => {
  const dollars = await givenFund(federation, { currency: 'USD' });
  const QUERY = `{ project(id: "ppc-degradable-packaging") {
    totalInvested { amount currency } investments { amount { amount currency } } } }`;
  type Answer = {
    project: {
      totalInvested: { amount: string; currency: string };
      investments: { amount: { amount: string; currency: string } }[];
    };
  };
  const before = (await federation.query<Answer>(QUERY)).data!.project;
  const response = await commit(
    { fundId: dollars.id, projectId: 'ppc-degradable-packaging', amount: '500.00', visibility: 'PUBLIC' },
    await editorOf(dollars.id),
  );
  expect(response.errors).toBeUndefined();
  const after = (await federation.query<Answer>(QUERY)).data!.project;
  expect(after.investments.map((i) => i.amount)).toContainEqual({ amount: '500.00', currency: 'USD' });
  expect(after.investments).toHaveLength(before.investments.length + 1);
  expect(after.totalInvested).toEqual({ amount: before.totalInvested.amount, currency: 'CNY' });
});

test('the demo investments stay public', async () => {
  const response = await federation.query<{
    investments: { totalCount: number; edges: { node: { id: string; visibility: string } }[] };
  }>(`{ investments(filter: { status: DISBURSED }) { totalCount edges { node { id visibility } } } }`);
  expect(response.data?.investments.edges.map((e) => e.node)).toContainEqual({
    id: 'cas-holdings-levima',
    visibility: 'PUBLIC',
  });
});

describe('the investment list', () => {
  let fundId: string;
  beforeAll(async () => {
    const fund = await givenFund(federation, { size: '100000000.00' });
    fundId = fund.id;
    const token = await editorOf(fundId);
    for (let i = 0; i < 30; i += 1) {
      const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`;
      const response = await commit(
        {
          fundId,
          projectId: i % 2 ? 'dmto-industrialization' : null,
          enterpriseId: i % 2 ? null : 'levima',
          amount: `${1000 + i}.00`,
          committedOn: day,
        },
        token,
      );
      expect(response.errors).toBeUndefined();
    }
  });

  const LIST = /* GraphQL */ `
    query List($fundId: ID!, $first: Int!, $after: String) {
      investments(filter: { fundId: $fundId }, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            committedOn
            amount {
              amount
              currency
            }
            fund {
              name
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
  `;
  type Page = {
    investments: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string; committedOn: string } }[];
    };
  };

  test('pages newest first, without gaps or repeats', async () => {
    const member = await federation.token('enterprise:levima', 'VIEWER');
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response: GraphQLResponse<Page> = await federation.query<Page>(
        LIST,
        { fundId, first: 7, after },
        member,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.investments.totalCount).toBe(30);
      seen.push(...response.data!.investments.edges.map((e) => e.node.committedOn));
      after = response.data!.investments.pageInfo.hasNextPage
        ? response.data!.investments.pageInfo.endCursor
        : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(30);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  test('costs the same statements per subgraph for 5 and for 25 investments', async () => {
    const member = await federation.token('enterprise:levima', 'VIEWER');
    const measure = async (first: number): Promise<Record<string, number>> =>
      federation.statementsDuring(async () => {
        const response = await federation.query<Page>(LIST, { fundId, first }, member);
        expect(response.errors).toBeUndefined();
        expect(response.data!.investments.edges).toHaveLength(first);
      });
    const five = await measure(5);
    const twentyFive = await measure(25);
    expect(twentyFive).toEqual(five);
    // Count + page + the funds of the page; one batch each for projects and enterprises;
    // alliance also once for the projects the member's enterprise leads (its party scope).
    expect(five).toMatchObject({ funds: 3, alliance: 2, enterprises: 1 });
  });
});
