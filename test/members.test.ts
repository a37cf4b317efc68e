import { startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * The member register through the gateway: the demo register from the articles, member
 * organizations resolved in the subgraphs that own them, and the secretariat's changes.
 */

const REGISTER = /* GraphQL */ `
  query Register($filter: MemberFilter, $first: Int, $after: String) {
    members(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          role
          governingUnit
          status
          joinedOn
          registeredName
          organizationType
          organizationId
          illustrative
          organization {
            __typename
            ... on Institute {
              name
            }
            ... on Enterprise {
              name
              ownership
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

const ADMIT = /* GraphQL */ `
  mutation Admit($input: AdmitMemberInput!) {
    admitMember(input: $input) {
      id
      role
      status
      joinedOn
      organization {
        ... on Fund {
          name
        }
      }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateMemberInput!) {
    updateMember(input: $input) {
      id
      role
      status
      leftOn
    }
  }
`;

interface MemberNode {
  id: string;
  role: string;
  governingUnit: boolean;
  status: string;
  joinedOn: string;
  registeredName: string | null;
  organizationType: string | null;
  organizationId: string | null;
  illustrative: boolean;
  organization: { __typename: string; name: string; ownership?: string } | null;
}

interface RegisterPage {
  members: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: MemberNode }[];
  };
}

let federation: Federation;
let secretariat: string;

beforeAll(async () => {
  federation = await startFederation();
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
});
afterAll(async () => {
  await federation.stop();
});

async function register(variables: Record<string, unknown> = {}): Promise<RegisterPage['members']> {
  const response = await federation.query<RegisterPage>(REGISTER, { first: 100, ...variables });
  expect(response.errors).toBeUndefined();
  return response.data!.members;
}

async function admit(input: Record<string, unknown>, token = secretariat) {
  return federation.query<{ admitMember: Record<string, unknown> }>(ADMIT, { input }, token);
}

async function update(input: Record<string, unknown>, token = secretariat): Promise<GraphQLResponse> {
  return federation.query(UPDATE, { input }, token);
}

test('the founding council: Levima chairs, Sinopec Guangzhou Engineering is specially invited, 16 in all', async () => {
  const council = await register({ filter: { governingUnit: true } });
  expect(council.totalCount).toBe(22);
  const founders = council.edges.map((e) => e.node).filter((m) => m.joinedOn === '2018-01-10');
  expect(founders).toHaveLength(16);
  const byId = Object.fromEntries(founders.map((m) => [m.id, m]));
  expect(byId['member-levima']).toMatchObject({
    role: 'CHAIRMAN_UNIT',
    governingUnit: true,
    illustrative: false,
    organization: {
      __typename: 'Enterprise',
      name: 'Levima Advanced Materials Corporation',
      ownership: 'MIXED',
    },
  });
  expect(byId['member-sinopec-guangzhou-engineering']).toMatchObject({
    role: 'SPECIALLY_INVITED',
    governingUnit: true,
    organization: { __typename: 'Enterprise', ownership: 'CENTRAL_SOE' },
  });
  for (const [id, name] of [
    ['member-dicp', 'Dalian Institute of Chemical Physics'],
    ['member-ciac', 'Changchun Institute of Applied Chemistry'],
  ] as const) {
    expect(byId[id]).toMatchObject({
      role: 'GOVERNING_UNIT',
      organization: { __typename: 'Institute', name },
    });
  }
  // The articles name four of the 14 institutes and enterprises; the others are registered by name only.
  const unnamed = founders.filter((m) => m.organization === null);
  expect(unnamed).toHaveLength(10);
  for (const m of unnamed) {
    expect(m).toMatchObject({ illustrative: true, organizationType: null, organizationId: null });
    expect(m.registeredName).toContain('not name');
  }
});

test('ordinary members resolve in the funds and pilot-bases subgraphs', async () => {
  const others = await register({ filter: { governingUnit: false } });
  expect(others.edges.map((e) => [e.node.role, e.node.organization])).toEqual([
    ['MEMBER', { __typename: 'PilotBase', name: 'Tengzhou Pilot Transformation Base' }],
    ['MEMBER', { __typename: 'Fund', name: 'CAS Advanced Materials Industry Fund' }],
  ]);
});

test('an organization shows its membership, or null', async () => {
  const response = await federation.query<
    Record<string, { membership: { role: string; joinedOn: string } | null }>
  >(`{
    institute(id: "dicp") { membership { role joinedOn } }
    enterprise(id: "levima") { membership { role joinedOn } }
    pilotBase(id: "tengzhou") { membership { role joinedOn } }
    fund(id: "zhejiang-amif") { membership { role joinedOn } }
  }`);
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({
    institute: { membership: { role: 'GOVERNING_UNIT', joinedOn: '2018-01-10' } },
    enterprise: { membership: { role: 'CHAIRMAN_UNIT', joinedOn: '2018-01-10' } },
    pilotBase: { membership: { role: 'MEMBER', joinedOn: '2018-01-10' } },
    fund: { membership: null },
  });
});

test('the register pages in joining order without gaps or duplicates', async () => {
  const all = await register();
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: RegisterPage['members'] = await register({ first: 5, after });
    expect(page.totalCount).toBe(all.totalCount);
    seen.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toEqual(all.edges.map((e) => e.node.id));
  const dates = all.edges.map((e) => e.node.joinedOn);
  expect(dates).toEqual([...dates].sort());
});

test('the secretariat admits an organization; its key is checked with the subgraph that owns it', async () => {
  const response = await admit({
    organization: { type: 'FUND', id: 'cas-holdings' },
    role: 'MEMBER',
    joinedOn: '2026-01-15',
  });
  expect(response.errors).toBeUndefined();
  expect(response.data?.admitMember).toMatchObject({
    role: 'MEMBER',
    status: 'ACTIVE',
    joinedOn: '2026-01-15',
    organization: { name: 'CAS Holdings direct investment' },
  });
});

test.each([
  ['a member already', { organization: { type: 'INSTITUTE', id: 'dicp' } }, 'CONFLICT', 'input.organization'],
  ['a second chairman unit', { role: 'CHAIRMAN_UNIT' }, 'CONFLICT', 'input.role'],
  [
    'an unknown organization',
    { organization: { type: 'INSTITUTE', id: 'nowhere' } },
    'NOT_FOUND',
    'input.organization.id',
  ],
  ['an impossible date', { joinedOn: '2026-13-01' }, 'BAD_USER_INPUT', 'input.joinedOn'],
])('admitting %s is refused and nothing is written', async (_case, overrides, code, field) => {
  const before = (await register()).totalCount;
  const response = await admit({
    organization: { type: 'FUND', id: 'zhejiang-amif' },
    role: 'MEMBER',
    joinedOn: '2026-02-01',
    ...overrides,
  });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
  expect((await register()).totalCount).toBe(before);
});

test('only the secretariat admits and changes members', async () => {
  const editor = await federation.token('fund:zhejiang-amif', 'EDITOR');
  const admitted = await admit(
    { organization: { type: 'FUND', id: 'zhejiang-amif' }, role: 'MEMBER', joinedOn: '2026-02-01' },
    editor,
  );
  expect(admitted.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const changed = await update({ id: 'member-levima', role: 'MEMBER' }, editor);
  expect(changed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test.each([
  ['withdrawal without a date', { status: 'WITHDRAWN' }, 'BAD_USER_INPUT', 'input.leftOn'],
  [
    'a leaving date before joining',
    { status: 'WITHDRAWN', leftOn: '2017-12-31' },
    'BAD_USER_INPUT',
    'input.leftOn',
  ],
  ['a leaving date while active', { leftOn: '2026-01-01' }, 'BAD_USER_INPUT', 'input.leftOn'],
  ['a second chairman unit', { role: 'CHAIRMAN_UNIT' }, 'CONFLICT', 'input.role'],
  ['an unknown member', { id: 'member-nobody' }, 'NOT_FOUND', 'input.id'],
])('a change with %s is refused and nothing is written', async (_case, change, code, field) => {
  const response = await update({ id: 'member-dicp', ...change });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
  const dicp = (await register()).edges.find((e) => e.node.id === 'member-dicp')!.node;
  expect(dicp).toMatchObject({ role: 'GOVERNING_UNIT', status: 'ACTIVE' });
});

test('a member withdraws with a date, and can be suspended or come back', async () => {
  const left = await update({ id: 'member-governing-unit-21', status: 'WITHDRAWN', leftOn: '2026-03-31' });
  expect(left.data?.updateMember).toEqual({
    id: 'member-governing-unit-21',
    role: 'GOVERNING_UNIT',
    status: 'WITHDRAWN',
    leftOn: '2026-03-31',
  });
  const back = await update({ id: 'member-governing-unit-21', status: 'ACTIVE' });
  expect(back.data?.updateMember).toMatchObject({ status: 'ACTIVE', leftOn: null });
});

test('one chairman unit whatever the concurrency: of ten simultaneous promotions one wins', async () => {
  expect((await update({ id: 'member-levima', role: 'GOVERNING_UNIT' })).errors).toBeUndefined();
  const candidates = (await register({ filter: { role: 'GOVERNING_UNIT' } })).edges
    .map((e) => e.node.id)
    .slice(0, 10);
  const responses = await Promise.all(candidates.map((id) => update({ id, role: 'CHAIRMAN_UNIT' })));
  expect(responses.filter((r) => !r.errors)).toHaveLength(1);
  for (const r of responses.filter((x) => x.errors)) {
    expect(r.errors![0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.role' });
  }
  expect((await register({ filter: { role: 'CHAIRMAN_UNIT' } })).totalCount).toBe(1);
});
