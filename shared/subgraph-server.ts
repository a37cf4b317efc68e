import http from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import type { DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import {
  openSubgraphDatabase,
  schemaOf,
  type DatabaseTarget,
  type SubgraphDatabaseOptions,
  type StatementCounter,
} from './database';
import type { SeedPolicy } from './environment';
import { errorMasker } from './errors';
import { accessLog, accessLogPlugin, noteCaller } from './access-log';
import { jsonErrorHandler, listen } from './http';
import { GATEWAY_PROOF_HEADER, ProofReplayGuard, verifyGatewayProof, type Caller } from './identity';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency';
import { boundedRequestId, REQUEST_ID_HEADER, type AuditLog, type RequestMeta } from './audit';
import { serviceLogger, type Logger } from './logger';
import { SubgraphMetrics, type MetricsAccess, type PoolCounts } from './metrics';
import { sanitizedMutations } from './input-bounds';
import type { PeerClient } from './peers';

/** What every subgraph's resolvers get: the caller, and what the subgraph adds (repositories, loaders). */
export interface RequestContext extends BaseContext {
  caller: Caller;
  /** The client's `Idempotency-Key`, passed on by the gateway for mutations (shared/idempotency.ts). */
  idempotencyKey?: string | null;
  /** The request's id as the gateway sent it (`x-request-id`), bounded; null when none came. */
  requestId?: string | null;
  /** Writes this request's changes to the subgraph's audit trail and reads entities' trails. */
  audit: AuditLog;
}

/**
 * An entity another subgraph owns, as this one knows it: its key (and, in a union, its
 * type). The codegen mapper of the entities a subgraph only extends or refers to.
 */
export interface EntityReference {
  __typename?: string;
  id: string;
}

/** A resolver map of any subgraph: resolvers, or a `GraphQLScalarType`, by type name. */
export type SubgraphResolvers = { [typeName: string]: object | undefined };

/**
 * A subgraph as a module: its name, SDL and resolvers, the tables it owns, and how it
 * builds a fresh context (with fresh DataLoaders) for each request. The server, the
 * all-in-one start and the tests all build subgraphs from this.
 */
export interface SubgraphModule<TContext extends RequestContext = RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  /**
   * Its resolver map, typed where it is written by the subgraph's generated `Resolvers`
   * (`services/<name>/generated/graphql.ts`), which checks each type and field key, argument
   * and return shape against the SDL. Here it is only passed on to `buildSubgraphSchema`.
   */
  resolvers: SubgraphResolvers;
  entities: SubgraphDatabaseOptions['entities'];
  migrations: SubgraphDatabaseOptions['migrations'];
  createContext(
    dataSource: DataSource,
    caller: Caller,
    peers: PeerClient,
    request: RequestMeta,
  ): TContext | Promise<TContext>;
  /** Loads the demo data set from the articles; must be idempotent. */
  seedDemoData(dataSource: DataSource): Promise<void>;
}

export interface SubgraphOptions {
  target: DatabaseTarget;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  gatewaySecret: Uint8Array;
  /** When to load the demo data set (shared/environment.ts `seedPolicyOf`). */
  seedDemoData: SeedPolicy;
  /** Reaches the other member subgraphs, for reference checks. */
  peers: PeerClient;
  /** Who may read `/metrics` (shared/environment.ts `metricsAccessOf`); open by default. */
  metricsAccess?: MetricsAccess;
}

/**
 * A subgraph module of any context type: each subgraph's context differs, and
 * `startSubgraph` only ever pairs a module's resolvers with its own `createContext`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnySubgraphModule = SubgraphModule<any>;

/** A subgraph listening on a port, with its database and statement counter. */
export interface RunningSubgraph {
  name: string;
  url: string;
  dataSource: DataSource;
  statements: StatementCounter;
  stop(): Promise<void>;
}

/**
 * Joins resolver maps type by type (a type's fields from several maps: the audit trail's
 * `auditTrail` beside an entity's own fields).
 */
export function mergeResolvers<TResolvers extends SubgraphResolvers>(...maps: TResolvers[]): TResolvers {
  const merged: SubgraphResolvers = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      // A scalar (a class instance) is taken whole; field maps are plain objects.
      const plain = fields !== undefined && Object.getPrototypeOf(fields) === Object.prototype;
      merged[type] = plain ? { ...merged[type], ...fields } : fields;
    }
  }
  return merged as TResolvers;
}

