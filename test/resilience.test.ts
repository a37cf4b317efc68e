import { Client } from 'pg';
import { environment } from '../shared/environment';
import { startExtraSubgraph, type ExtraSubgraph } from './extra-subgraph';
import { startFederation, type Federation } from './federation';

/**
 * When a subgraph fails — its database gone, or too slow — the others still answer, and
 * the client sees a code and a safe message, never SQL, a stack trace or a connection string.
 */
let federation: Federation;
let slow: ExtraSubgraph;
let refusing: ExtraSubgraph;

/** Answers `Project.pilotReport` only after 20 s: far past any deadline the tests set. */
const startSlowSubgraph = () =>
  startExtraSubgraph('pilotReport', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20_000).unref());
    return 'late';
  });

/**
 * Gives its schema, then refuses every query with HTTP 401 and a body naming an internal
 * address: as a partner does whose secret no longer matches the gateway's.
 */
const startRefusingSubgraph = () =>
  startExtraSubgraph(
    'auditNote',
    () => Promise.resolve('never'),
    (req, res, next) => {
      if (String((req.body as { query?: string }).query).includes('_service')) return next();
      res.status(401).json({ errors: [{ message: 'proof refused by gatekeeper at 10.9.8.7:9000' }] });
    },
  );

beforeAll(async () => {
  slow = await startSlowSubgraph();
  refusing = await startRefusingSubgraph();
  federation = await startFederation({
    // Generous for the healthy subgraphs on a loaded machine (CI runs two suites' workers).
    subgraphTimeoutMs: 4_000,
    extraSubgraphs: () => [
      { name: 'slow-reports', url: slow.url },
      { name: 'audit-notes', url: refusing.url },
    ],
  });
  // Only the slow subgraph may miss the deadline: warm the members the tests reach, so
  // a first request's cold start on a loaded machine does not.
  await federation.query('{ project(id: "dmto-industrialization") { title achievement { title } } }');
});
afterAll(async () => {
  await federation.stop();
  await slow.close();
  await refusing.close();
});

const LEAKS =
  /select|insert|postgres|pglite|typeorm|\bat \w+ \(|\/work\/|node_modules|ECONNREFUSED|127\.0\.0\.1/i;

test('a slow subgraph gives partial data and an error at its path, not a hung request', async () => {
  const response = await federation.query<{ project: { title: string; pilotReport: string | null } }>(
    '{ project(id: "dmto-industrialization") { title pilotReport } }',
  );
  expect(response.data?.project).toEqual({
    title: 'DMTO industrialization at Levima Advanced Materials',
    pilotReport: null,
  });
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  expect(response.errors?.[0]?.path).toEqual(['project', 'pilotReport']);
  expect(JSON.stringify(response.errors)).not.toMatch(LEAKS);
});

test('a subgraph refusing the gateway is unavailable to the client, without its address or answer', async () => {
  const response = await federation.query<{ project: { title: string; auditNote: string | null } }>(
    '{ project(id: "dmto-industrialization") { title auditNote } }',
  );
  expect(response.data?.project).toEqual({
    title: 'DMTO industrialization at Levima Advanced Materials',
    auditNote: null,
  });
  expect(response.errors).toHaveLength(1);
  // Not UNAUTHENTICATED: the client's (absent) token is not what failed.
  expect(response.errors?.[0]).toMatchObject({
    message: 'The audit-notes service did not answer',
    path: ['project', 'auditNote'],
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'audit-notes' },
  });
  expect(Object.keys(response.errors?.[0]?.extensions ?? {}).sort()).toEqual([
    'code',
    'requestId',
    'serviceName',
  ]);
  // `\b401\b`: a random request id may hold the digits 401 (…-4010-…) without leaking a status.
  expect(JSON.stringify(response)).not.toMatch(/10\.9\.8\.7|gatekeeper|\b401\b|Unauthorized/);
  expect(JSON.stringify(response)).not.toMatch(LEAKS);
});

test('every error carries the request id the response header and the gateway log carry', async () => {
  const response = await fetch(federation.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: '{ project(id: "dmto-industrialization") { title auditNote pilotReport } }',
    }),
  });
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const body = (await response.json()) as { errors: { extensions: { requestId?: string } }[] };
  expect(body.errors).toHaveLength(2);
  for (const error of body.errors) expect(error.extensions.requestId).toBe(requestId);
});

test("with a subgraph's database gone, its fields fail safely and the others still answer", async () => {
  await federation.stack.subgraphs.get('funds')!.dataSource.destroy();
  const response = await federation.query<{ project: { title: string; investments: unknown } }>(
    '{ project(id: "dmto-industrialization") { title achievement { title } investments { amount { amount } } } }',
  );
  expect(response.data?.project.title).toBe('DMTO industrialization at Levima Advanced Materials');
  expect(response.data?.project).toMatchObject({
    achievement: { title: 'DMTO: Dalian methanol-to-olefins technology' },
  });
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const error of response.errors ?? []) {
    expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toBe('Internal server error');
    expect(typeof error.extensions?.errorId).toBe('string');
  }
  expect(JSON.stringify(response)).not.toMatch(LEAKS);
  // The funds subgraph is stopped by the harness too; give it a working DataSource back.
  await federation.stack.subgraphs.get('funds')!.dataSource.initialize();
});

// Only a real server can refuse connections: on PGlite the database lives in this process.
const onPostgres = environment().TEST_DATABASE_URL ? test : test.skip;

onPostgres(
  "with a subgraph's PostgreSQL refusing connections, the client sees no server, database or error text",
  async () => {
    const funds = federation.stack.subgraphs.get('funds')!.dataSource;
    const [{ name }] = await funds.query<[{ name: string }]>('SELECT current_database() AS name');
    const admin = new Client({ connectionString: environment().TEST_DATABASE_URL });
    await admin.connect();
    try {
      // What an outage looks like to the pool: its sessions killed, new ones refused.
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const response = await federation.query<{ project: { title: string; investments: unknown } }>(
        '{ project(id: "dmto-industrialization") { title investments { amount { amount } } } }',
      );
      expect(response.data?.project.title).toBe('DMTO industrialization at Levima Advanced Materials');
      expect(response.data?.project.investments).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      // Without the random ids, whose hex digits may spell 5432 or 401 by chance.
      const text = JSON.stringify(response, (key, value: unknown) =>
        key === 'requestId' || key === 'errorId' ? undefined : value,
      );
      expect(text).not.toMatch(LEAKS);
      expect(text).not.toContain(name);
      expect(text).not.toMatch(/accepting connections|terminat|5432/i);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    // The pool reconnects by itself once the database is back.
    const recovered = await federation.query(
      '{ project(id: "dmto-industrialization") { investments { id } } }',
    );
    expect(recovered.errors).toBeUndefined();
  },
);
