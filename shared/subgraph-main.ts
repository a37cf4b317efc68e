import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabase, ensurePostgresDatabase, type DatabaseTarget } from './database';
import { databaseUrlFor, environment, metricsAccessOf, seedPolicyOf } from './environment';
import { secretFrom } from './identity';
import { logger } from './logger';
import { stopOnSignals } from './shutdown';
import { PeerClient } from './peers';
import { startSubgraph, type AnySubgraphModule } from './subgraph-server';
import { readSupergraphConfig } from './supergraph-config';

/**
 * The entry point of one subgraph run as its own process (as docker-compose does): reads
 * the configuration, opens its database (its PostgreSQL URL, or its own PGlite under
 * DATA_DIR/<name>) and listens.
 */
export function runSubgraphProcess(module: AnySubgraphModule): void {
  const env = environment();
  const config = readSupergraphConfig(env.SUPERGRAPH_CONFIG);
  const own = config.subgraphs.find((s) => s.name === module.name);
  if (!env.GATEWAY_SECRET)
    throw new Error('GATEWAY_SECRET must be set: the subgraph only answers the gateway');
  const secret = secretFrom(env.GATEWAY_SECRET);
  const url = databaseUrlFor(module.name, env);

  const start = async (): Promise<void> => {
    let target: DatabaseTarget;
    let embedded: EmbeddedDatabase | undefined;
    if (url) {
      await ensurePostgresDatabase(url);
      target = { kind: 'postgres', url };
    } else {
      embedded = await EmbeddedDatabase.open(ownDataDir(env.DATA_DIR, module.name));
      target = { kind: 'embedded', database: embedded };
    }
    const running = await startSubgraph(module, {
      target,
      port: env.PORT ?? (own ? Number(new URL(own.url).port) : 0),
      host: env.HOST,
      gatewaySecret: secret,
      seedDemoData: seedPolicyOf(!url, env),
      metricsAccess: metricsAccessOf(env),
      peers: new PeerClient(secret, (name) => config.subgraphs.find((s) => s.name === name)?.url),
    });
    // Drains requests in flight (Apollo's drain: 10 s at most), then closes the database.
    stopOnSignals(
      async () => {
        await running.stop();
        await embedded?.close();
      },
      logger,
      20_000,
    );
  };
  start().catch((error: unknown) => {
    logger.fatal({ err: error, service: module.name }, 'could not start the subgraph');
    process.exit(1);
  });
}

/**
 * A subgraph started alone keeps its embedded database in its own folder under DATA_DIR,
 * created with its parents (PGlite creates only the last one; a fresh clone has no ./data),
 * or in memory when DATA_DIR is `memory://`.
 */
function ownDataDir(dataDir: string, subgraph: string): string {
  if (dataDir.startsWith('memory://')) return dataDir;
  mkdirSync(dataDir, { recursive: true });
  return path.join(dataDir, subgraph);
}
