import { startFederation, type Federation } from './federation';

/** The gateway verifies member tokens; a bad token is UNAUTHENTICATED, no token is anonymous. */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ seed: false });
});
afterAll(async () => {
  await federation.stop();
});

const QUERY = '{ institutes { id } }';

test('no token: anonymous, public data answers', async () => {
  const response = await federation.query(QUERY);
  expect(response.status).toBe(200);
  expect(response.errors).toBeUndefined();
});

test('a valid member token is accepted', async () => {
  const response = await federation.query(
    QUERY,
    undefined,
    await federation.token('institute:dicp', 'EDITOR'),
  );
  expect(response.errors).toBeUndefined();
});

test.each([
  ['a malformed token', async () => 'not-a-jwt'],
  [
    'an expired token',
    async () =>
      federation.tokenWith({
        subject: 'someone',
        organization: { type: 'institute', id: 'dicp' },
        roles: ['EDITOR'],
        expiresIn: Math.floor(Date.now() / 1000) - 60,
      }),
  ],
  [
    'a token signed by another key',
    async () =>
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwib3JnIjoiaW5zdGl0dXRlOmRpY3AiLCJpc3MiOiJhbGxpYW5jZS1ncmFwaC10ZXN0IiwiYXVkIjoiYWxsaWFuY2UtZ3JhcGgtdGVzdCJ9.c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5LXRoYXQtZG9lcy1ub3QtbWF0Y2g',
  ],
])('%s is UNAUTHENTICATED and nothing runs', async (_case, makeToken) => {
  const token = await makeToken();
  const statements = await federation.statementsDuring(async () => {
    const response = await federation.query(QUERY, undefined, token);
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
  expect(Object.values(statements).every((n) => n === 0)).toBe(true);
});

test('an Authorization header that is not a bearer token is refused', async () => {
  const response = await fetch(federation.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
    body: JSON.stringify({ query: QUERY }),
  });
  expect(response.status).toBe(401);
});
