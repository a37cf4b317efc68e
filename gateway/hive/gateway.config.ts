import { readFileSync } from 'node:fs';
import { environment, type Environment } from '../../shared/environment';
import { serviceLogger } from '../../shared/logger';
import { readSupergraphConfig } from '../../shared/supergraph-config';
import { configuredTokenVerification, tokenVerifier } from '../auth';
import { configuredLimits } from '../limits';
import { configuredSecrets } from '../secrets';
import { allianceHiveConfig, withSubgraphUrls, type AllianceHiveOptions } from './config';

/**
 * Hive Gateway's options as the environment says, the same variables as the project's
 * gateway alone (gateway/main.ts): `SUPERGRAPH_FILE` (`supergraph.graphql`) served with each
 * subgraph at its URL in `SUPERGRAPH_CONFIG`, member tokens checked as `AUTH_*` say, proofs
 * signed with `GATEWAY_SECRET` (a partner's entry with its own secret), `QUERY_MAX_*`,
 * `SUBGRAPH_TIMEOUT_MS`, `NODE_ENV`.
 */
export function configuredHiveOptions(env: Environment): AllianceHiveOptions {
  const config = readSupergraphConfig(env.SUPERGRAPH_CONFIG);
  const entryOf = (name: string) => config.subgraphs.find((s) => s.name === name);
  const secretOf = configuredSecrets(env);
  return {
    supergraphSdl: withSubgraphUrls(readFileSync(env.SUPERGRAPH_FILE, 'utf8'), (name) => entryOf(name)?.url),
    authenticate: tokenVerifier(configuredTokenVerification(env)),
    secretOf: (name) => {
      const entry = entryOf(name);
      if (!entry) throw new Error(`subgraph ${name} is not in ${env.SUPERGRAPH_CONFIG}`);
      return secretOf(entry);
    },
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    production: env.NODE_ENV === 'production',
    limits: configuredLimits(env),
    maxBodyBytes: env.MAX_BODY_BYTES,
    log: serviceLogger('hive-gateway'),
  };
}

/** What Hive Gateway's own CLI reads: `hive-gateway supergraph -c gateway/hive/gateway.config.ts`. */
export const gatewayConfig = allianceHiveConfig(configuredHiveOptions(environment()));
