import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';

/*
 * The partner's own test, joined: the patent office in the alliance's graph, queried
 * through the GATEWAY, with answers that need the alliance, the institutes and this
 * subgraph at once.
 *
 * - ALLIANCE_GRAPH_URL set (e.g. https://staging.example.org/graphql): that running graph
 *   is used as it is. You have deployed this subgraph and its entry is in that graph's
 *   supergraph config; the graph serves the demo data. Set ALLIANCE_MEMBER_TOKEN to a
 *   member's token to check the members-only field too.
 * - Otherwise the alliance graph of the repository this example lives in is started the
 *   way a new integrator starts it (`npm start`: services/main.ts) on a fresh embedded
 *   database with the demo data, free ports and a config of its own; then this subgraph
 *   is started and joined by adding its entry to that config while the gateway runs.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const NAME = 'patent-office';
const SECRET_ENV = 'PATENT_OFFICE_SECRET';
/** The member tokens' issuer and audience the alliance graph expects by default. */
const TOKEN_ISSUER = 'alliance-graph';
/** Bounds of every wait for a process or the gateway: generous, never endless. */
const STARTUP_MS = 90_000;
const JOIN_MS = 60_000;

const DMTO_PATENTS = `{
  project(id: "dmto-industrialization") {
    code
    achievement { title registeredPatents { number legalStatus expiresOn illustrative } }
  }
}`;

/** What the graph answers for DMTO_PATENTS: alliance → institutes → patent office. */
const EXPECTED_DMTO = {
  project: {
    code: 'AMA-2018-001',
    achievement: {
      title: 'DMTO: Dalian methanol-to-olefins technology',
      registeredPatents: [
        { number: 'CN-DEMO-DMTO-1', legalStatus: 'EXPIRED', expiresOn: '2016-06-12', illustrative: true },
        { number: 'CN-DEMO-DMTO-2', legalStatus: 'GRANTED', expiresOn: '2028-11-03', illustrative: true },
      ],
    },
  },
};

/** A running graph to use instead of starting one (see above). */
const GIVEN_GRAPH = process.env.ALLIANCE_GRAPH_URL || undefined;
const NO_MEMBER =
  GIVEN_GRAPH && !process.env.ALLIANCE_MEMBER_TOKEN ? 'set ALLIANCE_MEMBER_TOKEN to a member token' : false;
const NOT_OURS = "the given graph's /ready is its operator's to check";

const WHO = '{ patentOfficeCaller { subject organization roles } }';

const WATCH = `{
  project(id: "dmto-industrialization") { code patentWatch { lastCheckedOn alerts { number } } }
}`;

/** The processes this test started, stopped in `after` (and, failing that, when it exits). */
const children = new Set();
/** The graph under test: its GraphQL URL, its /ready URL when local, and a member token if any. */
let graph;
let dir;

/**
 * Starts a process in a process group of its own (so stopping it stops what it started,
 * e.g. tsx's node) and resolves with the first match of `ready` in its output. Its output
 * is drained for as long as it runs (a full pipe would block its logger) and the tail is
 * kept for the error message when it exits or does not get ready in time.
 */
function startProcess(what, args, { env, cwd, ready }) {
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} was not ready within ${STARTUP_MS / 1000} s:\n${output}`)),
      STARTUP_MS,
    );
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/** SIGTERM to the child's whole group, SIGKILL if it has not exited ten seconds later. */
async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

// If the test process ends without `after` (a crash), no process of ours outlives it.
process.once('exit', () => {
  for (const child of children) signalGroup(child, 'SIGKILL');
});

/** Polls `probe` until it returns something other than undefined; gives up after `ms`. */
async function eventually(probe, what, ms) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last.done) return last.value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up after ${ms / 1000} s waiting until ${what}; last: ${JSON.stringify(last?.value)}`);
}

/** A GraphQL request to the gateway, as a client sends it. */
async function query(text, token) {
  const response = await fetch(graph.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: text }),
  });
  return response.json();
}

/** The supergraph config of the local graph: the repository's members, each on a free port. */
function membersOnFreePorts() {
  const { subgraphs } = JSON.parse(readFileSync(path.join(ROOT, 'supergraph.config.json'), 'utf8'));
  // Port 0: the one process (`npm start`) picks a free port for each member and tells the
  // gateway where it is, so no fixed port can collide with anything on the machine.
  return subgraphs.map(({ name }) => ({ name, url: 'http://127.0.0.1:0/graphql' }));
}

/** Rewrites the config in one step (write, then rename), so a poll never reads half a file. */
function writeConfig(file, subgraphs) {
  writeFileSync(`${file}.next`, `${JSON.stringify({ subgraphs }, null, 2)}\n`);
  renameSync(`${file}.next`, file);
}

/** A member token, signed as the alliance graph's local key signs them (`npm run token`). */
function memberToken(authSecret, organization, roles) {
  return new SignJWT({ org: organization, roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`${organization}#user`)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_ISSUER)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(authSecret));
}

/**
 * The alliance graph as `npm start` runs it, on its own fresh data directory (so the demo
 * data loads), free ports, a config of its own polled every 200 ms, and the partner's
 * secret in its environment under the name the partner's entry gives (`secretEnv`).
 */
