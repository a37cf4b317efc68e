import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { parse, type DocumentNode } from 'graphql';
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
import { jsonErrorHandler } from './http';
import { GATEWAY_PROOF_HEADER, ProofReplayGuard, verifyGatewayProof, type Caller } from './identity';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency';
import { serviceLogger, type Logger } from './logger';
import { sanitizedMutations } from './validation';
import type { PeerClient } from './peers';

/** What every subgraph's resolvers get: the caller, and what the subgraph adds (repositories, loaders). */
export interface RequestContext extends BaseContext {
  caller: Caller;
  /** The client's `Idempotency-Key`, passed on by the gateway for mutations (shared/idempotency.ts). */
  idempotencyKey?: string | null;
}

/**
 * A subgraph as a module: its name, SDL and resolvers, the tables it owns, and how it
 * builds a fresh context (with fresh DataLoaders) for each request. The server, the
 * all-in-one start and the tests all build subgraphs from this.
 */
export interface SubgraphModule<TContext extends RequestContext = RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  entities: SubgraphDatabaseOptions['entities'];
  migrations: SubgraphDatabaseOptions['migrations'];
  createContext(dataSource: DataSource, caller: Caller, peers: PeerClient): TContext | Promise<TContext>;
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

/** Reads a subgraph's SDL from the `schema.graphql` beside its module. */
export function loadTypeDefs(directory: string): DocumentNode {
  return parse(readFileSync(`${directory}/schema.graphql`, 'utf8'));
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

  const app = express();
  const httpServer = http.createServer(app);
  const server = createApolloServer(module, httpServer, log);
  // One memory of accepted proofs for every route: a proof proves one request.
  const replays = new ProofReplayGuard();
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: module.name });
  });
  // SQL statements run since start, for the benchmark; behind the gateway's proof like the rest.
  app.get('/metrics', async (req, res) => {
    try {
      await verifyGatewayProof(options.gatewaySecret, module.name, req.get(GATEWAY_PROOF_HEADER), replays);
      res.json({ service: module.name, statements: statements.count });
    } catch (error) {
      res
        .status(401)
        .json({ errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const caller = await verifyGatewayProof(
          options.gatewaySecret,
          module.name,
          req.get(GATEWAY_PROOF_HEADER),
          replays,
        );
        const context = await module.createContext(dataSource, caller, options.peers);
        // The gateway checked the key's shape; a subgraph only ever hears from the gateway.
        context.idempotencyKey = req.get(IDEMPOTENCY_KEY_HEADER) ?? null;
        return context;
      },
    }),
  );
  app.use(jsonErrorHandler(log));

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
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

function createApolloServer<TContext extends RequestContext>(
  module: SubgraphModule<TContext>,
  httpServer: http.Server,
  log: Logger,
): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    // buildSubgraphSchema is typed for an unknown context; ours is TContext throughout.
    schema: buildSubgraphSchema({
      typeDefs: module.typeDefs,
      // Every mutation's input passes shared/validation.ts `checkInputValue` first.
      resolvers: sanitizedMutations(module.resolvers as GraphQLResolverMap<unknown>),
    }),
    formatError: errorMasker(log),
    includeStacktraceInErrorResponses: false,
    // Only the gateway calls a subgraph, and it does not batch.
    allowBatchedHttpRequests: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
    logger: log,
  });
}
