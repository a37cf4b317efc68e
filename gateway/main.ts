// First: tracing must patch http, express, graphql and pg before they load.
import '../shared/instrument';
import {
  ConfigurationError,
  environment,
  exitOnStartFailure,
  metricsAccessOf,
  schemaExposureOf,
} from '../shared/environment';
import { logger } from '../shared/logger';
import { stopOnSignals } from '../shared/shutdown';
import { readSupergraphConfig } from '../shared/supergraph-config';
import { configuredTokenVerification, tokenVerifier } from './auth';
import { configuredLimits } from './limits';
import { configuredSecrets, isMemberEntry } from './secrets';
import { shutdownGraceMs, startGateway } from './server';

/** The gateway alone (as docker-compose runs it): joins the subgraphs of the supergraph config. */
async function main(): Promise<void> {
  const env = environment();
  // Checked first: in production a missing identity configuration stops the gateway here.
  const authenticate = tokenVerifier(configuredTokenVerification(env));
  if (!env.GATEWAY_SECRET && namesAMember(env.SUPERGRAPH_CONFIG)) {
    throw new ConfigurationError(
      "GATEWAY_SECRET is not set: the gateway proves itself to the members' subgraphs with it",
    );
  }
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
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    throw new ConfigurationError(
      `port ${env.GATEWAY_PORT} is already in use: free it, or choose another with GATEWAY_PORT`,
    );
  });
  stopOnSignals(() => gateway.stop(), logger, shutdownGraceMs(env.SUBGRAPH_TIMEOUT_MS) + 5_000);
}

/**
 * Whether the config names a member's subgraph, which the members' secret reaches. A config
 * that cannot be read is not decided here: the gateway starts and `/ready` says what is wrong.
 */
function namesAMember(source: string): boolean {
  try {
    return readSupergraphConfig(source).subgraphs.some(isMemberEntry);
  } catch {
    return false;
  }
}

main().catch((error: unknown) =>
  exitOnStartFailure('gateway', error, (err) => logger.fatal({ err }, 'could not start the gateway')),
);
