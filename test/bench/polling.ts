import { monitorEventLoopDelay } from 'node:perf_hooks';
import { composeFromConfig } from '../../gateway/supergraph';
import { startGateway } from '../../gateway/server';
import type { QueryLimits } from '../../gateway/limits';
import type { Authenticate } from '../../gateway/auth';
import type { SupergraphConfig } from '../../shared/supergraph-config';

export interface PollingResult {
  pollMs: number;
  idleSeconds: number;
  /** Polls that finished while the gateway stood idle, and the compositions they ran. */
  polls: number;
  compositions: number;
  /** The worst event-loop delay seen while it stood idle (ms): what a request would have waited. */
  worstStallMs: number;
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

  const gateway = await startGateway({
    loadConfig: () => options.config,
    secretOf: options.secretOf,
    port: 0,
    pollMs,
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
      pollMs,
      idleSeconds,
      polls: supergraph.polls - polls,
      compositions: supergraph.compositions - compositions,
      worstStallMs: delay.max / 1e6,
      compositionMs,
    };
  } finally {
    await gateway.stop();
  }
}
