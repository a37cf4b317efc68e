import type { GatewayConfigSupergraph } from '@graphql-hive/gateway';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../../shared/logger';
import type { Authenticate } from '../auth';
import { DEFAULT_LIMITS, type QueryLimits } from '../limits';
import { errorPlugin } from './errors';
import { limitPlugins } from './limits';
import { alliancePlugin, type AllianceHiveContext } from './plugin';

export interface AllianceHiveOptions {
  /** The composed supergraph (`supergraph.graphql`), its subgraphs' URLs as the gateway reaches them. */
  supergraphSdl: string;
  /** The member-token check of the project's gateway (gateway/auth.ts). */
  authenticate: Authenticate;
  /** The secret shared with each subgraph, by its name. */
  secretOf: (subgraph: string) => Uint8Array;
  /** Time limit of one subgraph request (SUBGRAPH_TIMEOUT_MS). */
  subgraphTimeoutMs: number;
  production: boolean;
  /** Query limits over DEFAULT_LIMITS (suggestions blocked in production). */
  limits?: Partial<QueryLimits>;
  /** Largest request body accepted (bytes; MAX_BODY_BYTES, 100 kB). */
  maxBodyBytes?: number;
  log: Logger;
}

/**
 * Hive Gateway's configuration for the alliance's graph: the same supergraph, the project's
 * plugins (caller and proofs, errors, limits), Yoga's own masking and request ids off (ours
 * replace them), introspection off in production, no batching, the health endpoints under
 * the project's names.
 */
export function allianceHiveConfig(
  options: AllianceHiveOptions,
): GatewayConfigSupergraph<AllianceHiveContext> {
  const limits: QueryLimits = {
    ...DEFAULT_LIMITS,
    blockFieldSuggestions: options.production,
    ...options.limits,
  };
  let schema: GraphQLSchema | undefined;
  return {
    supergraph: options.supergraphSdl,
    logging: false,
    maskedErrors: false,
    requestId: false,
    upstreamTimeout: options.subgraphTimeoutMs,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    readinessCheckEndpoint: '/ready',
    landingPage: false,
    // Apollo Server's CSRF prevention: a request a browser would send without a preflight
    // (a GET, a form's content type) needs one of the headers it accepts.
    csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight'] },
    graphiql: !options.production,
    ...(options.production ? { disableIntrospection: {} } : {}),
    plugins: () => [
      alliancePlugin(options),
      errorPlugin({ log: options.log, schema: () => schema }),
      ...limitPlugins(limits, options.supergraphSdl, options.maxBodyBytes ?? 100_000),
      {
        onSchemaChange({ schema: served }) {
          schema = served as GraphQLSchema;
        },
      },
    ],
  };
}

/**
 * The supergraph with each subgraph's URL (`@join__graph(url:)`) replaced by the one `urlOf`
 * gives, when it gives one: `supergraph.graphql` names the ports of `supergraph.config.json`,
 * a running stack may use others.
 */
export function withSubgraphUrls(supergraphSdl: string, urlOf: (name: string) => string | undefined): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) => {
    const url = urlOf(name);
    return url ? `@join__graph(name: "${name}", url: "${url}")` : whole;
  });
}
