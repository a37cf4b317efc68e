import { z } from 'zod';
import type { MetricsAccess } from './metrics';

/**
 * The one place that reads `process.env`. Every variable is parsed and validated once;
 * the defaults give the embedded setup (PGlite under ./data, gateway on :4000).
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the embedded PGlite keeps its files; `memory://` for a throwaway in-memory database. */
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * A PostgreSQL server URL. Each subgraph gets its own database under it
   * (`alliance_<subgraph>`), made by `npm run seed` or, with CREATE_DATABASE=true, by the subgraph.
   */
  DATABASE_URL: z.url().optional(),
  /** Per-subgraph URLs win over DATABASE_URL: `INSTITUTES_DATABASE_URL`, `PILOT_BASES_DATABASE_URL`, … */
  INSTITUTES_DATABASE_URL: z.url().optional(),
  ENTERPRISES_DATABASE_URL: z.url().optional(),
  PILOT_BASES_DATABASE_URL: z.url().optional(),
  FUNDS_DATABASE_URL: z.url().optional(),
  ALLIANCE_DATABASE_URL: z.url().optional(),
  /** The supergraph config: which subgraphs the gateway joins (name + URL). */
  SUPERGRAPH_CONFIG: z.string().min(1).default('supergraph.config.json'),
  /** Interface the services listen on: 127.0.0.1 by default, 0.0.0.0 in containers. */
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Port of the second gateway, Hive Gateway (`npm run start:hive`, gateway/hive/). */
  HIVE_GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** The composed supergraph Hive Gateway serves (`npm run compose` writes it). */
  SUPERGRAPH_FILE: z.string().min(1).default('supergraph.graphql'),
  /** Port a single subgraph listens on when started alone; defaults to the port of its URL in the config. */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** How often the gateway re-reads the config and the subgraphs' SDL (0 turns polling off). */
  SUPERGRAPH_POLL_MS: z.coerce.number().int().min(0).default(10_000),
  /** Time limit of one gateway → subgraph request. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * The secret the gateway signs its proof to the subgraphs with (≥ 32 characters). The
   * all-in-one `npm start` makes a random one when unset; separate processes must share it.
   */
  GATEWAY_SECRET: z.string().min(32).optional(),
  /**
   * Member tokens: a JWKS URL in production (RS256/ES256 keys of the alliance's identity
   * provider). Without it the gateway verifies HS256 tokens with a local signing key:
   * AUTH_SECRET, or a key generated once under DATA_DIR (what `npm run token` uses).
   */
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  /**
   * The GraphiQL explorer a browser gets at `GET /graphql`, served from the gateway's own
   * origin. Unset: on outside production, off in production. `on` in production also
   * needs INTROSPECTION=on: without the schema the explorer has no docs and no completion.
   */
  EXPLORER: z.enum(['on', 'off']).optional(),
  /** Schema introspection through the gateway. Unset: on outside production, off in production. */
  INTROSPECTION: z.enum(['on', 'off']).optional(),
  /**
   * The longest a member token may live (`exp` − `iat`, or `exp` − now without `iat`), in
   * seconds: 24 h by default. A token without `exp` is refused.
   */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().positive().default(86_400),
  /** How far ahead of the gateway's clock a token's `iat`/`nbf` may be, in seconds. */
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /** Expected `iss` and `aud` of member tokens. */
  AUTH_ISSUER: z.string().default('alliance-graph'),
  AUTH_AUDIENCE: z.string().default('alliance-graph'),
  /** Query limits the gateway enforces before planning (graphql-armor and the page-size rule). */
  QUERY_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  QUERY_MAX_ALIASES: z.coerce.number().int().positive().default(15),
  QUERY_MAX_COST: z.coerce.number().int().positive().default(20000),
  QUERY_MAX_TOKENS: z.coerce.number().int().positive().default(2000),
  QUERY_MAX_DIRECTIVES: z.coerce.number().int().positive().default(30),
  /**
   * A bearer token Prometheus must send to read `/metrics` (gateway and subgraphs). In
   * production `/metrics` is off without one; outside production it is open without one.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * OpenTelemetry, read by its SDK itself (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/):
   * tracing is on when an OTLP endpoint or a traces exporter is named, off otherwise.
   * Metrics and logs go through OTel only when their exporter is named; Prometheus
   * (`/metrics`) and stdout are the defaults.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_TRACES_EXPORTER: z.string().optional(),
  OTEL_METRICS_EXPORTER: z.string().optional(),
  OTEL_LOGS_EXPORTER: z.string().optional(),
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  /** The `service.name` of the spans; `alliance-graph` unless set. */
  OTEL_SERVICE_NAME: z.string().optional(),
  /** Instrumentations to keep or leave out, by short name: `http,undici,express,graphql,pg` (shared/tracing.ts). */
  OTEL_NODE_ENABLED_INSTRUMENTATIONS: z.string().optional(),
  OTEL_NODE_DISABLED_INSTRUMENTATIONS: z.string().optional(),
  /** Largest request body the gateway accepts. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(100_000),
  /** Tests: a PostgreSQL server URL to run the suite against instead of PGlite. */
  TEST_DATABASE_URL: z.url().optional(),
  /** Benchmark: a PostgreSQL server to hold its data sets; unset means the embedded PGlite. */
  BENCH_DATABASE_URL: z.url().optional(),
  /**
   * Loading the demo data set on start. Unset: on the first start of the embedded default
   * only (a real database gets it from `npm run seed`); `true`: every start adds the demo
   * rows that are missing; `false`: never.
   */
  SEED_DEMO_DATA: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /**
   * Whether a subgraph on PostgreSQL may create its missing database. Off unless `true`: a
   * misspelt name must not become a new, empty database (the embedded default and the
   * tests create theirs whatever this says).
   */
  CREATE_DATABASE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Environment = z.infer<typeof schema>;

