import 'reflect-metadata';
import { tokenVerifier } from '../../gateway/auth';
import { startGateway } from '../../gateway/server';
import { composeFromConfig } from '../../gateway/supergraph';
import { secretFrom } from '../../shared/identity';
import { serviceLogger } from '../../shared/logger';
import type * as HiveServerModule from '../../gateway/hive/server';
import { GATEWAY_READY_MARK, type GatewayPlan } from './gateways';
import { readPlan } from './child';

/**
 * One gateway the benchmark compares, in a process of its own (test/bench/gateways.ts starts
 * it) over the benchmark's subgraphs: the CPU it spends per request is then its own, read from
 * /proc, and no gateway shares an event loop with the subgraphs or with another gateway.
 * Reads its plan as JSON on stdin, writes GATEWAY_READY_MARK and its URL on stdout, and
 * stops on SIGTERM.
 */
async function main(): Promise<void> {
  const plan = await readPlan<GatewayPlan>();
  const secret = secretFrom(plan.gatewaySecret);
  const authenticate = tokenVerifier({
    issuer: plan.issuer,
    audience: plan.audience,
    localSecret: Buffer.from(plan.authSecret, 'base64url'),
  });
  const limits = { maxCost: plan.maxCost };
  let running: { url: string; stop(): Promise<void> };
  if (plan.kind === 'hive') {
    // Loaded only here: Hive Gateway's packages take seconds to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startHiveGateway } = require('../../gateway/hive/server') as typeof HiveServerModule;
    const hive = await startHiveGateway({
      supergraphSdl: await composeFromConfig(plan.config, () => secret),
      authenticate,
      secretOf: () => secret,
      subgraphTimeoutMs: 30_000,
      production: false,
      limits,
      port: 0,
      log: serviceLogger('hive-gateway'),
    });
    running = hive;
  } else {
    const gateway = await startGateway({
      loadConfig: () => plan.config,
      secretOf: () => secret,
      port: 0,
      pollMs: 0,
      subgraphTimeoutMs: 30_000,
      production: false,
      limits,
      tuned: plan.kind === 'shipped',
      authenticate,
    });
    running = gateway;
  }
  process.once('SIGTERM', () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.stdout.write(`\n${GATEWAY_READY_MARK}${running.url}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