async function startAllianceGraph(configFile, secrets) {
  const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  const main = path.join(ROOT, 'services/main.ts');
  if (!existsSync(main) || !existsSync(tsx))
    throw new Error(
      `No alliance repository with its dependencies at ${ROOT}: run \`npm ci\` there first, ` +
        'or set ALLIANCE_GRAPH_URL to a running alliance graph that has joined this subgraph',
    );
  const { match } = await startProcess('the alliance graph', [tsx, main], {
    cwd: ROOT,
    // Only what the graph needs: nothing of the caller's environment (a DATABASE_URL, say).
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: path.join(dir, 'data'),
      SUPERGRAPH_CONFIG: configFile,
      SUPERGRAPH_POLL_MS: '200',
      HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      GATEWAY_SECRET: secrets.gateway,
      AUTH_SECRET: secrets.auth,
      [SECRET_ENV]: secrets.partner,
    },
    ready: /Alliance Graph ready at (\S+)/,
  });
  return match[1];
}

/** `node server.js` with the partner's secret, as its README says, on a free port. */
async function startPartner(secret) {
  const { match } = await startProcess(`the ${NAME} subgraph`, [path.join(HERE, 'server.js')], {
    cwd: HERE,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', [SECRET_ENV]: secret },
    ready: /subgraph ready at (\S+)/,
  });
  return match[1];
}

/**
 * Starts the graph, then the partner, then joins the partner by adding its entry to the
 * running graph's config, checking on the way that the graph did not know its fields.
 */
async function joinLocalGraph() {
  dir = mkdtempSync(path.join(tmpdir(), 'patent-office-joined-'));
  const configFile = path.join(dir, 'supergraph.config.json');
  const secret = () => randomBytes(32).toString('base64url');
  const secrets = { gateway: secret(), auth: secret(), partner: secret() };
  const members = membersOnFreePorts();
  writeConfig(configFile, members);

  const url = await startAllianceGraph(configFile, secrets);
  graph = {
    url,
    readyUrl: new URL('/ready', url).toString(),
    memberToken: await memberToken(secrets.auth, 'enterprise:levima', ['VIEWER']),
  };
  const partnerUrl = await startPartner(secrets.partner);

  const unjoined = await query(DMTO_PATENTS);
  assert.equal(unjoined.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED', JSON.stringify(unjoined));

  writeConfig(configFile, [...members, { name: NAME, url: partnerUrl, secretEnv: SECRET_ENV }]);
  await eventually(
    async () => {
      const answer = await query(DMTO_PATENTS);
      return { done: !answer.errors, value: answer };
    },
    `the gateway serves the ${NAME} subgraph`,
    JOIN_MS,
  );
}

before(async () => {
  if (GIVEN_GRAPH) graph = { url: GIVEN_GRAPH, memberToken: process.env.ALLIANCE_MEMBER_TOKEN };
  else await joinLocalGraph();
});

after(async () => {
  await Promise.all([...children].map(stopProcess));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the gateway answers a project, its achievement and the achievement's registered patents", async () => {
  const answer = await query(DMTO_PATENTS);

  assert.equal(answer.errors, undefined);
  assert.deepEqual(answer.data, EXPECTED_DMTO);
});

test('the patent watch on a project is for members: an anonymous caller gets UNAUTHENTICATED from the partner', async () => {
  const anonymous = await query(WATCH);

  assert.deepEqual(anonymous.data, { project: { code: 'AMA-2018-001', patentWatch: null } });
  assert.equal(anonymous.errors?.length, 1);
  assert.deepEqual(anonymous.errors[0].path, ['project', 'patentWatch']);
  assert.equal(anonymous.errors[0].extensions.code, 'UNAUTHENTICATED');
  assert.equal(anonymous.errors[0].extensions.serviceName, NAME);
});

test(
  "a member's token gets the project's patent watch through the gateway",
  { skip: NO_MEMBER },
  async () => {
    const member = await query(WATCH, graph.memberToken);

    assert.equal(member.errors, undefined);
    assert.deepEqual(member.data, {
      project: {
        code: 'AMA-2018-001',
        patentWatch: { lastCheckedOn: '2026-11-01', alerts: [{ number: 'CN-DEMO-ALERT-7' }] },
      },
    });
  },
);

test("the partner reads an anonymous caller from the gateway's proof", async () => {
  const answer = await query(WHO);

  assert.deepEqual(answer, {
    data: { patentOfficeCaller: { subject: null, organization: null, roles: [] } },
  });
});

test("the partner reads a member from the gateway's proof", { skip: NO_MEMBER }, async () => {
  const answer = await query(WHO, graph.memberToken);

  assert.equal(answer.errors, undefined);
  if (GIVEN_GRAPH) assert.ok(answer.data.patentOfficeCaller.organization, 'a member has an organization');
  else
    assert.deepEqual(answer.data.patentOfficeCaller, {
      subject: 'enterprise:levima#user',
      organization: 'enterprise:levima',
      roles: ['VIEWER'],
    });
});

test(
  'the running graph is ready with the partner among its subgraphs',
  { skip: GIVEN_GRAPH ? NOT_OURS : false },
  async () => {
    const response = await fetch(graph.readyUrl);
    const body = await response.json();

    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.composition, null);
    assert.deepEqual(
      body.subgraphs.find((s) => s.name === NAME),
      // A partner is reported, never counted as one of the members the graph needs.
      { name: NAME, ok: true, member: false },
    );
  },
);