/**
 * Every variable the services read (deployment manifests are checked against it). The
 * OpenTelemetry SDK reads further `OTEL_*` variables of its own.
 */
export const ENVIRONMENT_VARIABLES: readonly string[] = Object.keys(schema.shape);

/**
 * A mistake in the configuration (a missing secret, a malformed URL, a database that does
 * not exist, a port taken): the process says it in one line and exits, with no stack trace.
 */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * How a process that cannot start ends: a configuration mistake as one line on stderr
 * naming the service, anything else through `logFatal`; exit code 1 either way.
 */
export function exitOnStartFailure(
  service: string,
  error: unknown,
  logFatal: (error: unknown) => void,
): never {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`${service}: ${error.message.replace(/\s*\n\s*/g, '; ')}\n`);
  } else logFatal(error);
  process.exit(1);
}

/** The variable that holds a subgraph's database URL (its own, else DATABASE_URL). */
export function databaseVariableFor(subgraph: string, env: Environment = environment()): string {
  const key = `${subgraph.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
  return typeof env[key as keyof Environment] === 'string' ? key : 'DATABASE_URL';
}

let cached: Environment | undefined;

/** The validated environment. Exits with a readable message when a variable is malformed. */
export function environment(): Environment {
  if (cached) return cached;
  // An empty variable (`AUTH_JWKS_URL=` from a compose default) means unset.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigurationError(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * The PostgreSQL database of one subgraph, if one is configured: its own URL, or the
 * database `alliance_<subgraph>` under DATABASE_URL. Undefined means embedded.
 */
export function databaseUrlFor(subgraph: string, env: Environment = environment()): string | undefined {
  const key = `${subgraph.toUpperCase().replace(/-/g, '_')}_DATABASE_URL` as keyof Environment;
  const own = env[key];
  if (typeof own === 'string') return own;
  if (!env.DATABASE_URL) return undefined;
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/alliance_${subgraph.replace(/-/g, '_')}`;
  return url.toString();
}

/**
 * Where the member subgraphs keep their data when they all run in one process (`npm start`,
 * `npm run seed`): a PostgreSQL database for every one of them, or none at all (the
 * embedded database under DATA_DIR). Some but not all is a configuration mistake, refused
 * with the names of the subgraphs that have no URL.
 */
export function stackDatabaseUrls(
  subgraphs: readonly string[],
  env: Environment = environment(),
): Map<string, string> | undefined {
  const urls = new Map<string, string>();
  for (const name of subgraphs) {
    const url = databaseUrlFor(name, env);
    if (url) urls.set(name, url);
  }
  if (urls.size === 0) return undefined;
  const missing = subgraphs.filter((name) => !urls.has(name));
  if (missing.length > 0) {
    const variables = missing.map((name) => `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`);
    throw new Error(
      `Some subgraphs have a PostgreSQL URL and some do not: set ${variables.join(', ')}, or DATABASE_URL for all of them`,
    );
  }
  return urls;
}

/** What the gateway shows of its schema: introspection, and the explorer that needs it. */
export interface SchemaExposure {
  introspection: boolean;
  explorer: boolean;
}

/**
 * INTROSPECTION and EXPLORER as switches: both on outside production and off in it, unless
 * set. The explorer without introspection would be an editor that knows no field, so
 * EXPLORER=on with introspection off is refused with the variable to set.
 */
export function schemaExposureOf(env: Environment = environment()): SchemaExposure {
  const production = env.NODE_ENV === 'production';
  const introspection = env.INTROSPECTION === undefined ? !production : env.INTROSPECTION === 'on';
  // Unset, the explorer follows introspection outside production (INTROSPECTION=off hides both).
  const explorer = env.EXPLORER === undefined ? !production && introspection : env.EXPLORER === 'on';
  if (explorer && !introspection)
    throw new Error(
      'EXPLORER=on needs introspection: set INTROSPECTION=on as well (the explorer reads the schema through it)',
    );
  return { introspection, explorer };
}

/**
 * Who may read `/metrics`: with METRICS_TOKEN, a scraper that sends it as a bearer token;
 * without, anyone outside production and nobody in it (process and query figures are not for
 * the public listener).
 */
export function metricsAccessOf(env: Environment = environment()): MetricsAccess {
  if (env.METRICS_TOKEN) return { kind: 'token', token: env.METRICS_TOKEN };
  return env.NODE_ENV === 'production' ? { kind: 'off' } : { kind: 'open' };
}

/** When a subgraph loads the demo data set as it starts. */
export type SeedPolicy = 'always' | 'first-start' | 'never';

/**
 * SEED_DEMO_DATA as a policy: by default the embedded database gets the demo data when its
 * schema is created (a newcomer's first `npm start`), and a real database never on start —
 * its data is nobody's demo, and demo rows someone deleted must not come back at a restart.
 */
export function seedPolicyOf(embedded: boolean, env: Environment = environment()): SeedPolicy {
  if (env.SEED_DEMO_DATA === undefined) return embedded ? 'first-start' : 'never';
  return env.SEED_DEMO_DATA ? 'always' : 'never';
}

/** A secret named in the supergraph config (`secretEnv`), read from the environment. */
export function secretFromEnvironment(name: string): string | undefined {
  return process.env[name];
}
