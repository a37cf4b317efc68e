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
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
  expect(Object.values(statements).every((n) => n === 0)).toBe(true);
});

describe('lifetimes', () => {
  const member = { sub: 'someone', org: 'institute:dicp', roles: ['EDITOR'] };
  const now = (): number => Math.floor(Date.now() / 1000);
  const HOUR = 3600;

  test.each([
    ['without exp', () => ({ ...member, iat: now() }), /no expiry/],
    ['without exp or iat', () => ({ ...member }), /no expiry/],
    [
      'living longer than 24 h',
      () => ({ ...member, iat: now(), exp: now() + 25 * HOUR }),
      /longer than the 24 h/,
    ],
    [
      'expiring a century ahead, without iat',
      () => ({ ...member, exp: now() + 100 * 365 * 24 * HOUR }),
      /longer/,
    ],
    [
      'backdated to stretch its life',
      () => ({ ...member, iat: now() - 48 * HOUR, exp: now() + HOUR }),
      /longer/,
    ],
    ['issued in the future', () => ({ ...member, iat: now() + HOUR, exp: now() + 2 * HOUR }), /future/],
    [
      'valid only from an hour ahead (nbf)',
      () => ({ ...member, iat: now(), nbf: now() + HOUR, exp: now() + 2 * HOUR }),
      /invalid/,
    ],
  ])('a token %s is UNAUTHENTICATED and nothing runs', async (_case, claims, message) => {
    const token = await federation.rawToken(claims());
    const statements = await federation.statementsDuring(async () => {
      const response = await federation.query(QUERY, undefined, token);
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toMatch(message);
    });
    expect(Object.values(statements).every((n) => n === 0)).toBe(true);
  });

  test.each([
    ['of 24 h', () => ({ ...member, iat: now(), exp: now() + 24 * HOUR })],
    ['issued by a clock a little ahead', () => ({ ...member, iat: now() + 30, exp: now() + HOUR })],
    ['without iat, expiring within 24 h', () => ({ ...member, exp: now() + HOUR })],
  ])('a token %s is accepted', async (_case, claims) => {
    const response = await federation.query(QUERY, undefined, await federation.rawToken(claims()));
    expect(response.errors).toBeUndefined();
  });
});

test('an Authorization header that is not a bearer token is refused', async () => {
  const response = await fetch(federation.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
    body: JSON.stringify({ query: QUERY }),
  });
  expect(response.status).toBe(401);
});
