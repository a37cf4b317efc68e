import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { tokenVerifier } from '../gateway/auth';
import { startGateway, type RunningGateway } from '../gateway/server';
import { environment } from '../shared/environment';
import { secretFrom } from '../shared/identity';
import { readSupergraphConfig } from '../shared/supergraph-config';
import { startFederation, type Federation } from './federation';
import { eventually } from './graphql';

/**
 * Readiness that checks what it claims: a subgraph is ready when its database answers; the
 * gateway when every member subgraph is ready and a supergraph is served. A partner's state
 * is reported but never makes the gateway unready; a config that cannot be read is a 503
 * with the reason.
 */

interface GatewayReadiness {
  status: string;
  reason?: string;
  subgraphs?: { name: string; member: boolean; ok: boolean }[];
  supergraph?: { serving: boolean; composedAt: string | null };
  composition: string | null;
}

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ seed: false });
});
afterAll(async () => {
  await federation.stop();
});

async function get<T>(url: string): Promise<{ status: number; body: T; ms: number }> {
  const started = Date.now();
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T, ms: Date.now() - started };
}

const readyUrl = (graphqlUrl: string): string => new URL('/ready', graphqlUrl).toString();
const subgraphReady = (name: string) =>
  get<{ status: string; database: string }>(readyUrl(federation.stack.subgraphs.get(name)!.url));
const gatewayReady = (url = federation.url) => get<GatewayReadiness>(readyUrl(url));

test('every subgraph and the gateway are ready when every database answers', async () => {
  for (const name of federation.stack.subgraphs.keys()) {
    const ready = await subgraphReady(name);
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', database: 'ok' } });
  }
  const gateway = await gatewayReady();
  expect(gateway.status).toBe(200);
  expect(gateway.body.subgraphs).toHaveLength(5);
  expect(gateway.body.subgraphs!.every((s) => s.member && s.ok)).toBe(true);
  expect(gateway.body.supergraph?.serving).toBe(true);
  expect(Date.parse(gateway.body.supergraph!.composedAt!)).toBeLessThanOrEqual(Date.now());
});

test('a subgraph whose database is closed is not ready within 2 s, nor is the gateway; both are again after it returns', async () => {
  const funds = federation.stack.subgraphs.get('funds')!.dataSource;
  await funds.destroy();
  try {
    const down = await subgraphReady('funds');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not ready', database: 'unreachable' });
    expect(down.ms).toBeLessThan(2_000);
    const gateway = await gatewayReady();
    expect(gateway.status).toBe(503);
    expect(gateway.body.subgraphs!.find((s) => s.name === 'funds')).toEqual({
      name: 'funds',
      member: true,
      ok: false,
    });
    expect((await subgraphReady('alliance')).status).toBe(200);
  } finally {
    await funds.initialize();
  }
  expect((await subgraphReady('funds')).status).toBe(200);
  expect((await gatewayReady()).status).toBe(200);
});

// Only a real server can refuse connections: PGlite lives in this process.
const onPostgres = environment().TEST_DATABASE_URL ? test : test.skip;

onPostgres(
  'a subgraph whose PostgreSQL refuses connections is not ready within 2 s, and ready once it accepts them',
  async () => {
    const funds = federation.stack.subgraphs.get('funds')!.dataSource;
    const [{ name }] = await funds.query<[{ name: string }]>('SELECT current_database() AS name');
    const admin = new pg.Client({ connectionString: environment().TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const down = await subgraphReady('funds');
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(2_000);
      expect(JSON.stringify(down.body)).not.toMatch(/accepting|terminat|5432/);
      expect((await gatewayReady()).status).toBe(503);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await eventually(
      async () => ((await subgraphReady('funds')).status === 200 ? true : undefined),
      'funds ready',
    );
    expect((await gatewayReady()).status).toBe(200);
  },
);

describe('a gateway reading its config from a file', () => {
  let dir: string;
  let configFile: string;
  let gateway: RunningGateway;
  let deadPartnerUrl: string;

  const members = () => [...federation.stack.subgraphs.values()].map((s) => ({ name: s.name, url: s.url }));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'readiness-'));
    configFile = path.join(dir, 'supergraph.json');
    // A port nobody listens on: a partner that is down.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    deadPartnerUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => closed.close(resolve));
    writeFileSync(
      configFile,
      JSON.stringify({
        subgraphs: [
          ...members(),
          { name: 'patent-feed', url: deadPartnerUrl, secretEnv: 'PATENT_FEED_SECRET' },
        ],
      }),
    );
    const membersSecret = secretFrom(federation.gatewaySecret);
    const partnerSecret = randomBytes(32);
    gateway = await startGateway({
      loadConfig: () => readSupergraphConfig(configFile),
      secretOf: (entry) => (entry.secretEnv ? partnerSecret : membersSecret),
      port: 0,
      pollMs: 0,
      subgraphTimeoutMs: 5_000,
      production: false,
      authenticate: tokenVerifier({ issuer: 'i', audience: 'a', localSecret: randomBytes(32) }),
    });
  });
  afterAll(async () => {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a partner that is down is reported and leaves the gateway ready', async () => {
    const ready = await gatewayReady(gateway.url);
    expect(ready.status).toBe(200);
    expect(ready.body.subgraphs).toContainEqual({ name: 'patent-feed', member: false, ok: false });
    expect(ready.body.subgraphs!.filter((s) => s.member)).toHaveLength(5);
    expect(ready.body.composition).toContain('patent-feed');
    expect(JSON.stringify(ready.body)).not.toContain(deadPartnerUrl);
  });

  test.each([
    ['not JSON', '{ "subgraphs": [', /JSON/],
    ['empty', '', /JSON/],
    ['an entry without a URL', JSON.stringify({ subgraphs: [{ name: 'institutes' }] }), /subgraphs\.0\.url/],
  ])('a config that is %s makes /ready a 503 saying why, never a 500', async (_, text, why) => {
    writeFileSync(configFile, text);
    const ready = await gatewayReady(gateway.url);
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not ready');
    expect(ready.body.reason).toMatch(/supergraph config cannot be used/);
    expect(ready.body.reason).toMatch(why);
  });
});
