import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configuredTokenVerification, PRODUCTION_NEEDS_TOKEN_KEY } from '../auth';

/** How the environment chooses the key member tokens are checked with. */
const made: string[] = [];
const dataDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'auth-config-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const base = { AUTH_ISSUER: 'idp', AUTH_AUDIENCE: 'alliance' } as const;
const SECRET = 'shared-hs256-key-of-at-least-thirty-two-chars';

test('production without a key set or a secret refuses, and makes no key', () => {
  const dir = dataDir();
  expect(() => configuredTokenVerification({ ...base, NODE_ENV: 'production', DATA_DIR: dir })).toThrow(
    PRODUCTION_NEEDS_TOKEN_KEY,
  );
  expect(existsSync(path.join(dir, 'auth-signing-key'))).toBe(false);
});

test('a JWKS URL is used as given, with the expected issuer and audience, and no local key', () => {
  const dir = dataDir();
  const options = configuredTokenVerification({
    ...base,
    NODE_ENV: 'production',
    DATA_DIR: dir,
    AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
  });
  expect(options).toEqual({
    issuer: 'idp',
    audience: 'alliance',
    jwksUrl: 'https://idp.example/.well-known/jwks.json',
  });
  expect(existsSync(path.join(dir, 'auth-signing-key'))).toBe(false);
});

test('production with AUTH_SECRET checks HS256 tokens with it', () => {
  const options = configuredTokenVerification({
    ...base,
    NODE_ENV: 'production',
    DATA_DIR: dataDir(),
    AUTH_SECRET: SECRET,
  });
  expect(options.jwksUrl).toBeUndefined();
  expect(new TextDecoder().decode(options.localSecret)).toBe(SECRET);
});

test('outside production a key is generated once under DATA_DIR', () => {
  const dir = dataDir();
  const options = configuredTokenVerification({ ...base, NODE_ENV: 'development', DATA_DIR: dir });
  const kept = readFileSync(path.join(dir, 'auth-signing-key'), 'utf8');
  expect(new TextDecoder().decode(options.localSecret)).toBe(kept);
  const again = configuredTokenVerification({ ...base, NODE_ENV: 'development', DATA_DIR: dir });
  expect(again.localSecret).toEqual(options.localSecret);
});
