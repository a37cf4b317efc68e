import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signLocalToken } from '../../gateway/auth';
import { scaleId } from '../../shared/scale';
import { startStack, type RunningStack } from '../../services/stack';
import { GATEWAY_PROOF_HEADER, parseOrganization, secretFrom, signGatewayProof } from '../../shared/identity';
import { benchDatabaseUrl, dataSetLocation } from './database';
import { load, requestBudget, type LoadResult } from './load';
import {
  captureStatements,
  explain,
  median,
  post,
  settle,
  statementsDuring,
  type PlanSummary,
} from './measure';
import {
  board,
  boardOfVariedPages,
  bookingRequests,
  CONTENDED_FACILITY,
  ENTITY_PROBES,
  FIRST_QUERY,
  READS,
  WRITES,
  type Operation,
  type Sender,
} from './operations';
import { printReport, type BenchReport, type Goal, type OperationResult } from './report';
import { planFor } from './scale-data';
import { measureStartup } from './startup';
import { measurePollingInOwnProcess } from './polling';
import { startGatewayProcess, type GatewayKind, type GatewayPlan, type GatewayProcess } from './gateways';
import { measureFirstRender, measureRouteBundles } from './web';
import { buildWebAppIfStale } from '../browser/browser';

const USAGE = `npm run bench -- [--connections N] [--duration S] [--small N] [--scale N] [--rounds N]
  [--entities-duration S] [--skip-startup] [--skip-explain] [--out FILE]
  [--web-only] [--render-runs N] [--entities-only] [--gateways-only]

Starts the whole stack in this process on a small and a scale data set (generated once
with the scale generators and kept: bench-results/data, or databases bench_<N>_* on
BENCH_DATABASE_URL), loads each canonical operation through the gateway, and prints the
figures side by side as ratios; the JSON goes to bench-results/latest.json. It also sums the
JS each route of the web app ships (gzipped, from web/dist) and times the board's first
render with 50 cards in Chromium on the scale data set; --web-only measures only those.
--entities-only measures only \`_entities\` with 1 and 100 representations straight to each
subgraph on the scale data set (bench-results/entities-latest.json); --gateways-only only the
shipped gateway against the untuned one and Hive Gateway, with each one's CPU per request
(bench-results/gateways-latest.json).`;

const ISSUER = 'alliance-bench';
const BENCH_MAX_COST = 50_000;
/** Issue #19: half the 14.8 ms of gateway CPU a board of varied size cost when it was filed. */
const VARIED_BOARD_CPU_GOAL_MS = 7.4;
const AUDIENCE = 'alliance-bench';

