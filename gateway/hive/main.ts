import { environment, exitOnStartFailure, ConfigurationError } from '../../shared/environment';
import { logger } from '../../shared/logger';
import { stopOnSignals } from '../../shared/shutdown';
import { shutdownGraceMs } from '../server';
import { configuredHiveOptions } from './gateway.config';
import { startHiveGateway } from './server';

/**
 * `npm run start:hive`: Hive Gateway on `HIVE_GATEWAY_PORT` (4100), serving `supergraph.graphql`
 * in front of the subgraphs of the supergraph config, as the project's gateway alone does.
 * Stateless: run as many replicas as the load needs, behind any load balancer.
 */
async function main(): Promise<void> {
  const env = environment();
  if (!env.GATEWAY_SECRET)
    throw new ConfigurationError(
      "GATEWAY_SECRET is not set: the gateway proves itself to the members' subgraphs with it",
    );
  const gateway = await startHiveGateway({
    ...configuredHiveOptions(env),
    port: env.HIVE_GATEWAY_PORT,
    host: env.HOST,
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    throw new ConfigurationError(
      `port ${env.HIVE_GATEWAY_PORT} is already in use: free it, or choose another with HIVE_GATEWAY_PORT`,
    );
  });
  logger.info({ url: gateway.url }, 'Hive Gateway ready');
  stopOnSignals(() => gateway.stop(), logger, shutdownGraceMs(env.SUBGRAPH_TIMEOUT_MS) + 5_000);
}

main().catch((error: unknown) =>
  exitOnStartFailure('hive-gateway', error, (err) => logger.fatal({ err }, 'could not start Hive Gateway')),
);
