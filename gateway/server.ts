import http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import { accessLog, accessLogPlugin, noteCaller } from '../shared/access-log';
import { jsonErrorHandler, listen } from '../shared/http';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../shared/idempotency';
import { ANONYMOUS, GATEWAY_PROOF_HEADER, signGatewayProof } from '../shared/identity';
import { serviceLogger } from '../shared/logger';
import { GatewayMetrics, type MetricsAccess } from '../shared/metrics';
import { currentRequest } from '../shared/request-context';
import type { SubgraphEntry, SupergraphConfig } from '../shared/supergraph-config';
import type { Authenticate } from './auth';
import { demoSignIn, type DemoSignInOptions } from './demo-sign-in';
import { gatewayErrorFormatter } from './errors';
import { variableCheck } from './input-errors';
import { ProvingDataSource, type GatewayContext } from './data-source';
import { DEFAULT_LIMITS, queryLimits, type QueryLimits } from './limits';
import { operationResolution } from './operations';
import { requestIdPlugin } from './request-id';
import { isMemberEntry } from './secrets';
import type { CompositionCache } from './composition-cache';
import { ConfigError, ConfigSupergraphManager, type SecretOf } from './supergraph';
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
  /**
   * Which subgraphs are the alliance's own: each must be ready for the gateway to be. Others
   * (partners') are reported on `/ready` only. Default: gateway/secrets.ts `isMemberEntry`, the
   * five members' names without a secret of their own.
   */
  isMember?: (entry: SubgraphEntry) => boolean;
  /** Who may read `/metrics`; default: anyone outside production, nobody in it. */
  metricsAccess?: MetricsAccess;
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
  /**
   * Where composed supergraphs are kept between starts (gateway/composition-cache.ts); the
   * one-process stack gives one, a gateway of its own composes at every start.
   */
  compositionCache?: CompositionCache;
}

export interface RunningGateway {
  url: string;
  supergraph: ConfigSupergraphManager;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = serviceLogger('gateway');
  // Each subgraph's entry as the config said at its last reading (start, then every poll).
  const entries = new Map<string, SubgraphEntry>();
  const loadConfig = (): SupergraphConfig => {
    const config = options.loadConfig();
    for (const entry of config.subgraphs) entries.set(entry.name, entry);
    return config;
  };
  const supergraph = new ConfigSupergraphManager(
    loadConfig,
    options.secretOf,
    log,
    options.pollMs,
    options.compositionCache,
  );
  const metrics = new GatewayMetrics(() => supergraph.lastComposedAt);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ name }) => {
      const entry = loadConfig().subgraphs.find((s) => s.name === name);
      if (!entry) throw new Error(`subgraph ${name} is not in the supergraph config`);
      // The secret is read at every proof, from where the entry says now: a rotated secret
      // file, or an entry moved from secretEnv to secretFile at the same URL (for which
      // Apollo keeps this data source), takes effect at the next poll without a restart.
      return new ProvingDataSource(entry, () => options.secretOf(entries.get(name) ?? entry), {
        timeoutMs: options.subgraphTimeoutMs,
        tuned: options.tuned ?? true,
        log,
        metrics,
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
    formatError: gatewayErrorFormatter(log, () => gateway.schema),
    includeStacktraceInErrorResponses: false,
    introspection,
    // Compact JSON: Apollo's default pretty-prints every response, which costs CPU and bytes
    // on each of the gateway's fetches and answers.
    stringifyResult: (result) => JSON.stringify(result),
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [
      // Stopping drains: no new connections, and requests in flight get the grace period —
      // longer than one subgraph request may take, so none is cut off mid-plan.
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: shutdownGraceMs(options.subgraphTimeoutMs),
      }),
      // Apollo's default landing page loads Sandbox from Apollo's CDN, which an offline or
      // locked-down network never reaches; the gateway serves its own explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      requestIdPlugin(),
      accessLogPlugin(),
      // Before the limits, which read the variables: a wrong value is refused with its path.
      variableCheck(),
      operationResolution(),
      ...limits.plugins,
    ],
    logger: log,
    // The entry points stop the servers in order on SIGTERM (gateway first, databases last);
    // Apollo's own handlers would stop every server of the one-process stack at once.
    stopOnTerminationSignals: false,
  });
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready while every member subgraph answers (its database included) and a supergraph is
  // served. Partners are reported but never make the alliance's gateway unready: one
  // partner's outage or a candidate that does not compose must not take the graph out of a
  // load balancer. A config that cannot be read is a 503 that says why.
  app.get('/ready', async (_req, res) => {
    let subgraphs: SubgraphEntry[];
    try {
      subgraphs = options.loadConfig().subgraphs;
    } catch (error) {
      const reason = new ConfigError((error as Error).message).message;
      log.warn({ reason }, 'not ready: the supergraph config cannot be read');
      res.status(503).json({ status: 'not ready', reason, composition: supergraph.lastError });
      return;
    }
    const checks = await readiness(subgraphs, options.secretOf, options.isMember ?? isMemberEntry);
    const ready = supergraph.serving && checks.every((c) => c.ok || !c.member);
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      subgraphs: checks,
      supergraph: {
        serving: supergraph.serving,
        composedAt: supergraph.lastComposedAt ? new Date(supergraph.lastComposedAt).toISOString() : null,
      },
      composition: supergraph.lastError,
    });
  });
  app.get(
    '/metrics',
    metrics.handler(options.metricsAccess ?? (options.production ? { kind: 'off' } : { kind: 'open' })),
  );
  if (options.demoSignIn) app.use('/auth/demo', demoSignIn(options.demoSignIn));
  if (options.explorer ?? introspection) serveExplorer(app, '/graphql');
  app.use(
    '/graphql',
    accessLog('gateway', log, metrics.requestFinished),
    express.json({ limit: options.maxBodyBytes ?? 100_000 }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const caller = await options.authenticate(req.get('authorization'));
        noteCaller(caller);
        return {
          caller,
          idempotencyKey: idempotencyKeyOf(req.get(IDEMPOTENCY_KEY_HEADER)),
          requestId: currentRequest()?.requestId,
        };
      },
    }),
  );
  // The reference web app at `/`, from the gateway's own origin (development and production).
  serveWebApp(app);
  app.use(jsonErrorHandler(log));

  const url = await listen(httpServer, options.port, options.host);
  log.info({ url }, 'gateway ready');
  return {
    url,
    supergraph,
    async stop() {
      await server.stop();
    },
  };
}