interface Options {
  connections: number;
  duration: number;
  small: number;
  scale: number;
  rounds: number;
  entitiesDuration: number;
  skipStartup: boolean;
  skipExplain: boolean;
  webOnly: boolean;
  entitiesOnly: boolean;
  gatewaysOnly: boolean;
  renderRuns: number;
  out: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '10' },
      duration: { type: 'string', default: '5' },
      small: { type: 'string', default: '1000' },
      scale: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '3' },
      'entities-duration': { type: 'string', default: '2' },
      'skip-startup': { type: 'boolean', default: false },
      'skip-explain': { type: 'boolean', default: false },
      'web-only': { type: 'boolean', default: false },
      'entities-only': { type: 'boolean', default: false },
      'gateways-only': { type: 'boolean', default: false },
      'render-runs': { type: 'string', default: '5' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const positive = (value: string, flag: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a positive number`);
    return n;
  };
  // Each data set has its own database; one PGlite directory must not be opened twice.
  if (Number(values.small) >= Number(values.scale)) throw new Error('--small must be less than --scale');
  const only = (['web-only', 'entities-only', 'gateways-only'] as const).filter((flag) => values[flag]);
  if (only.length > 1) throw new Error(`--${only.join(' and --')} measure different things: choose one`);
  return {
    connections: positive(values.connections, 'connections'),
    duration: positive(values.duration, 'duration'),
    small: positive(values.small, 'small'),
    scale: positive(values.scale, 'scale'),
    rounds: positive(values.rounds, 'rounds'),
    entitiesDuration: positive(values['entities-duration'], 'entities-duration'),
    skipStartup: values['skip-startup'],
    skipExplain: values['skip-explain'],
    webOnly: values['web-only'],
    entitiesOnly: values['entities-only'],
    gatewaysOnly: values['gateways-only'],
    renderRuns: positive(values['render-runs'], 'render-runs'),
    // A run of one part does not replace the last full run's figures.
    out:
      values.out ??
      path.join('bench-results', only[0] ? `${only[0].replace('-only', '')}-latest.json` : 'latest.json'),
  };
}

/** A stack of one data set, with what the benchmark needs to call it. */
interface Bench {
  projects: number;
  stack: RunningStack;
  gatewaySecret: string;
  authSecret: Uint8Array;
  token(sender: Sender | null): Promise<string | undefined>;
}

/**
 * Generates a data set where it is missing with `npm run seed:scale`, in a process of its
 * own: the demo seeds keep module state, so one process seeds one fresh database set only.
 */
async function prepareDataSet(projects: number, env: Record<string, string>): Promise<void> {
  const child = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), 'test/bench/seed-scale.ts', '--projects', String(projects)],
    {
      env: {
        ...process.env,
        DATABASE_URL: '',
        INSTITUTES_DATABASE_URL: '',
        ENTERPRISES_DATABASE_URL: '',
        PILOT_BASES_DATABASE_URL: '',
        FUNDS_DATABASE_URL: '',
        ALLIANCE_DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`seed:scale --projects ${projects} failed (exit ${code})`);
}

async function startBench(projects: number): Promise<Bench> {
  const location = dataSetLocation(projects);
  console.log(`\nData set of ${projects} projects (${location.label}):`);
  const started = Date.now();
  await prepareDataSet(projects, location.env);
  console.log(
    `  ready in ${((Date.now() - started) / 1000).toFixed(1)} s (generated once, then only checked)`,
  );
  const gatewaySecret = randomBytes(32).toString('base64url');
  const authSecret = randomBytes(32);
  const stack = await startStack({
    database: location.stack,
    gatewayPort: 0,
    gatewaySecret,
    auth: { issuer: ISSUER, audience: AUDIENCE, localSecret: authSecret },
    seedDemoData: 'never',
    pollMs: 0,
    subgraphTimeoutMs: 30_000,
    production: false,
    // The board with 100 projects costs about 23,000 (it asks for bookings, facilities and
    // bases too), over the shipped limit of 20,000; the limit is a bound, not a tuning.
    limits: { maxCost: BENCH_MAX_COST },
  });
  const tokens = new Map<string, string>();
  return {
    projects,
    stack,
    gatewaySecret,
    authSecret,
    async token(sender) {
      if (!sender) return undefined;
      const key = `${sender.organization}/${sender.roles.join(',')}`;
      let token = tokens.get(key);
      if (!token) {
        token = await signLocalToken(
          authSecret,
          {
            subject: `${sender.organization}#bench`,
            organization: parseOrganization(sender.organization)!,
            roles: sender.roles,
          },
          ISSUER,
          AUDIENCE,
        );
        tokens.set(key, token);
      }
      return token;
    },
  };
}

function bodyOf(operation: Operation, variables = operation.variables): string {
  return JSON.stringify({ query: operation.query, variables });
}

