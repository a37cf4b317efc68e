import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import { jsonErrorHandler } from '../shared/http';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../shared/idempotency';
import { ANONYMOUS, GATEWAY_PROOF_HEADER, signGatewayProof } from '../shared/identity';
import { serviceLogger } from '../shared/logger';
import type { SubgraphEntry, SupergraphConfig } from '../shared/supergraph-config';
import type { Authenticate } from './auth';
import { demoSignIn, type DemoSignInOptions } from './demo-sign-in';
import { gatewayErrorFormatter } from './errors';
import { enumValuesIn } from './input-errors';
import { ProvingDataSource, type GatewayContext } from './data-source';
import { DEFAULT_LIMITS, queryLimits, type QueryLimits } from './limits';
import { operationResolution } from './operations';
import { assignRequestId, requestIdPlugin } from './request-id';
import { ConfigSupergraphManager, type SecretOf } from './supergraph';
import { serveExplorer, serveWebApp } from './web';

export type { GatewayContext };

export interface GatewayOptions {
  /** Read again at every poll, so a new entry joins without a restart. */
  loadConfig: () => SupergraphConfig;
  secretOf: SecretOf;
  port: number;
  host?: string;
  pollMs: number;
  subgraphTimeoutMs: number;
  production: boolean;
  authenticate: Authenticate;
  /** Schema introspection; defaults to on outside production (shared/environment.ts `schemaExposureOf`). */
  introspection?: boolean;
  /** The offline GraphiQL explorer at `GET /graphql` for browsers; needs introspection to be useful. */
  explorer?: boolean;
  /**
   * `/auth/demo`: demo members' tokens signed with the local key. Only the embedded default
   * gives this (never production, never with an identity provider's key set).
   */
  demoSignIn?: DemoSignInOptions;
  /** Query limits; defaults to DEFAULT_LIMITS (suggestions blocked in production). */
  limits?: Partial<QueryLimits>;
  /** Largest request body accepted (bytes). */
  maxBodyBytes?: number;
  /**
   * The gateway's own tuning (deduplicated in-flight subgraph queries).
   * Only the benchmark turns them off, to measure what they buy.
   */
  tuned?: boolean;
}

export interface RunningGateway {
  url: string;
  supergraph: ConfigSupergraphManager;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = serviceLogger('gateway');
  const supergraph = new ConfigSupergraphManager(options.loadConfig, options.secretOf, log, options.pollMs);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ name }) => {
      const entry = options.loadConfig().subgraphs.find((s) => s.name === name);
      if (!entry) throw new Error(`subgraph ${name} is not in the supergraph config`);
      // The secret is read at every proof: a rotated secret file takes effect without a restart.
      return new ProvingDataSource(entry, () => options.secretOf(entry), {
        timeoutMs: options.subgraphTimeoutMs,
        tuned: options.tuned ?? true,
        log,
      });
    },
    logger: log,
  });

  const app = express();
  const httpServer = http.createServer(app);
  const limits = queryLimits({
    ...DEFAULT_LIMITS,
    blockFieldSuggestions: options.production,
    ...options.limits,
  });
  const introspection = options.introspection ?? !options.production;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // A refused enum value lists the allowed ones (they are the input contract, also when
    // introspection is off), read from the supergraph the gateway serves now.
    formatError: gatewayErrorFormatter(
      log,
      enumValuesIn(() => gateway.schema),
    ),
    includeStacktraceInErrorResponses: false,
    introspection,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default landing page loads Sandbox from Apollo's CDN, which an offline or
      // locked-down network never reaches; the gateway serves its own explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      requestIdPlugin(log),
      operationResolution(),
      ...limits.plugins,
    ],
    logger: log,
  });
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await readiness(options.loadConfig().subgraphs, options.secretOf);
    const ready = checks.every((c) => c.ok) && supergraph.lastError === null;
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', subgraphs: checks, composition: supergraph.lastError });
  });
  if (options.demoSignIn) app.use('/auth/demo', demoSignIn(options.demoSignIn));
  if (options.explorer ?? introspection) serveExplorer(app, '/graphql');
  app.use(
    '/graphql',
    assignRequestId(),
    express.json({ limit: options.maxBodyBytes ?? 100_000 }),
    expressMiddleware(server, {
      context: async ({ req, res }) => ({
        requestId: typeof res.locals.requestId === 'string' ? res.locals.requestId : undefined,
        caller: await options.authenticate(req.get('authorization')),
        idempotencyKey: idempotencyKeyOf(req.get(IDEMPOTENCY_KEY_HEADER)),
      }),
    }),
  );
  // The reference web app at `/`, from the gateway's own origin (development and production).
  serveWebApp(app);
  app.use(jsonErrorHandler(log));

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : (options.host ?? '127.0.0.1')}:${port}/graphql`;
  log.info({ url }, 'gateway ready');
  return {
    url,
    supergraph,
    async stop() {
      await server.stop();
    },
  };
}

/** A well-formed `Idempotency-Key`, or a 400 naming the header. */
function idempotencyKeyOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (IDEMPOTENCY_KEY_PATTERN.test(header)) return header;
  throw new GraphQLError('Idempotency-Key must be 1–255 visible ASCII characters (a UUID, say)', {
    extensions: { code: 'BAD_USER_INPUT', field: 'Idempotency-Key', http: { status: 400 } },
  });
}

/** Each subgraph answers a trivial query with the gateway's proof within two seconds. */
async function readiness(
  subgraphs: SubgraphEntry[],
  secretOf: SecretOf,
): Promise<{ name: string; ok: boolean }[]> {
  return Promise.all(
    subgraphs.map(async (s) => {
      try {
        const response = await fetch(s.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [GATEWAY_PROOF_HEADER]: await signGatewayProof(secretOf(s), s.name, ANONYMOUS),
          },
          body: JSON.stringify({ query: '{ __typename }' }),
          signal: AbortSignal.timeout(2_000),
        });
        return { name: s.name, ok: response.ok };
      } catch {
        return { name: s.name, ok: false };
      }
    }),
  );
}
