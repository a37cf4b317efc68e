import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { databaseUrlUnder, dropPostgresDatabase } from '../shared/postgres-server';
import { environment } from '../shared/environment';

const ROOT = path.resolve(__dirname, '..');
/**
 * Node with tsx as its loader, as `npm start` runs: not the `tsx` CLI, whose wrapper process
 * SIGKILLs a child that does not acknowledge a relayed SIGTERM within 30 ms — a busy server.
 */
const NODE_ARGS = ['--import', 'tsx'];
const MEMBERS = ['institutes', 'enterprises', 'pilot-bases', 'funds', 'alliance'];

/** The alliance graph started as `npm start` does, or as one process per service, in child processes. */
export interface ChildStack {
  url: string;
  /** The environment the processes got (their secrets, ports, databases). */
  env: Record<string, string>;
  /** The processes: one (`npm start`), or the five subgraphs and the gateway. */
  processes: ChildProcess[];
  /** Everything they wrote to stdout and stderr. */
  output: () => string;
  /** Waits until every process has exited; their exit codes. */
  exited: () => Promise<(number | null)[]>;
  /** SIGTERM (if still running), then removes the databases and files. */
  stop: () => Promise<void>;
}

/**
 * A port free now (nobody listens on it), for a child process to listen on later. It is
 * taken below the kernel's ephemeral range: a port the kernel hands out (`listen(0)`) may be
 * handed out again, to any outgoing connection of this machine, before the child binds it
 * (a CI run once failed on EADDRINUSE that way). Ports are picked at random, checked by
 * listening, and never given twice by one process.
 */
export async function freePort(): Promise<number> {
  const high = Math.min(ephemeralRangeStart() - 1, 32767);
  for (let attempt = 0; attempt < 100; attempt++) {
    // A machine whose ephemeral range starts below the ports picked here: the kernel picks.
    const port =
      high < PORTS_FROM + 1_000 ? 0 : PORTS_FROM + Math.floor(Math.random() * (high - PORTS_FROM + 1));
    if (givenPorts.has(port)) continue;
    const server = http.createServer();
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!listening) continue;
    const { port: bound } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    givenPorts.add(bound);
    return bound;
  }
  throw new Error('no free port below the ephemeral range');
}

/** Where the kernel's ephemeral ports start: Linux's setting, or its default (macOS starts higher). */
function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
    return Number.isInteger(low) && low > 0 ? low : 32768;
  } catch {
    return 32768;
  }
}

/** The lowest port `freePort` gives: above the well-known and most registered services' ports. */
const PORTS_FROM = 20_000;
const givenPorts = new Set<number>();

/**
 * Starts the stack in child processes on free ports, with the demo data: on the embedded
 * database in memory, or with TEST_DATABASE_URL on fresh PostgreSQL databases dropped by
 * `stop()`. `separate` runs each subgraph and the gateway in its own process (as
 * docker-compose does; only on PostgreSQL, five PGlites would not fit the memory here).
 */
export async function startChildStack(
  options: { separate?: boolean; env?: Record<string, string>; readyTimeoutMs?: number } = {},
): Promise<ChildStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'child-stack-'));
  const ports = new Map<string, number>();
  for (const name of MEMBERS) ports.set(name, await freePort());
  const gatewayPort = await freePort();
  const configFile = path.join(dir, 'supergraph.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      subgraphs: MEMBERS.map((name) => ({ name, url: `http://127.0.0.1:${ports.get(name)}/graphql` })),
    }),
  );
  const serverUrl = environment().TEST_DATABASE_URL;
  const run = `c${process.pid}_${randomBytes(3).toString('hex')}`;
  const databases = new Map<string, string>();
  if (serverUrl)
    for (const name of MEMBERS)
      databases.set(name, databaseUrlUnder(serverUrl, `${run}_${name.replace(/-/g, '_')}`));
  if (options.separate && !serverUrl) throw new Error('separate processes need TEST_DATABASE_URL');

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    GATEWAY_PORT: String(gatewayPort),
    SUPERGRAPH_CONFIG: configFile,
    SUPERGRAPH_POLL_MS: '0',
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DATA_DIR: 'memory://',
    // The demo data: the embedded default loads it on a fresh start (from the demo template
    // when there is one for this code); a PostgreSQL database only when told.
    ...(serverUrl ? { SEED_DEMO_DATA: 'true' } : {}),
    // Each test's databases are new: a subgraph of its own creates its database only when told.
    CREATE_DATABASE: 'true',
    ...Object.fromEntries(
      [...databases].map(([name, url]) => [`${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`, url]),
    ),
    ...options.env,
  };
  let output = '';
  const started = (args: string[]): ChildProcess => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return child;
  };
  const processes: ChildProcess[] = [];
  const exits = new Map<ChildProcess, Promise<number | null>>();
  const track = (child: ChildProcess) => {
    processes.push(child);
    exits.set(child, new Promise((resolve) => child.once('exit', (code) => resolve(code))));
  };
  const waitFor = async (pattern: RegExp, what: string) => {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
    while (!pattern.test(output)) {
      if (Date.now() > deadline) throw new Error(`${what} did not start:\n${output.slice(-3000)}`);
      if (processes.some((p) => p.exitCode !== null))
        throw new Error(`a process exited before ${what} was ready:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const stop = async () => {
    for (const child of processes)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(exits.values());
    for (const url of databases.values()) await dropPostgresDatabase(url);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (options.separate) {
      // The alliance checks references with the others: it starts last.
      for (const name of MEMBERS) {
        track(started([`services/${name}/main.ts`]));
        await waitFor(new RegExp(`"service":"${name}".*"msg":"subgraph ready"`), name);
      }
      track(started(['gateway/main.ts']));
      await waitFor(/"msg":"gateway ready"/, 'the gateway');
    } else {
      track(started(['services/main.ts']));
      await waitFor(/Alliance Graph ready at/, 'the stack');
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${gatewayPort}/graphql`,
    env,
    processes,
    output: () => output,
    exited: () => Promise.all(exits.values()),
    stop,
  };
}
