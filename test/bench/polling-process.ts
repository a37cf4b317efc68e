import { tokenVerifier } from '../../gateway/auth';
import { secretFrom } from '../../shared/identity';
import type { SupergraphConfig } from '../../shared/supergraph-config';
import { measurePollingStalls, POLLING_RESULT_MARK } from './polling';
import { readPlan } from './child';

/**
 * The polling probe's gateway, in a process of its own (test/bench/polling.ts starts it):
 * the stall it measures is then the gateway's own, not the benchmark process's, which holds
 * two data sets' subgraphs and collects their garbage on the same event loop. Reads what to
 * poll as JSON on stdin; writes the result on one stdout line after POLLING_RESULT_MARK.
 */
export interface PollingPlan {
  config: SupergraphConfig;
  /** The subgraphs' gateway secret, as the stack was given it. */
  gatewaySecret: string;
  maxCost: number;
}

async function main(): Promise<void> {
  const plan = await readPlan<PollingPlan>();
  const secret = secretFrom(plan.gatewaySecret);
  const result = await measurePollingStalls({
    config: plan.config,
    secretOf: () => secret,
    // An idle gateway verifies no token; it needs a verifier to start.
    authenticate: tokenVerifier({
      issuer: 'alliance-bench',
      audience: 'alliance-bench',
      localSecret: crypto.getRandomValues(new Uint8Array(32)),
    }),
    limits: { maxCost: plan.maxCost },
  });
  process.stdout.write(`\n${POLLING_RESULT_MARK}${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
