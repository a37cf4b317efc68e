import { environment } from '../shared/environment';
import { logger } from '../shared/logger';
import { readSupergraphConfig } from '../shared/supergraph-config';
import { localSigningKey, tokenVerifier } from './auth';
import { configuredLimits } from './limits';
import { configuredSecrets } from './secrets';
import { startGateway } from './server';

/** The gateway alone (as docker-compose runs it): joins the subgraphs of the supergraph config. */
async function main(): Promise<void> {
  const env = environment();
  const gateway = await startGateway({
    loadConfig: () => readSupergraphConfig(env.SUPERGRAPH_CONFIG),
    secretOf: configuredSecrets(env),
    port: env.GATEWAY_PORT,
    host: env.HOST,
    pollMs: env.SUPERGRAPH_POLL_MS,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    production: env.NODE_ENV === 'production',
    limits: configuredLimits(env),
    maxBodyBytes: env.MAX_BODY_BYTES,
    authenticate: tokenVerifier({
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUrl: env.AUTH_JWKS_URL,
      localSecret: env.AUTH_JWKS_URL ? undefined : localSigningKey(env.AUTH_SECRET, env.DATA_DIR),
    }),
  });
  const shutdown = (): void => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'could not start the gateway');
  process.exit(1);
});
