import { startFederation, type Federation } from './federation';

/**
 * Every query limit is enforced at the gateway before any subgraph — and so before any
 * SQL — runs: each case below must cost zero statements in every subgraph.
 */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({
    // A page of 30 projects with their achievements costs 1 + 30 × 3 = 91.
    limits: { maxDepth: 6, maxAliases: 5, maxCost: 60, maxTokens: 400 },
  });
});
afterAll(async () => {
  await federation.stop();
});

async function refusedWithoutSql(
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ code: unknown; message: string }> {
  let result: { code: unknown; message: string } = { code: undefined, message: '' };
  const statements = await federation.statementsDuring(async () => {
    const response = await federation.query(query, variables);
    expect(response.data ?? null).toBeNull();
    result = { code: response.errors?.[0]!.extensions?.code, message: response.errors?.[0]!.message ?? '' };
  });
  expect(Object.values(statements).every((n) => n === 0)).toBe(true);
  return result;
}

test('a query nested too deep is refused', async () => {
  const { code, message } = await refusedWithoutSql(
    '{ project(id: "dmto-industrialization") { achievement { institute { achievements { institute { achievements { institute { name } } } } } } } }',
  );
  expect(code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(message).toMatch(/depth/i);
});

test('too many aliases are refused', async () => {
  const aliases = Array.from({ length: 8 }, (_, i) => `a${i}: institutes { name }`).join(' ');
  const { code, message } = await refusedWithoutSql(`{ ${aliases} }`);
  expect(code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(message).toMatch(/alias/i);
});

test.each([
  [
    'a literal page size',
    '{ projects(first: 30) { edges { node { code achievement { title } } } } }',
    undefined,
  ],
  [
    'a page size in a variable',
    'query($n: Int) { projects(first: $n) { edges { node { code achievement { title } } } } }',
    { n: 30 },
  ],
])('a query costing too much is refused, with %s', async (_case, query, variables) => {
  const { code, message } = await refusedWithoutSql(query, variables);
  expect(code).toBe('QUERY_COST_EXCEEDED');
  expect(message).toMatch(/cost is at least \d+, above the limit of 60\. .*page size/);
});

test('a query with too many tokens is refused', async () => {
  const { code, message } = await refusedWithoutSql(`{ institutes { ${'name '.repeat(500)} } }`);
  expect(code).toBe('GRAPHQL_PARSE_FAILED');
  expect(message).toMatch(/token/i);
});

test.each([
  ['a literal', '{ projects(first: 101) { totalCount } }', undefined],
  ['a variable', 'query($n: Int) { projects(first: $n) { totalCount } }', { n: 500 }],
  ['a default value', 'query($n: Int = 1000) { projects(first: $n) { totalCount } }', undefined],
  ['a nested argument', '{ institutes { achievements(first: 200) { id } } }', undefined],
])('a page larger than 100 given as %s is refused', async (_case, query, variables) => {
  const { code, message } = await refusedWithoutSql(query, variables);
  expect(code).toBe('BAD_USER_INPUT');
  expect(message).toMatch(/at most 100/);
});

test('a page of exactly 100 is allowed (when its cost is within the limit)', async () => {
  const response = await federation.query('{ projects(first: 100) { totalCount } }');
  expect(response.errors).toBeUndefined();
});

test('an oversized body is refused with a JSON error', async () => {
  const response = await fetch(federation.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ institutes { name } }', variables: { padding: 'x'.repeat(200_000) } }),
  });
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({
    errors: [{ message: 'The request body is too large', extensions: { code: 'BAD_REQUEST' } }],
  });
});

test('batched requests are refused', async () => {
  const response = await fetch(federation.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ query: '{ institutes { name } }' }, { query: '{ funds { name } }' }]),
  });
  expect(response.status).toBe(400);
});

test('a GET that could be a cross-site request is refused (CSRF prevention)', async () => {
  const response = await fetch(`${federation.url}?query=${encodeURIComponent('{ institutes { name } }')}`);
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/CSRF/);
});

describe('in production', () => {
  let production: Federation;
  beforeAll(async () => {
    production = await startFederation({ production: true, seed: false });
  });
  afterAll(async () => {
    await production.stop();
  });

  test('introspection is off', async () => {
    const response = await production.query('{ __schema { types { name } } }');
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('field suggestions are hidden', async () => {
    const response = await production.query('{ institutes { nam } }');
    expect(response.errors?.[0]!.message).not.toMatch(/Did you mean/);
    const development = await federation.query('{ institutes { nam } }');
    expect(development.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});
