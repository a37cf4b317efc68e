import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A configuration mistake stops a process at once with one line that names what to fix —
 * never a stack trace, never a new empty database that serves an empty graph.
 */
const ROOT = path.resolve(__dirname, '..');
const SECRET = 'a-test-secret-of-at-least-32-characters';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'alliance-config-'));
  writeFileSync(
    path.join(dir, 'supergraph.json'),
    JSON.stringify({ subgraphs: [{ name: 'funds', url: 'http://127.0.0.1:0/graphql' }] }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an entry point with exactly these variables; one that gets as far as "ready" is stopped. */
function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, entry)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATA_DIR: 'memory://',
      SUPERGRAPH_CONFIG: path.join(dir, 'supergraph.json'),
      SUPERGRAPH_POLL_MS: '0',
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const watch = (chunk: Buffer): void => {
    if (/"msg":"(subgraph|gateway) ready"/.test(chunk.toString())) child.kill('SIGTERM');
  };
  child.stdout.on('data', watch);
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    watch(chunk);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

/** The one line a refused start prints. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() && !line.includes('ExperimentalWarning'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/^\s+at /);
  return lines[0]!;
}

const FUNDS = 'services/funds/main.ts';

test('a subgraph without GATEWAY_SECRET says so in one line and exits 1', async () => {
  const { code, stderr } = await run(FUNDS, {});
  expect(code).toBe(1);
  expect(oneLine(stderr)).toMatch(/^funds: GATEWAY_SECRET is not set/);
});

test('a malformed database URL is one line naming the variable', async () => {
  const { code, stderr } = await run(FUNDS, { GATEWAY_SECRET: SECRET, FUNDS_DATABASE_URL: 'not a url' });
  expect(code).toBe(1);
  expect(oneLine(stderr)).toMatch(/^funds: Invalid environment: FUNDS_DATABASE_URL: /);
});

test('the gateway without GATEWAY_SECRET for its members says so in one line', async () => {
  const { code, stderr } = await run('gateway/main.ts', { GATEWAY_PORT: '0' });
  expect(code).toBe(1);
  expect(oneLine(stderr)).toMatch(/^gateway: GATEWAY_SECRET is not set/);
});

describe('a port already taken', () => {
  let taken: Server;
  let port: number;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
  });

  test('stops a subgraph with one line naming it, the port and the variable', async () => {
    const { code, stderr } = await run(FUNDS, { GATEWAY_SECRET: SECRET, PORT: String(port) });
    expect(code).toBe(1);
    expect(oneLine(stderr)).toBe(
      `funds: port ${port} is already in use: free it, or choose another with PORT`,
    );
  }, 60_000);

  test('stops the gateway with one line naming the port and GATEWAY_PORT', async () => {
    // A subgraph that answers with its schema, so that the gateway gets as far as listening.
    const subgraph = createHttpServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { _service: { sdl: 'type Query { hello: String }' } } }));
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const config = path.join(dir, 'one-subgraph.json');
    const url = `http://127.0.0.1:${(subgraph.address() as { port: number }).port}/graphql`;
    writeFileSync(config, JSON.stringify({ subgraphs: [{ name: 'funds', url }] }));
    const { code, stderr } = await run('gateway/main.ts', {
      SUPERGRAPH_CONFIG: config,
      GATEWAY_SECRET: SECRET,
      GATEWAY_PORT: String(port),
      DATA_DIR: path.join(dir, 'gateway-data'),
    });
    subgraph.close();
    expect(code).toBe(1);
    expect(oneLine(stderr)).toBe(
      `gateway: port ${port} is already in use: free it, or choose another with GATEWAY_PORT`,
    );
  }, 60_000);
});

// Needs a PostgreSQL server: the suite's second pass (TEST_DATABASE_URL) has one.
const server = process.env.TEST_DATABASE_URL;
(server ? describe : describe.skip)('in production, on PostgreSQL', () => {
  const exists = async (name: string): Promise<boolean> => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    } finally {
      await client.end();
    }
  };

  test('a misspelt database name stops the subgraph, names it and creates nothing', async () => {
    const misspelt = `alliance_fnuds_${randomUUID().slice(0, 8)}`;
    const url = new URL(server!);
    url.pathname = `/${misspelt}`;
    const { code, stderr } = await run(FUNDS, {
      NODE_ENV: 'production',
      GATEWAY_SECRET: SECRET,
      AUTH_SECRET: SECRET,
      PORT: '0',
      FUNDS_DATABASE_URL: url.toString(),
    });
    expect(code).toBe(1);
    const line = oneLine(stderr);
    expect(line).toContain(`database "${misspelt}" (FUNDS_DATABASE_URL) does not exist`);
    expect(line).toContain('CREATE_DATABASE=true');
    expect(await exists(misspelt)).toBe(false);
  }, 60_000);
});
