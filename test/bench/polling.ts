import { monitorEventLoopDelay } from 'node:perf_hooks';
import { composeFromConfig } from '../../gateway/supergraph';
import { startGateway } from '../../gateway/server';
import type { QueryLimits } from '../../gateway/limits';
import type { Authenticate } from '../../gateway/auth';
import type { SupergraphConfig } from '../../shared/supergraph-config';
import { runBenchProcess } from './child';
import type { PollingPlan } from './polling-process';

/** What precedes the result's JSON on the polling process's stdout. */
export const POLLING_RESULT_MARK = 'polling result: ';

export interface PollingResult {
  pollMs: number;
  idleSeconds: number;
  /** Polls that finished while the gateway stood idle, and the compositions they ran. */
  polls: number;
  compositions: number;
  /** The worst event-loop delay seen while it stood idle (ms): what a request would have waited. */
  worstStallMs: number;
  /**
   * The same, for the same gateway standing idle without polling, measured first: what the
   * rest of the process (garbage collection of the benchmark's large heaps, the subgraphs)
   * stalls anyway. A polling stall no worse than this is not the polls'.
   */
  baselineStallMs: number;
  /** One composition of the same subgraphs, timed: what every poll cost before it compared schemas. */
  compositionMs: number;
}

/**
 * Starts a gateway polling every `pollMs` on the running subgraphs, lets it stand idle, and
 * reports the worst event-loop stall the polls caused and how many compositions they ran.
 */
export async function measurePollingStalls(options: {
  config: SupergraphConfig;
  secretOf: () => Uint8Array;
  authenticate: Authenticate;
  limits: Partial<QueryLimits>;
  pollMs?: number;
  idleSeconds?: number;
}): Promise<PollingResult> {
  const pollMs = options.pollMs ?? 250;
  const idleSeconds = options.idleSeconds ?? 5;
  const composeStarted = performance.now();
  await composeFromConfig(options.config, options.secretOf);
  const compositionMs = performance.now() - composeStarted;

  const idle = async (gatewayPollMs: number) => {
    const gateway = await startGateway({
      loadConfig: () => options.config,
      secretOf: options.secretOf,
      port: 0,
      pollMs: gatewayPollMs,
      subgraphTimeoutMs: 30_000,
      production: false,
      limits: options.limits,
      authenticate: options.authenticate,
    });
    try {
      const { supergraph } = gateway;
      const [polls, compositions] = [supergraph.polls, supergraph.compositions];
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
      delay.disable();
      return {
        polls: supergraph.polls - polls,
        compositions: supergraph.compositions - compositions,
        worstStallMs: delay.max / 1e6,
      };
    } finally {
      await gateway.stop();
    }
  };
  // 0: no polling.
  const baseline = await idle(0);
  const polling = await idle(pollMs);
  return { pollMs, idleSeconds, ...polling, baselineStallMs: baseline.worstStallMs, compositionMs };
}

/**
 * `measurePollingStalls` with the gateway in a process of its own (test/bench/polling-process.ts),
 * polling the subgraphs of this one: what it reports is then the polling gateway's own
 * stalls, as a gateway deployed alone would have them.
 */
export async function measurePollingInOwnProcess(plan: PollingPlan): Promise<PollingResult> {
  const { code, output } = await runBenchProcess('polling-process.ts', plan, { LOG_LEVEL: 'warn' });
  const line = output.split('\n').find((text) => text.startsWith(POLLING_RESULT_MARK));
  if (code !== 0 || !line) throw new Error(`the polling process exited with ${code} and no result`);
  return JSON.parse(line.slice(POLLING_RESULT_MARK.length)) as PollingResult;
}
