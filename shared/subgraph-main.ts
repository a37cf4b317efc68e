import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabase, type DatabaseTarget } from './database';
import { ensurePostgresDatabase, requirePostgresDatabase } from './postgres-server';
import {
  ConfigurationError,
  databaseUrlFor,
  databaseVariableFor,
  environment,
  exitOnStartFailure,
  metricsAccessOf,
  seedPolicyOf,
} from './environment';
import { secretFrom } from './identity';
import { logger } from './logger';
import { stopOnSignals } from './shutdown';
import { PeerClient } from './peers';
import { startSubgraph, type AnySubgraphModule } from './subgraph-server';
import { readSupergraphConfig } from './supergraph-config';

/**
 * The entry point of one subgraph run as its own process (as docker-compose does): reads
 * the configuration, opens its database (its PostgreSQL URL, or its own PGlite under
 * DATA_DIR/<name>) and listens. A configuration mistake — a missing secret, a malformed
 * variable, a database that does not exist, a port taken — ends it with one line naming
 * what to fix and exit code 1.
 */
export function runSubgraphProcess(module: AnySubgraphModule): void {
  start(module).catch((error: unknown) =>
    exitOnStartFailure(module.name, error, (err) =>
      logger.fatal({ err, service: module.name }, 'could not start the subgraph'),
    ),
  );
}

async function start(module: AnySubgraphModule): Promise<void> {
  const env = environment();
  const config = configuration(() => readSupergraphConfig(env.SUPERGRAPH_CONFIG));
  const own = config.subgraphs.find((s) => s.name === module.name);
  if (!env.GATEWAY_SECRET) {
    throw new ConfigurationError(
      'GATEWAY_SECRET is not set: the subgraph answers only the gateway, and needs the secret they share',
    );
  }
  const secret = secretFrom(env.GATEWAY_SECRET);
  const url = databaseUrlFor(module.name, env);
  const port = env.PORT ?? (own ? Number(new URL(own.url).port) : 0);

  let target: DatabaseTarget;
  let embedded: EmbeddedDatabase | undefined;
  if (url) {
    if (env.CREATE_DATABASE) await ensurePostgresDatabase(url);
    else await requirePostgresDatabase(url, databaseVariableFor(module.name, env));
    target = { kind: 'postgres', url };
  } else {
    embedded = await EmbeddedDatabase.open(ownDataDir(env.DATA_DIR, module.name));
    target = { kind: 'embedded', database: embedded };
  }
  const running = await startSubgraph(module, {
    target,
    port,
    host: env.HOST,
    gatewaySecret: secret,
    seedDemoData: seedPolicyOf(!url, env),
    metricsAccess: metricsAccessOf(env),
    peers: new PeerClient(secret, (name) => config.subgraphs.find((s) => s.name === name)?.url),
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    const variable = env.PORT === undefined ? `its url in ${env.SUPERGRAPH_CONFIG}, or PORT` : 'PORT';
    throw new ConfigurationError(
      `port ${port} is already in use: free it, or choose another with ${variable}`,
    );
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
}

/** What `read` throws is a configuration mistake: said in one line, not as a stack trace. */
function configuration<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new ConfigurationError((error as Error).message);
  }
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
