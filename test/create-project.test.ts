import { startFederation, type Federation, type GraphQLResponse } from './federation';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      code
      stage
      achievement {
        title
      }
      leadEnterprise {
        name
      }
      history {
        from
        to
        by
        reason
      }
    }
  }
`;

const valid = {
  code: 'AMA-2026-100',
  title: 'Photovoltaic adhesive film scale-up',
  achievementId: 'ciac-ppc',
  leadEnterpriseId: 'levima',
};

let federation: Federation;
let secretariat: string;

beforeAll(async () => {
  federation = await startFederation();
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
});
afterAll(async () => {
  await federation.stop();
});

async function projectCount(): Promise<number> {
  const response = await federation.query<{ projects: { totalCount: number } }>(
    '{ projects { totalCount } }',
  );
  return response.data!.projects.totalCount;
}

async function create(
  input: Record<string, unknown>,
  token = secretariat,
): Promise<GraphQLResponse<{ createProject: Record<string, unknown> }>> {
  return federation.query(CREATE, { input }, token);
}

test('the secretariat docks an achievement with an enterprise', async () => {
  const response = await create(valid);
  expect(response.errors).toBeUndefined();
  expect(response.data?.createProject).toMatchObject({
    code: 'AMA-2026-100',
    stage: 'DOCKING',
    achievement: { title: 'Carbon-dioxide-based biodegradable polycarbonate (illustrative)' },
    leadEnterprise: { name: 'Levima Advanced Materials Corporation' },
    history: [
      {
        from: null,
        to: 'DOCKING',
        by: 'alliance:secretariat#user',
        reason: 'Docked an achievement with an enterprise',
      },
    ],
  });
});

test.each([
  ['an unknown achievement', { achievementId: 'no-such-achievement' }, 'NOT_FOUND', 'input.achievementId'],
  [
    'an unknown enterprise',
    { leadEnterpriseId: 'no-such-enterprise' },
    'NOT_FOUND',
    'input.leadEnterpriseId',
  ],
  ['an empty title', { title: '   ' }, 'BAD_USER_INPUT', 'input.title'],
  ['a malformed code', { code: 'x' }, 'BAD_USER_INPUT', 'input.code'],
  ['a stage past DOCKING', { stage: 'PILOT' }, 'BAD_USER_INPUT', 'input.stage'],
])('%s is refused and nothing is written', async (_case, change, code, field) => {
  const before = await projectCount();
  const response = await create({ ...valid, code: 'AMA-2026-101', ...change });
  expect(response.data?.createProject ?? null).toBeNull();
  expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
  expect(await projectCount()).toBe(before);
});

/** The mutation with its input written inline, as the README writes it. */
function inlineCreate(code: string, stage: string): string {
  const fields = Object.entries({ ...valid, code }).map(
    ([name, value]) => `${name}: ${JSON.stringify(value)}`,
  );
  return `mutation { createProject(input: { ${fields.join(', ')}, stage: ${stage} }) { id } }`;
}

test.each([
  [
    'written inline',
    () => federation.query(inlineCreate('AMA-2026-102', 'LAUNCHED'), undefined, secretariat),
  ],
  ['passed in variables', () => create({ ...valid, code: 'AMA-2026-102', stage: 'LAUNCHED' })],
])(
  'an unknown stage %s is refused by the schema, naming the field, and nothing is written',
  async (_case, send) => {
    const before = await projectCount();
    const response = await send();
    expect(response.data?.createProject ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stage' });
    expect(response.errors?.[0]?.message).toMatch(
      /^input\.stage: Value "LAUNCHED" does not exist in "ProjectStage" enum\./,
    );
    expect(response.errors?.[0]?.message).toContain('Allowed values: DOCKING, EVALUATION, PROOF_OF_CONCEPT');
    expect(response.errors?.[0]!.message).not.toMatch(/Did you mean/);
    expect(await projectCount()).toBe(before);
  },
);

test('the same mutation written inline with a known stage is accepted', async () => {
  const response = await federation.query<{ createProject: { id: string } }>(
    inlineCreate('AMA-2026-106', 'DOCKING'),
    undefined,
    secretariat,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.createProject.id).toEqual(expect.any(String));
});

test('a taken code is a conflict', async () => {
  const response = await create({ ...valid, code: 'AMA-2018-001' });
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
});

test('only the secretariat creates projects', async () => {
  const before = await projectCount();
  const anonymous = await create({ ...valid, code: 'AMA-2026-103' }, '');
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const editor = await create(
    { ...valid, code: 'AMA-2026-104' },
    await federation.token('enterprise:levima', 'EDITOR'),
  );
  expect(editor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(await projectCount()).toBe(before);
});

test('when the owner of a reference cannot answer, the refusal says so (not NOT_FOUND) and nothing is written', async () => {
  const institutes = federation.stack.subgraphs.get('institutes')!.dataSource;
  const before = await projectCount();
  await institutes.destroy();
  try {
    const response = await create({ ...valid, code: 'AMA-2026-105' });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      dependency: 'institutes',
    });
  } finally {
    await institutes.initialize();
  }
  expect(await projectCount()).toBe(before);
});