/** Opens a subgraph's database, migrates it, optionally seeds it, and serves it over HTTP. */
export async function startSubgraph<TContext extends RequestContext>(
  module: SubgraphModule<TContext>,
  options: SubgraphOptions,
): Promise<RunningSubgraph> {
  const log = serviceLogger(module.name);
  const { dataSource, statements, created } = await openSubgraphDatabase({
    schema: schemaOf(module.name),
    target: options.target,
    entities: module.entities,
    migrations: module.migrations,
    log,
  });
  if (options.seedDemoData === 'always' || (options.seedDemoData === 'first-start' && created)) {
    await module.seedDemoData(dataSource);
  }

  const metrics = new SubgraphMetrics(
    module.name,
    () => poolCountsOf(dataSource),
    () => statements.count,
  );
  const app = express();
  const httpServer = http.createServer(app);
  const server = createApolloServer(module, httpServer, log);
  // One memory of accepted proofs for every route: a proof proves one request.
  const replays = new ProofReplayGuard();
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: module.name });
  });
  // Ready when its database answers a real round trip in time: a subgraph whose database is
  // down takes no traffic (the gateway's /ready and docker-compose's health checks ask here).
  app.get('/ready', async (_req, res) => {
    const database = await databaseAnswers(dataSource, READY_TIMEOUT_MS);
    if (database !== 'ok') log.warn({ database }, 'not ready: the database did not answer');
    res
      .status(database === 'ok' ? 200 : 503)
      .json({ status: database === 'ok' ? 'ready' : 'not ready', service: module.name, database });
  });
  app.get('/metrics', metrics.handler(options.metricsAccess ?? { kind: 'open' }));
  app.use(
    '/graphql',
    accessLog(module.name, log, metrics.requestFinished),
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const caller = await verifyGatewayProof(
          options.gatewaySecret,
          module.name,
          req.get(GATEWAY_PROOF_HEADER),
          replays,
        );
        noteCaller(caller);
        const request: RequestMeta = {
          // The gateway checked the key's shape; a subgraph only ever hears from the gateway.
          idempotencyKey: req.get(IDEMPOTENCY_KEY_HEADER) ?? null,
          requestId: boundedRequestId(req.get(REQUEST_ID_HEADER)),
        };
        const context = await module.createContext(dataSource, caller, options.peers, request);
        context.idempotencyKey = request.idempotencyKey;
        context.requestId = request.requestId;
        return context;
      },
    }),
  );
  app.use(jsonErrorHandler(log));

  const url = await listen(httpServer, options.port, options.host);
  log.info({ url }, 'subgraph ready');

  return {
    name: module.name,
    url,
    dataSource,
    statements,
    async stop() {
      await server.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** The counts of the DataSource's connection pool (node-postgres, or the embedded database's shared one). */
function poolCountsOf(dataSource: DataSource): PoolCounts | undefined {
  if (!dataSource.isInitialized) return undefined;
  // TypeORM types the PostgreSQL driver's pool (`master`) as any: it is a node-postgres Pool.
  const pool = (dataSource.driver as unknown as { master?: Partial<PoolCounts> }).master;
  return typeof pool?.totalCount === 'number' ? (pool as PoolCounts) : undefined;
}

/** How long `/ready` waits for the database: well under the gateway's 2 s check and compose's 3 s. */
const READY_TIMEOUT_MS = 1_000;

/**
 * One round trip to the database, bounded in time: `ok`, `timeout`, or `unreachable`
 * (refused, closed, failed). The cause goes to the log, not to whoever asks.
 */
export async function databaseAnswers(
  dataSource: DataSource,
  timeoutMs: number,
): Promise<'ok' | 'timeout' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const roundTrip = dataSource.query('SELECT 1').then(
    () => 'ok' as const,
    () => 'unreachable' as const,
  );
  try {
    return await Promise.race([roundTrip, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function createApolloServer<TContext extends RequestContext>(
  module: SubgraphModule<TContext>,
  httpServer: http.Server,
  log: Logger,
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    // The map was checked against the SDL by its generated type, which is stricter than
    // Apollo's: there `__resolveReference` is a field resolver and every parent is `any`.
    schema: buildSubgraphSchema({
      typeDefs: module.typeDefs,
      // Every mutation's input passes shared/validation.ts `checkInputValue` first.
      resolvers: sanitizedMutations(module.resolvers as GraphQLResolverMap<unknown>),
    }),
    formatError: errorMasker(log),
    // Compact JSON: Apollo's default pretty-prints every response, which costs CPU and bytes
    // on each of the gateway's fetches and answers.
    stringifyResult: (result) => JSON.stringify(result),
    includeStacktraceInErrorResponses: false,
    // Only the gateway calls a subgraph, and it does not batch.
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // No subgraph type or field sets a cache hint, so Apollo's default cache-control plugin
      // could only ever answer `cache-control: no-store` (and the gateway reads a missing
      // header as max-age 0 all the same). Installed, it hooks every resolved field: Apollo
      // wraps each resolver to build a policy object and a closure per field, a cost that
      // grows with the entities of an `_entities` batch.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      accessLogPlugin(),
    ],
    logger: log,
    // Stopped in order by the entry points (shared/shutdown.ts), not by Apollo's own handlers.
    stopOnTerminationSignals: false,
  });
}
