import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { signLocalToken, tokenVerifier, type TokenClaims } from '../gateway/auth';
import type * as HiveServerModule from '../gateway/hive/server';
import type { RunningHiveGateway } from '../gateway/hive/server';
import type { QueryLimits } from '../gateway/limits';
import { schemaOf } from '../shared/database';
import { databaseUrlUnder, dropPostgresDatabase } from '../shared/postgres-server';
import { environment } from '../shared/environment';
import { parseOrganization, secretFrom, type Role } from '../shared/identity';
import { serviceLogger } from '../shared/logger';
import type { SubgraphEntry } from '../shared/supergraph-config';
import { memberSubgraphs } from '../services/index';
import { startStack, type RunningStack, type StackDatabase } from '../services/stack';
import { cloneTemplates, embeddedTemplate } from './templates';

type HiveServer = typeof HiveServerModule;

/** The `iss` and `aud` member tokens must carry in tests. */
export const ISSUER = 'alliance-graph-test';
export const AUDIENCE = 'alliance-graph-test';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface FederationOptions {
  /** Load the demo data set (default true). */
  seed?: boolean;
  pollMs?: number;
  subgraphTimeoutMs?: number;
  peerTimeoutMs?: number;
  production?: boolean;
  /** Introspection and the explorer (default: on unless `production`). */
  introspection?: boolean;
  explorer?: boolean;
  limits?: Partial<QueryLimits>;
  extraSubgraphs?: () => SubgraphEntry[];
  /**
   * Secrets of extra subgraphs. One given none (a stand-in that checks no proof) gets a
   * random secret of its own: the stack lends none the members' secret. `null` means no
   * secret at all, as a partner whose variable is unset.
   */
  partnerSecrets?: (entry: SubgraphEntry) => string | null | undefined;
  /** Check member tokens with this key set instead of the local key (`token()` then fails). */
  jwksUrl?: string;
  /**
   * Also start the second gateway, Hive Gateway (gateway/hive/), on `supergraph.graphql`
   * in front of the same subgraphs, with the same token key, secret and limits: `hiveUrl`.
   */
  hive?: boolean;
}

