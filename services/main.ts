// First: tracing must patch http, express, graphql and pg before they load.
import '../shared/instrument';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { configuredTokenVerification } from '../gateway/auth';
import { partnerSecret } from '../gateway/secrets';
import { configuredLimits } from '../gateway/limits';
import {
  environment,
  metricsAccessOf,
  schemaExposureOf,
  seedPolicyOf,
  stackDatabaseUrls,
} from '../shared/environment';
import { shutdownGraceMs } from '../gateway/server';
import { logger } from '../shared/logger';
import { stopOnSignals } from '../shared/shutdown';
import { readSupergraphConfig } from '../shared/supergraph-config';
import { isFreshDataDir, readDemoTemplate } from './demo-template';
import { memberSubgraphs } from './index';
import { startStack, type StackDatabase } from './stack';

/**
 * `npm start`: the whole alliance graph in one process. With no database configured it
 * runs on the embedded PostgreSQL (PGlite) under DATA_DIR with the demo data set.
 */
async function main(): Promise<void> {
  const env = environment();
  // Checked first: in production a missing identity configuration stops here, before any database opens.
  const tokens = configuredTokenVerification(env);
  const config = readSupergraphConfig(env.SUPERGRAPH_CONFIG);
  const ports = Object.fromEntries(config.subgraphs.map((s) => [s.name, Number(new URL(s.url).port)]));
  const urls = stackDatabaseUrls(
    memberSubgraphs.map((m) => m.name),
    env,
  );
  const usesPostgres = urls !== undefined;
  const seedDemoData = seedPolicyOf(!usesPostgres, env);
  const database: StackDatabase = urls
    ? { kind: 'postgres', urlOf: (name) => urls.get(name)!, create: true }
    : {
        kind: 'embedded',
        dataDir: env.DATA_DIR,
        // A new database with the demo data: loaded from the template of this code when
        // `npm install` built one, instead of migrated and seeded (services/demo-template.ts).
        template:
          seedDemoData === 'first-start' && isFreshDataDir(env.DATA_DIR) ? readDemoTemplate() : undefined,
      };

  const started = Date.now();
  const stack = await startStack({
    database,
    gatewayPort: env.GATEWAY_PORT,
    gatewayHost: env.HOST,
    subgraphPorts: ports,
    // One process: the gateway and the subgraphs can share a secret nobody else knows.
    gatewaySecret: env.GATEWAY_SECRET ?? randomBytes(32).toString('base64url'),
    auth: tokens,
    seedDemoData,
    pollMs: env.SUPERGRAPH_POLL_MS,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    production: env.NODE_ENV === 'production',
    ...schemaExposureOf(env),
    limits: configuredLimits(env),
    maxBodyBytes: env.MAX_BODY_BYTES,
    metricsAccess: metricsAccessOf(env),
    // Partners' entries are read again at every poll: adding one joins it without a restart.
    extraSubgraphs: () =>
      readSupergraphConfig(env.SUPERGRAPH_CONFIG).subgraphs.filter(
        (s) => !memberSubgraphs.some((m) => m.name === s.name),
      ),
    partnerSecrets: partnerSecret,
  });
  logger.info(
    {
      url: stack.gateway.url,
      ms: Date.now() - started,
      fromTemplate: database.kind === 'embedded' && database.template !== undefined,
    },
    'alliance graph ready',
  );
  console.log(`\nAlliance Graph ready at ${stack.gateway.url}\n`);

  // The gateway's grace period, then time for the subgraphs and the database to close.
  stopOnSignals(() => stack.stop(), logger, shutdownGraceMs(env.SUBGRAPH_TIMEOUT_MS) + 10_000);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'could not start the alliance graph');
  process.exit(1);
});