/**
 * How long a stopping gateway lets requests in flight finish: longer than a subgraph request
 * may take (SUBGRAPH_TIMEOUT_MS), so a request's last fetch ends, by answer or by timeout.
 */
export function shutdownGraceMs(subgraphTimeoutMs: number): number {
  return subgraphTimeoutMs + 5_000;
}

/** A well-formed `Idempotency-Key`, or a 400 naming the header. */
function idempotencyKeyOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (IDEMPOTENCY_KEY_PATTERN.test(header)) return header;
  throw new GraphQLError('Idempotency-Key must be 1–255 visible ASCII characters (a UUID, say)', {
    extensions: { code: 'BAD_USER_INPUT', field: 'Idempotency-Key', http: { status: 400 } },
  });
}

/** How long the gateway waits for each subgraph's readiness. */
const READY_TIMEOUT_MS = 2_000;

/**
 * Asks each subgraph, in parallel and within two seconds: a member its `/ready` (which checks
 * its database), a partner — whose service may have no such endpoint — a trivial query with
 * the gateway's proof.
 */
async function readiness(
  subgraphs: SubgraphEntry[],
  secretOf: SecretOf,
  isMember: (entry: SubgraphEntry) => boolean,
): Promise<{ name: string; member: boolean; ok: boolean }[]> {
  return Promise.all(
    subgraphs.map(async (s) => {
      const member = isMember(s);
      try {
        const response = member
          ? await fetch(new URL('/ready', s.url), { signal: AbortSignal.timeout(READY_TIMEOUT_MS) })
          : await fetch(s.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                [GATEWAY_PROOF_HEADER]: await signGatewayProof(secretOf(s), s.name, ANONYMOUS),
              },
              body: JSON.stringify({ query: '{ __typename }' }),
              signal: AbortSignal.timeout(READY_TIMEOUT_MS),
            });
        await response.body?.cancel();
        return { name: s.name, member, ok: response.ok };
      } catch {
        return { name: s.name, member, ok: false };
      }
    }),
  );
}
