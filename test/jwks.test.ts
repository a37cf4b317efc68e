import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { PRODUCTION_NEEDS_TOKEN_KEY } from '../gateway/auth';
import { AUDIENCE, ISSUER, startFederation, type Federation } from './federation';

/**
 * Member tokens from an identity provider: the gateway checks them against the provider's
 * key set (JWKS), served here over HTTP by a stand-in provider with an ES256 key. The
 * caller's organization and roles in such a token decide what the subgraphs show; a
 * token the key set does not vouch for is UNAUTHENTICATED. In production the gateway will
 * not start without a key set or a configured secret.
 */
const ROOT = path.resolve(__dirname, '..');
const KID = 'alliance-idp-2026';

let federation: Federation;
let keySet: http.Server;
let trusted: { privateKey: KeyLike };
let foreign: { privateKey: KeyLike };

/** A stand-in identity provider's key set, on an ephemeral port. */
async function serveKeySet(publicKey: KeyLike): Promise<{ server: http.Server; url: string }> {
  const body = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' }],
  });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json` };
}

interface TokenShape {
  organization?: string;
  roles?: string[];
  key?: KeyLike;
  kid?: string;
  issuer?: string;
  audience?: string;
  /** Epoch seconds, or a lifetime such as `5m`. */
  expiresAt?: number | string;
}

/** A token as the identity provider signs it: the secretariat's, unless told otherwise. */
async function idpToken(shape: TokenShape = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    org: shape.organization ?? 'alliance:secretariat',
    roles: shape.roles ?? ['SECRETARIAT'],
  })
    .setProtectedHeader({ alg: 'ES256', kid: shape.kid ?? KID })
    .setSubject('someone@alliance')
    .setIssuer(shape.issuer ?? ISSUER)
    .setAudience(shape.audience ?? AUDIENCE)
    .setIssuedAt(now - 600)
    .setExpirationTime(shape.expiresAt ?? '5m')
    .sign(shape.key ?? trusted.privateKey);
}

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  trusted = pair;
  foreign = await generateKeyPair('ES256');
  const served = await serveKeySet(pair.publicKey);
  keySet = served.server;
  federation = await startFederation({ jwksUrl: served.url });
});
afterAll(async () => {
  await federation?.stop();
  await new Promise((resolve) => keySet?.close(resolve));
});

/** Benefit agreement terms: seen only by the agreement's parties and the secretariat. */
const AGREEMENT = '{ project(id: "dmto-industrialization") { benefitAgreement { ipTerms } } }';
type Agreement = { project: { benefitAgreement: { ipTerms: string } | null } };

test("a token signed with the provider's key is accepted, and its organization and roles decide", async () => {
  const secretariat = await federation.query<Agreement>(AGREEMENT, undefined, await idpToken());
  const viewerOfTheSecretariat = await federation.query<Agreement>(
    AGREEMENT,
    undefined,
    await idpToken({ roles: ['VIEWER'] }),
  );
  const otherOrganization = await federation.query<Agreement>(
    AGREEMENT,
    undefined,
    await idpToken({ organization: 'enterprise:sinopec-guangzhou-engineering' }),
  );
  const anonymous = await federation.query<Agreement>(AGREEMENT);

  expect(secretariat.errors).toBeUndefined();
  expect(secretariat.data?.project.benefitAgreement?.ipTerms).toMatch(/DMTO patents/);
  for (const refused of [viewerOfTheSecretariat, otherOrganization, anonymous]) {
    expect(refused.status).toBe(200);
    expect(refused.data?.project.benefitAgreement ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
});

test.each([
  ['signed with another key under the known kid', () => idpToken({ key: foreign.privateKey })],
  ['naming a key the set does not hold', () => idpToken({ kid: 'retired-2019' })],
  ['from another issuer', () => idpToken({ issuer: 'someone-else' })],
  ['for another audience', () => idpToken({ audience: 'another-graph' })],
  ['expired', () => idpToken({ expiresAt: Math.floor(Date.now() / 1000) - 60 })],
  ['signed with the local HS256 key instead', () => federation.token('alliance:secretariat', 'SECRETARIAT')],
])('a token %s is UNAUTHENTICATED and nothing runs', async (_case, makeToken) => {
  const token = await makeToken();
  const statements = await federation.statementsDuring(async () => {
    const response = await federation.query(AGREEMENT, undefined, token);
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
  expect(Object.values(statements).every((n) => n === 0)).toBe(true);
});

describe('in production without AUTH_JWKS_URL or AUTH_SECRET', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'alliance-jwks-'));
    // Port 0 everywhere: should the check ever be lost, what starts binds no fixed port.
    const names = ['institutes', 'enterprises', 'pilot-bases', 'funds', 'alliance'];
    writeFileSync(
      path.join(dir, 'supergraph.json'),
      JSON.stringify({ subgraphs: names.map((name) => ({ name, url: 'http://127.0.0.1:0/graphql' })) }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs an entry point as production would; one that gets as far as "ready" is stopped. */
  function run(entry: string): Promise<{ code: number | null; output: string }> {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, entry)], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATA_DIR: path.join(dir, 'data'),
        SUPERGRAPH_CONFIG: path.join(dir, 'supergraph.json'),
        GATEWAY_PORT: '0',
        SUPERGRAPH_POLL_MS: '0',
        SEED_DEMO_DATA: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/ready/.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, output }));
    });
  }

  test.each(['services/main.ts', 'gateway/main.ts'])(
    '%s refuses to start, says what to set, and generates no key',
    async (entry) => {
      const { code, output } = await run(entry);

      expect(output).toContain(PRODUCTION_NEEDS_TOKEN_KEY);
      expect(output).not.toMatch(/ready/);
      expect(code).toBe(1);
      expect(existsSync(path.join(dir, 'data', 'auth-signing-key'))).toBe(false);
    },
  );
});
