// First: tracing must patch http, express, graphql and pg before they load.
import '../shared/instrument';
import { environment, metricsAccessOf, schemaExposureOf } from '../shared/environment';
import { logger } from '../shared/logger';
import { stopOnSignals } from '../shared/shutdown';
import { readSupergraphConfig } from '../shared/supergraph-config';
import { configuredTokenVerification, tokenVerifier } from './auth';
import { configuredLimits } from './limits';
import { configuredSecrets } from './secrets';
import { shutdownGraceMs, startGateway } from './server';

/** The gateway alone (as docker-compose runs it): joins the subgraphs of the supergraph config. */
async function main(): Promise<void> {
  const env = environment();
  // Checked first: in production a missing identity configuration stops the gateway here.
  const authenticate = tokenVerifier(configuredTokenVerification(env));
  const gateway = await startGateway({
    loadConfig: () => readSupergraphConfig(env.SUPERGRAPH_CONFIG),
    secretOf: configuredSecrets(env),
    port: env.GATEWAY_PORT,
    host: env.HOST,
    pollMs: env.SUPERGRAPH_POLL_MS,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    production: env.NODE_ENV === 'production',
    ...schemaExposureOf(env),
    limits: configuredLimits(env),
    maxBodyBytes: env.MAX_BODY_BYTES,
    metricsAccess: metricsAccessOf(env),
    authenticate,
  });
  stopOnSignals(() => gateway.stop(), logger, shutdownGraceMs(env.SUBGRAPH_TIMEOUT_MS) + 5_000);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'could not start the gateway');
  process.exit(1);
});
