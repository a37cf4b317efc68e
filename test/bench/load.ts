import { runBenchProcess } from './child';
import type { LoadPlan } from './load-process';

export interface LoadOptions {
  url: string;
  body: string;
  /**
   * For requests that differ: the body of every request after the first. Called up front,
   * for as many requests as the run can send (`requestBudget`), since the load runs in
   * another process.
   */
  nextBody?: () => string;
  /** Whether `nextBody` may repeat itself (reads: 100 bodies, in turn), or each request needs its own (writes). */
  bodiesRepeat?: boolean;
  headers?: Record<string, string>;
  /** For headers each request needs its own of (a single-use proof): one set per request, in turn. */
  headerSets?: Record<string, string>[];
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx answers and 2xx answers with GraphQL errors. */
  failures: number;
}

/** The q-th percentile (0–100) of sorted values, nearest rank. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

/** More requests than a run of `durationSeconds` sends here (the fastest, `_entities` ×1, ~1,000/s). */
export function requestBudget(durationSeconds: number): number {
  return Math.ceil(durationSeconds * 4_000);
}

/**
 * POSTs one GraphQL request over and over from `connections` keep-alive connections for a
 * while, and reports throughput and latency percentiles. autocannon runs in a process of
 * its own (test/bench/load-process.ts), so the load generator does not share the measured
 * stack's event loop (it still shares the machine's cores). Every response time is kept,
 * so p95 is exact rather than read off autocannon's fixed percentiles.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const bodies = options.nextBody
    ? [
        options.body,
        ...Array.from(
          { length: options.bodiesRepeat ? 99 : requestBudget(options.durationSeconds) },
          options.nextBody,
        ),
      ]
    : [options.body];
  const plan: LoadPlan = {
    url: options.url,
    headers: options.headers ?? {},
    bodies,
    bodiesCycle: !options.nextBody || options.bodiesRepeat === true,
    headerSets: options.headerSets ?? [],
    connections: options.connections,
    durationSeconds: options.durationSeconds,
  };
  const { code, output } = await runBenchProcess('load-process.ts', plan);
  if (code !== 0) throw new Error(`the load process exited with ${code}`);
  const { exhausted, ...result } = JSON.parse(output) as LoadResult & { exhausted: boolean };
  if (exhausted) throw new Error('the load sent more requests than it had bodies or headers prepared for');
  return result;
}