/** The whole federation on ephemeral ports, for one test file. */
export interface Federation {
  url: string;
  /** Hive Gateway's GraphQL endpoint on the same subgraphs, when started with `hive: true`. */
  hiveUrl?: string;
  stack: RunningStack;
  /** The secret the gateway proves itself with (to call subgraphs as the gateway would). */
  gatewaySecret: string;
  /** POSTs a GraphQL request to the gateway (with extra HTTP headers, e.g. an Idempotency-Key). */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** A member token, e.g. `token('institute:dicp', 'EDITOR')`. */
  token(organization: string, ...roles: Role[]): Promise<string>;
  /** A member token with any claims (an expired one, say). */
  tokenWith(claims: TokenClaims): Promise<string>;
  /** A token of exactly these claims (`exp`, `iat`, `nbf` as given or absent), signed with the gateway's key. */
  rawToken(claims: Record<string, unknown>): Promise<string>;
  /** SQL statements each subgraph ran while `work` ran. */
  statementsDuring(work: () => Promise<unknown>): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Starts all member subgraphs and the gateway on ephemeral ports, on a fresh database:
 * an in-memory PGlite, or, when TEST_DATABASE_URL names a PostgreSQL server, one new
 * database per subgraph that `stop()` drops. Under jest both start as copies of the run's
 * migrated (and, unless `seed: false`, seeded) templates: test/templates.ts.
 */
export async function startFederation(options: FederationOptions = {}): Promise<Federation> {
  const env = environment();
  const authSecret = randomBytes(32);
  const gatewaySecret = randomBytes(32).toString('base64url');
  const standInSecrets = new Map<string, string>();
  const standInSecret = (name: string): string => {
    if (!standInSecrets.has(name)) standInSecrets.set(name, randomBytes(32).toString('base64url'));
    return standInSecrets.get(name)!;
  };
  const seed = options.seed !== false;
  const created: string[] = [];
  const serverUrl = env.TEST_DATABASE_URL;
  const run = `t${process.pid}_${randomBytes(3).toString('hex')}`;
  const dropDatabases = async (): Promise<void> => {
    for (const dbUrl of created) await dropPostgresDatabase(dbUrl);
  };
  // The run's templates (test/templates.ts) hold the migrated, maybe seeded, databases.
  let cloned = false;
  let database: StackDatabase;
  if (serverUrl) {
    const urls = new Map(
      memberSubgraphs.map((m) => [m.name, databaseUrlUnder(serverUrl, `${run}_${schemaOf(m.name)}`)]),
    );
    created.push(...urls.values());
    cloned = await cloneTemplates(serverUrl, seed, urls).catch(async (error: unknown) => {
      await dropDatabases();
      throw error;
    });
    database = { kind: 'postgres', urlOf: (name) => urls.get(name)!, create: !cloned };
  } else {
    // A test's data fits 16MB of buffers many times over, and PGlite zeroes its default
    // 128MB at every start: 0.4 s per stack.
    database = {
      kind: 'embedded',
      dataDir: 'memory://',
      template: embeddedTemplate(seed),
      sharedBuffers: '16MB',
    };
  }
  const fromTemplate = cloned || (database.kind === 'embedded' && database.template !== undefined);

  const stack = await startStack({
    database,
    gatewayPort: 0,
    gatewaySecret,
    auth: { issuer: ISSUER, audience: AUDIENCE, jwksUrl: options.jwksUrl, localSecret: authSecret },
    // Every test file's databases are new: 'always' and 'first-start' load the same. A
    // copy of a template has the demo data already when it should.
    seedDemoData: seed && !fromTemplate ? 'always' : 'never',
    pollMs: options.pollMs ?? 0,
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 10_000,
    peerTimeoutMs: options.peerTimeoutMs,
    production: options.production ?? false,
    introspection: options.introspection,
    explorer: options.explorer,
    limits: options.limits,
    extraSubgraphs: options.extraSubgraphs,
    partnerSecrets: (entry) => {
      const given = options.partnerSecrets?.(entry);
      return given === null ? undefined : (given ?? standInSecret(entry.name));
    },
  }).catch(async (error: unknown) => {
    await dropDatabases();
    throw error;
  });
  const url = stack.gateway.url;
  let hive: RunningHiveGateway | undefined;
  if (options.hive) {
    // Loaded only here, synchronously: Hive Gateway's packages take about 3 s to load, which
    // every other test file would pay (a dynamic import() of a .ts file is not what jest runs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startHiveGateway, withSubgraphUrls } = require('../gateway/hive/server') as HiveServer;
    hive = await startHiveGateway({
      supergraphSdl: withSubgraphUrls(
        readFileSync(path.join(__dirname, '..', 'supergraph.graphql'), 'utf8'),
        (name) => stack.subgraphs.get(name)?.url,
      ),
      authenticate: tokenVerifier({ issuer: ISSUER, audience: AUDIENCE, localSecret: authSecret }),
      secretOf: () => secretFrom(gatewaySecret),
      subgraphTimeoutMs: options.subgraphTimeoutMs ?? 10_000,
      production: options.production ?? false,
      limits: options.limits,
      port: 0,
      log: serviceLogger('hive-gateway'),
    }).catch(async (error: unknown) => {
      await stack.stop();
      await dropDatabases();
      throw error;
    });
  }

  return {
    url,
    hiveUrl: hive?.url,
    stack,
    gatewaySecret,
    query: (query, variables, token, headers) => queryAt(url, query, variables, token, headers),
    async token(organization: string, ...roles: Role[]): Promise<string> {
      const org = parseOrganization(organization);
      if (!org) throw new Error(`not an organization: ${organization}`);
      return signLocalToken(
        authSecret,
        { subject: `${organization}#user`, organization: org, roles },
        ISSUER,
        AUDIENCE,
      );
    },
    async tokenWith(claims: TokenClaims): Promise<string> {
      return signLocalToken(authSecret, claims, ISSUER, AUDIENCE);
    },
    async rawToken(claims: Record<string, unknown>): Promise<string> {
      return new SignJWT({ iss: ISSUER, aud: AUDIENCE, ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(authSecret);
    },
    async statementsDuring(work: () => Promise<unknown>): Promise<Record<string, number>> {
      const before = new Map([...stack.subgraphs].map(([name, s]) => [name, s.statements.count]));
      await work();
      return Object.fromEntries(
        [...stack.subgraphs].map(([name, s]) => [name, s.statements.count - before.get(name)!]),
      );
    },
    async stop() {
      await hive?.stop();
      await stack.stop();
      await dropDatabases();
    },
  };
}

/** POSTs a GraphQL request to a gateway's endpoint (with extra HTTP headers, e.g. an Idempotency-Key). */
export async function queryAt<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}
