import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../child-stack';
import { median } from './measure';

export interface StartupResult {
  /**
   * From spawning `npm start`'s command to the README's first query answering without
   * errors: the median of the starts, and each start's.
   */
  firstAnswerMs: number;
  firstAnswersMs: number[];
  /** Resident memory of the whole process tree once it answered, and after a warm-up (the starts' largest). */
  rssMb: number;
  rssAfterLoadMb: number;
}

/** RSS of a process and all its descendants, from /proc (Linux). */
function treeRssMb(pid: number): number {
  const children = (p: number): number[] => {
    try {
      const text = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      return text ? text.split(/\s+/).map(Number) : [];
    } catch {
      return [];
    }
  };
  const all = [pid];
  // Grows while it is walked: each process found adds its children.
  for (let i = 0; i < all.length; i += 1) all.push(...children(all[i]!));
  let kb = 0;
  for (const p of all) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (match) kb += Number(match[1]);
    } catch {
      // the process ended meanwhile
    }
  }
  return Math.round(kb / 1024);
}

/** The embedded default running as its own process tree (`npm start`'s command). */
export interface EmbeddedStack {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** When the process was spawned (ms since the epoch). */
  started: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `npm start`'s command on a fresh data directory and free ports; does not wait for it. */
export async function spawnEmbeddedStack(): Promise<EmbeddedStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alliance-start-'));
  const names = ['institutes', 'enterprises', 'pilot-bases', 'funds', 'alliance'];
  const config = {
    subgraphs: await Promise.all(
      names.map(async (name) => ({ name, url: `http://127.0.0.1:${await freePort()}/graphql` })),
    ),
  };
  writeFileSync(path.join(dir, 'supergraph.json'), JSON.stringify(config));
  const gatewayPort = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'services/main.ts'], {
    env: {
      ...process.env,
      DATA_DIR: path.join(dir, 'data'),
      // The embedded default, whatever database the benchmark's own shell points at.
      DATABASE_URL: '',
      INSTITUTES_DATABASE_URL: '',
      ENTERPRISES_DATABASE_URL: '',
      PILOT_BASES_DATABASE_URL: '',
      FUNDS_DATABASE_URL: '',
      ALLIANCE_DATABASE_URL: '',
      SUPERGRAPH_CONFIG: path.join(dir, 'supergraph.json'),
      GATEWAY_PORT: String(gatewayPort),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  return {
    url: `http://127.0.0.1:${gatewayPort}/graphql`,
    started,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits (up to a minute) until `query` answers without errors; the ms since the spawn, or NaN. */
export async function firstAnswer(stack: EmbeddedStack, query: string): Promise<number> {
  while (Date.now() - stack.started < 60_000) {
    try {
      const response = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (response.ok && body.data && !body.errors) return Date.now() - stack.started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return NaN;
}

/**
 * Runs the embedded default as a newcomer would (`npm start`'s command on a fresh data
 * directory, on free ports) `starts` times, one after the other: times each one's first good
 * answer to `query` and reads its memory, then after `warmup`. One start alone is at the
 * mercy of whatever else the machine does in those seconds (3.6–4.9 s here, quiet).
 */
export async function measureStartup(
  query: string,
  warmup: (url: string) => Promise<void>,
  starts = 3,
): Promise<StartupResult> {
  const runs: { firstAnswerMs: number; rssMb: number; rssAfterLoadMb: number }[] = [];
  for (let i = 0; i < starts; i += 1) {
    const stack = await spawnEmbeddedStack();
    try {
      const firstAnswerMs = await firstAnswer(stack, query);
      const rssMb = treeRssMb(stack.pid);
      await warmup(stack.url);
      runs.push({ firstAnswerMs, rssMb, rssAfterLoadMb: treeRssMb(stack.pid) });
    } finally {
      await stack.stop();
    }
  }
  return {
    firstAnswerMs: median(runs.map((r) => r.firstAnswerMs)),
    firstAnswersMs: runs.map((r) => r.firstAnswerMs),
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
    rssAfterLoadMb: Math.max(...runs.map((r) => r.rssAfterLoadMb)),
  };
}