async function headersFor(bench: Bench, operation: Operation): Promise<Record<string, string>> {
  const token = await bench.token(operation.sender);
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * One operation on one data set: its statements per subgraph for one request (after a
 * warm-up request), then its throughput and latency under load at the set concurrency.
 */
async function measureOperation(
  bench: Bench,
  operation: Operation,
  settings: Options,
  gatewayUrl = bench.stack.gateway.url,
  /** The CPU ms the gateway's own process has used so far, when it runs in one. */
  gatewayCpuMs?: () => number,
): Promise<OperationResult> {
  const headers = await headersFor(bench, operation);
  await settle(bench.stack);
  const once = async () => {
    const answer = await post(gatewayUrl, bodyOf(operation, operation.nextVariables?.()), headers);
    if (answer.errors?.length) throw new Error(`${operation.name}: ${JSON.stringify(answer.errors[0])}`);
  };
  await once();
  const statements = await statementsDuring(bench.stack, once);
  let result: LoadResult | undefined;
  let gatewayCpu: number | undefined;
  const underLoad = await statementsDuring(bench.stack, async () => {
    const cpuBefore = gatewayCpuMs?.();
    result = await load({
      url: gatewayUrl,
      body: bodyOf(operation, operation.nextVariables?.()),
      nextBody: operation.nextVariables ? () => bodyOf(operation, operation.nextVariables!()) : undefined,
      bodiesRepeat: operation.variablesRepeat === true,
      headers,
      connections: settings.connections,
      durationSeconds: settings.duration,
    });
    if (cpuBefore !== undefined) gatewayCpu = gatewayCpuMs!() - cpuBefore;
    await settle(bench.stack);
  });
  const requests = Math.max(1, result!.requests);
  return {
    ...result!,
    ...(gatewayCpu === undefined ? {} : { gatewayCpuMsPerRequest: gatewayCpu / requests }),
    statements,
    statementsUnderLoad: Object.fromEntries(
      Object.entries(underLoad).map(([name, n]) => [name, Math.round((n / requests) * 100) / 100]),
    ),
  };
}

/** The day after the last booking of the contended facility (or 2100-01-01): free days from there on. */
async function firstFreeDay(bench: Bench): Promise<string> {
  const [row] = await bench.stack.subgraphs
    .get('pilot-bases')!
    // An aggregate without GROUP BY: always one row.
    .dataSource.query<[{ day: string }]>(
      `SELECT greatest(max(end_on), date '2100-01-01')::text AS day FROM pilot_bases.booking WHERE facility_id = $1`,
      [CONTENDED_FACILITY],
    );
  return row.day;
}

/** `count` ids that `source` lists, spread evenly over all of them (as a board's page would be). */
async function spreadIds(
  bench: Bench,
  source: { subgraph: string; sql: string },
  count: number,
): Promise<string[]> {
  const rows = await bench.stack.subgraphs.get(source.subgraph)!.dataSource.query<{ id: string }[]>(
    `SELECT id FROM (
       SELECT id, row_number() OVER (ORDER BY id) AS r, count(*) OVER () AS c FROM (${source.sql}) listed
     ) numbered
     WHERE r % greatest(1, c / $1) = 0 ORDER BY id LIMIT $1`,
    [count],
  );
  if (rows.length === 0) throw new Error(`no ids for the _entities probe: ${source.sql}`);
  // A small data set may have fewer: repeat them.
  return Array.from({ length: count }, (_, i) => rows[i % rows.length]!.id);
}

/** The first of `ids` that `sql` (run on `subgraph`, the ids as `$1`) returns. */
async function firstWithChildren(
  bench: Bench,
  subgraph: string,
  sql: string,
  ids: string[],
): Promise<string> {
  const rows = await bench.stack.subgraphs.get(subgraph)!.dataSource.query<{ id: string }[]>(sql, [ids]);
  if (rows.length === 0) throw new Error(`none of the _entities probe's ids has children: ${sql}`);
  return rows[0]!.id;
}

/** Each figure of some load runs at its median over them. */
function medianLoad(results: LoadResult[]): LoadResult {
  const of = (field: keyof LoadResult) => median(results.map((r) => r[field]));
  return {
    requests: of('requests'),
    requestsPerSecond: of('requestsPerSecond'),
    p50: of('p50'),
    p95: of('p95'),
    p99: of('p99'),
    failures: of('failures'),
  };
}

/**
 * `_entities` with 1 and with 100 representations, straight to each subgraph with the
 * gateway's proof. The two sizes alternate over `--rounds` rounds (×1 first in odd rounds,
 * ×100 first in even ones) so that drift on the shared cores hits both alike; each figure
 * is the median of the rounds.
 */
async function measureEntities(bench: Bench, settings: Options): Promise<BenchReport['entities']> {
  const results: BenchReport['entities'] = [];
  const caller = {
    subject: `enterprise:${scaleId('e', 1)}#bench`,
    organization: { type: 'enterprise' as const, id: scaleId('e', 1) },
    roles: ['VIEWER' as const],
  };
  for (const probe of ENTITY_PROBES) {
    const subgraph = bench.stack.subgraphs.get(probe.subgraph)!;
    // A proof is accepted once (the subgraphs refuse replays): one per request, signed
    // before the load so that signing is not part of what is measured.
    const proofs = async (count: number): Promise<string[]> =>
      Promise.all(
        Array.from({ length: count }, () =>
          signGatewayProof(secretFrom(bench.gatewaySecret), probe.subgraph, caller),
        ),
      );
    const fresh = async () => ({ [GATEWAY_PROOF_HEADER]: (await proofs(1))[0]! });
    const ids = await spreadIds(bench, probe.ids, 100);
    const one = probe.withChildren
      ? await firstWithChildren(bench, probe.subgraph, probe.withChildren, ids)
      : ids[0]!;
    /** The request of `count` representations, checked, with its statements and their SQL time. */
    const prepare = async (count: number) => {
      const representations = (count === 1 ? [one] : ids.slice(0, count)).map((id) => ({
        __typename: probe.typename,
        id,
      }));
      const body = JSON.stringify({
        query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${probe.typename} { ${probe.selection} } } }`,
        variables: { representations },
      });
      const answer = await post(subgraph.url, body, await fresh());
      const entities = (answer.data as { _entities?: unknown[] } | undefined)?._entities ?? [];
      if (answer.errors?.length || entities.length !== count || entities.some((e) => e === null)) {
        throw new Error(
          `_entities on ${probe.subgraph}: ${JSON.stringify(answer.errors ?? entities.slice(0, 3))}`,
        );
      }
      await settle(bench.stack);
      const statements = await statementsDuring(bench.stack, async () =>
        post(subgraph.url, body, await fresh()),
      );
      // How much of that is the database: EXPLAIN ANALYZE of the statements one request sends.
      const plans = await explain(
        bench.stack,
        await captureStatements(bench.stack, async () => post(subgraph.url, body, await fresh())),
      );
      const sqlMs = Math.round(plans.reduce((sum, p) => sum + p.executionMs, 0) * 100) / 100;
      // The probed subgraph is one of the stack's, which statementsDuring counts.
      return { body, statements: statements[probe.subgraph]!, sqlMs };
    };
    const sizes = { one: await prepare(1), hundred: await prepare(100) };
    const rounds: { one: LoadResult; hundred: LoadResult }[] = [];
    for (let round = 0; round < settings.rounds; round += 1) {
      const order: ('one' | 'hundred')[] = round % 2 === 0 ? ['one', 'hundred'] : ['hundred', 'one'];
      const timings: Partial<Record<'one' | 'hundred', LoadResult>> = {};
      for (const size of order) {
        const signed = await proofs(requestBudget(settings.entitiesDuration));
        await settle(bench.stack);
        timings[size] = await load({
          url: subgraph.url,
          body: sizes[size].body,
          headerSets: signed.map((proof) => ({ [GATEWAY_PROOF_HEADER]: proof })),
          connections: 1,
          durationSeconds: settings.entitiesDuration,
        });
      }
      rounds.push({ one: timings.one!, hundred: timings.hundred! });
    }
    const single = medianLoad(rounds.map((r) => r.one));
    const hundred = medianLoad(rounds.map((r) => r.hundred));
    results.push({
      subgraph: probe.subgraph,
      typename: probe.typename,
      one: { ...single, statements: sizes.one.statements, sqlMs: sizes.one.sqlMs },
      hundred: { ...hundred, statements: sizes.hundred.statements, sqlMs: sizes.hundred.sqlMs },
      p50Rounds: rounds.map((r) => [r.one.p50, r.hundred.p50]),
      p50Ratio: hundred.p50 / single.p50,
    });
  }
  return results;
}

/**
 * The shipped gateway against another gateway over the same subgraphs, in alternating rounds
 * so drift on the shared cores hits both alike, per operation.
 */
async function compareGateways(
  bench: Bench,
  settings: Options,
  shipped: GatewayProcess,
  against: GatewayProcess,
  operations: Operation[],
): Promise<NonNullable<BenchReport['gateways']>> {
  const comparisons: NonNullable<BenchReport['gateways']> = [];
  for (const operation of operations) {
    const rounds: { tuned: OperationResult; other: OperationResult }[] = [];
    for (let round = 0; round < settings.rounds; round += 1) {
      const order: ('tuned' | 'other')[] = round % 2 === 0 ? ['tuned', 'other'] : ['other', 'tuned'];
      const results: Partial<Record<'tuned' | 'other', OperationResult>> = {};
      for (const which of order) {
        const gateway = which === 'tuned' ? shipped : against;
        results[which] = await measureOperation(bench, operation, settings, gateway.url, gateway.cpuMs);
      }
      rounds.push({ tuned: results.tuned!, other: results.other! });
    }
    const rps = (which: 'tuned' | 'other') => median(rounds.map((r) => r[which].requestsPerSecond));
    const p95 = (which: 'tuned' | 'other') => median(rounds.map((r) => r[which].p95));
    comparisons.push({
      operation: operation.name,
      description: operation.description,
      against: against.name,
      rounds,
      rpsRatio: rps('tuned') / rps('other'),
      p95Ratio: p95('tuned') / p95('other'),
    });
  }
  return comparisons;
}

/**
 * Each gateway in a process of its own (test/bench/gateway-process.ts), so that its CPU per
 * request can be read. The shipped gateway against (1) the same gateway with its tunings off (no in-flight
 * deduplication, a proof signed per request), on the board every connection asks
 * identically (what deduplication is for) and on boards of different sizes (what it cannot
 * collapse); and (2) Hive Gateway on the project's configuration (gateway/hive: the same
 * supergraph, caller checks, proofs and limits), on the boards, search and the dashboard.
 */
async function measureGateways(bench: Bench, settings: Options): Promise<BenchReport['gateways']> {
  const plan = (kind: GatewayKind): GatewayPlan => ({
    kind,
    config: { subgraphs: [...bench.stack.subgraphs.values()].map((s) => ({ name: s.name, url: s.url })) },
    gatewaySecret: bench.gatewaySecret,
    authSecret: Buffer.from(bench.authSecret).toString('base64url'),
    issuer: ISSUER,
    audience: AUDIENCE,
    maxCost: BENCH_MAX_COST,
  });
  const started: GatewayProcess[] = [];
  const start = async (name: string, kind: GatewayKind) => {
    const gateway = await startGatewayProcess(name, plan(kind));
    started.push(gateway);
    return gateway;
  };
  try {
    const shipped = await start('shipped', 'shipped');
    const untuned = await start('untuned', 'untuned');
    const hive = await start('Hive Gateway', 'hive');
    const boards = [board(50), boardOfVariedPages()];
    const others = READS.filter((operation) => operation.name === 'search' || operation.name === 'metrics');
    // A second of each operation first, unmeasured: a fresh process compiles its hot paths
    // during its first hundreds of requests (a cold first round measured about twice the CPU
    // per board of the later ones), which would count against whichever gateway runs first.
    for (const gateway of started) {
      for (const operation of [...boards, ...others]) {
        await measureOperation(bench, operation, { ...settings, duration: 1 }, gateway.url);
      }
    }
    return [
      ...(await compareGateways(bench, settings, shipped, untuned, boards)),
      ...(await compareGateways(bench, settings, shipped, hive, [...boards, ...others])),
    ];
  } finally {
    await Promise.all(started.map((gateway) => gateway.stop()));
  }
}

async function explainReads(bench: Bench): Promise<Record<string, PlanSummary[]>> {
  const plans: Record<string, PlanSummary[]> = {};
  for (const operation of READS) {
    const headers = await headersFor(bench, operation);
    const captured = await captureStatements(bench.stack, () =>
      post(bench.stack.gateway.url, bodyOf(operation), headers),
    );
    plans[operation.name] = await explain(bench.stack, captured);
  }
  return plans;
}

async function main(): Promise<void> {
  const settings = options();
  // Two stacks and a second gateway in one process: each PGlite and server adds exit listeners.
  process.setMaxListeners(50);
  const report: BenchReport = {
    when: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      database: benchDatabaseUrl() ? 'postgres' : 'embedded',
      // Other work on the machine skews every figure: the 1-minute load at start and end.
      loadAverage: [os.loadavg()[0] ?? NaN, NaN],
    },
    settings: {
      connections: settings.connections,
      durationSeconds: settings.duration,
      entitiesDurationSeconds: settings.entitiesDuration,
      rounds: settings.rounds,
      smallProjects: settings.small,
      scaleProjects: settings.scale,
    },
    dataSets: { small: planFor(settings.small), scale: planFor(settings.scale) },
    operations: [],
    pageSize: { page10: {}, page100: {} },
    entities: [],
    gateways: null,
    plans: {},
    startup: null,
    polling: null,
    web: null,
    goals: [],
  };

  if (settings.entitiesOnly || settings.gatewaysOnly) {
    const scale = await startBench(settings.scale);
    try {
      if (settings.entitiesOnly) report.entities = await measureEntities(scale, settings);
      else report.gateways = await measureGateways(scale, settings);
    } finally {
      await scale.stack.stop();
    }
    finish(report, settings);
    return;
  }

  // The bundle is measured on what `npm start` serves: web/dist, rebuilt when a source changed.
  buildWebAppIfStale();
  const routes = measureRouteBundles();
  if (settings.webOnly) {
    const scale = await startBench(settings.scale);
    try {
      report.web = { routes, firstRender: await firstRender(scale, settings) };
    } finally {
      await scale.stack.stop();
    }
    finish(report, settings);
    return;
  }

  const small = await startBench(settings.small);
  const scale = await startBench(settings.scale);
  try {
    console.log(`\nLoad: ${settings.connections} connections, ${settings.duration} s per run.`);
    const writes: ((bench: Bench) => Promise<Operation>)[] = [
      async () => WRITES.commit,
      async (bench) => bookingRequests(await firstFreeDay(bench)),
    ];
    const operations: ((bench: Bench) => Promise<Operation>)[] = [
      ...READS.map((operation) => async () => operation),
      ...writes,
    ];
    for (const operationFor of operations) {
      // Small then scale, back to back, so both see the machine in the same state.
      const onSmall = await operationFor(small);
      const smallResult = await measureOperation(small, onSmall, settings);
      const onScale = await operationFor(scale);
      const scaleResult = await measureOperation(scale, onScale, settings);
      report.operations.push({
        name: onSmall.name,
        description: onSmall.description,
        small: smallResult,
        scale: scaleResult,
        p95Ratio: scaleResult.p95 / smallResult.p95,
      });
      console.log(`  ${onSmall.name}: done`);
    }

    for (const first of [10, 100] as const) {
      const operation = board(first);
      const headers = await headersFor(scale, operation);
      await settle(scale.stack);
      report.pageSize[`page${first}`] = await statementsDuring(scale.stack, async () => {
        const answer = await post(scale.stack.gateway.url, bodyOf(operation), headers);
        if (answer.errors?.length) throw new Error(`board ${first}: ${JSON.stringify(answer.errors[0])}`);
      });
    }
    console.log('  page sizes: done');
    report.entities = await measureEntities(scale, settings);
    console.log('  _entities: done');
    report.gateways = await measureGateways(scale, settings);
    console.log('  gateways: done');
    report.polling = await measurePollingInOwnProcess({
      config: { subgraphs: [...scale.stack.subgraphs.values()].map((s) => ({ name: s.name, url: s.url })) },
      gatewaySecret: scale.gatewaySecret,
      maxCost: BENCH_MAX_COST,
    });
    console.log('  supergraph polling: done');
    if (!settings.skipExplain) report.plans = await explainReads(scale);
    report.web = { routes, firstRender: await firstRender(scale, settings) };
    console.log('  web app: done');
  } finally {
    await small.stack.stop();
    await scale.stack.stop();
  }

  if (!settings.skipStartup) {
    console.log('  startup: the embedded `npm start` on a fresh data directory…');
    report.startup = await measureStartup(FIRST_QUERY, async (url) => {
      for (let i = 0; i < 200; i += 1) await post(url, JSON.stringify({ query: FIRST_QUERY }));
    });
  }

  finish(report, settings);
}

/** The board's first render with 50 cards, on the scale data set, through its gateway. */
async function firstRender(
  bench: Bench,
  settings: Options,
): Promise<NonNullable<BenchReport['web']>['firstRender']> {
  await settle(bench.stack);
  const result = await measureFirstRender(new URL(bench.stack.gateway.url).origin, 50, settings.renderRuns);
  console.log(`  board first render, 50 cards: ${result.runsMs.join(', ')} ms`);
  return result;
}

function finish(report: BenchReport, settings: Options): void {
  report.machine.loadAverage[1] = os.loadavg()[0] ?? NaN;
  report.goals = goals(report);
  printReport(report);
  mkdirSync(path.dirname(settings.out), { recursive: true });
  writeFileSync(settings.out, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    path.join(path.dirname(settings.out), `bench-${report.when.replace(/[:.]/g, '-')}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  console.log(`\nWritten to ${settings.out}`);
}

/** The issue's goals, judged on this run's figures. */
function goals(report: BenchReport): Goal[] {
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const list: Goal[] = [];
  const page10 = total(report.pageSize.page10);
  const page100 = total(report.pageSize.page100);
  const samePerSubgraph = Object.keys(report.pageSize.page10).every(
    (name) => report.pageSize.page10[name] === report.pageSize.page100[name],
  );
  // A --web-only run measures no pages.
  if (page10 > 0) {
    list.push({
      goal: 'statements per operation independent of page size (board, 10 vs 100)',
      value: `${page10} vs ${page100}`,
      target: 'equal per subgraph',
      met: samePerSubgraph,
    });
  }
  for (const entity of report.entities) {
    list.push({
      goal: `_entities ×100 vs ×1 on ${entity.subgraph} (p50)`,
      value: `${entity.p50Ratio.toFixed(2)}×`,
      target: '≤ 2×',
      met: entity.p50Ratio <= 2,
    });
  }
  for (const operation of report.operations) {
    list.push({
      goal: `p95 ${report.settings.scaleProjects} vs ${report.settings.smallProjects} projects: ${operation.name}`,
      value: `${operation.p95Ratio.toFixed(2)}×`,
      target: '≤ 1.3×',
      met: operation.p95Ratio <= 1.3,
    });
  }
  if (report.gateways) {
    for (const comparison of report.gateways) {
      // Against Hive Gateway (issue #19): 1.5× on boards of varied size, 1.2× elsewhere.
      const needed =
        comparison.against === 'untuned' ? 1 : comparison.operation === 'board-varied' ? 1.5 : 1.2;
      list.push({
        goal: `shipped gateway vs ${comparison.against}: ${comparison.operation} (req/s)`,
        value: `${comparison.rpsRatio.toFixed(2)}×`,
        target: comparison.against === 'untuned' ? '> 1×' : `≥ ${needed}×`,
        met: comparison.against === 'untuned' ? comparison.rpsRatio > 1 : comparison.rpsRatio >= needed,
      });
    }
    const variedCpu = report.gateways
      .filter((comparison) => comparison.operation === 'board-varied')
      .flatMap((comparison) => comparison.rounds.map((round) => round.tuned.gatewayCpuMsPerRequest))
      .filter((cpu): cpu is number => cpu !== undefined);
    if (variedCpu.length > 0) {
      const cpu = median(variedCpu);
      list.push({
        goal: 'shipped gateway CPU per board of varied size (median of rounds)',
        value: `${cpu.toFixed(2)} ms`,
        target: `≤ ${VARIED_BOARD_CPU_GOAL_MS} ms`,
        met: cpu <= VARIED_BOARD_CPU_GOAL_MS,
      });
    }
  }
  if (report.web) {
    const board = report.web.routes.find((route) => route.route === '/')!;
    list.push({
      goal: 'JS the board route ships, gzipped',
      value: `${(board.gzipBytes / 1000).toFixed(1)} kB`,
      target: '< 250 kB',
      met: board.gzipBytes < 250_000,
    });
    const render = report.web.firstRender;
    if (render) {
      list.push({
        goal: `board first render, ${render.cards} cards, ${report.settings.scaleProjects} projects (median)`,
        value: `${(render.medianMs / 1000).toFixed(2)} s`,
        target: '< 1.5 s',
        met: render.medianMs < 1500,
      });
    }
  }
  if (report.polling) {
    list.push({
      goal: `worst event-loop stall of an idle gateway polling every ${report.polling.pollMs} ms`,
      value: `${report.polling.worstStallMs.toFixed(1)} ms (${report.polling.baselineStallMs.toFixed(1)} without polls)`,
      target: '≤ 20 ms, or no worse than without polls',
      // The process stalls that much without any poll: such a stall is not the polls'.
      met: report.polling.worstStallMs <= 20 || report.polling.worstStallMs <= report.polling.baselineStallMs,
    });
  }
  if (report.startup) {
    list.push({
      // Half of the 8.5–9 s a fresh start took when #19 was filed.
      goal: 'embedded npm start on a fresh data directory: first answer (median)',
      value: `${(report.startup.firstAnswerMs / 1000).toFixed(1)} s`,
      target: '≤ 4.5 s',
      met: report.startup.firstAnswerMs <= 4_500,
    });
    const rss = Math.max(report.startup.rssMb, report.startup.rssAfterLoadMb);
    list.push({
      goal: 'embedded stack RSS (process tree)',
      value: `${rss} MB`,
      target: '< 800 MB',
      met: rss < 800,
    });
  }
  return list;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
