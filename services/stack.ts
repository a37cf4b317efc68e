import path from 'node:path';
import { CompositionCache } from '../gateway/composition-cache';
import type { QueryLimits } from '../gateway/limits';
import { gatewaySecrets } from '../gateway/secrets';
import { startGateway, type RunningGateway } from '../gateway/server';
import { tokenVerifier, type TokenVerifierOptions } from '../gateway/auth';
import { demoSignInFor } from '../gateway/demo-sign-in';
import { BUILD_CACHE } from '../shared/build-cache';
import { EmbeddedDatabase, type DatabaseTarget } from '../shared/database';
import { ensurePostgresDatabase } from '../shared/postgres-server';
import type { SeedPolicy } from '../shared/environment';
import { secretFrom } from '../shared/identity';
import type { MetricsAccess } from '../shared/metrics';
import { PeerClient } from '../shared/peers';
import { startSubgraph, type RunningSubgraph } from '../shared/subgraph-server';
import type { SubgraphEntry, SupergraphConfig } from '../shared/supergraph-config';
import { memberSubgraphs } from './index';

/** Where the stack's subgraphs keep their data. */
export type StackDatabase =
  /**
   * `template`: a dumped data directory a new database starts from; `sharedBuffers`: its
   * `shared_buffers`, PGlite's default when unset (`EmbeddedDatabase.open`).
   */
  | { kind: 'embedded'; dataDir: string; template?: Blob; sharedBuffers?: string }
  /** `urlOf` gives each subgraph its own database; `create` makes it when missing. */
  | { kind: 'postgres'; urlOf: (subgraph: string) => string; create: boolean };

export interface StackOptions {
  database: StackDatabase;
  /** 0 picks a free port. */
  gatewayPort: number;
  gatewayHost?: string;
  /** Port per subgraph (from the supergraph config); a missing one picks a free port. */
  subgraphPorts?: Record<string, number>;
  gatewaySecret: string;
  /** How the gateway checks member tokens (gateway/auth.ts `configuredTokenVerification`). */
  auth: TokenVerifierOptions;
  /** When each subgraph loads the demo data set (shared/environment.ts `seedPolicyOf`). */
  seedDemoData: SeedPolicy;
  pollMs: number;
  subgraphTimeoutMs: number;
  production: boolean;
  /** Introspection and the explorer; both default to on outside production. */
  introspection?: boolean;
  explorer?: boolean;
  limits?: Partial<QueryLimits>;
  maxBodyBytes?: number;
  /** Time limit of one subgraph-to-subgraph request (reference checks, party scope). */
  peerTimeoutMs?: number;
  /** Who may read `/metrics` of the gateway and each subgraph (default: open outside production). */
  metricsAccess?: MetricsAccess;
  /** The gateway's tunings; only the benchmark turns them off. */
  tunedGateway?: boolean;
  /** Subgraphs beyond the members' own (a partner's), read at every poll. */
  extraSubgraphs?: () => SubgraphEntry[];
  /**
   * The secret of each extra subgraph, which must have one: an entry it gives none is
   * refused, never lent the members' `gatewaySecret`.
   */
  partnerSecrets?: (entry: SubgraphEntry) => string | undefined;
}

/** The five member subgraphs and the gateway, running in this process. */
export interface RunningStack {
  gateway: RunningGateway;
  subgraphs: Map<string, RunningSubgraph>;
  stop(): Promise<void>;
}

/**
 * Starts every member subgraph (migrated, optionally seeded) and then the gateway in one
 * process: what `npm start` runs on the embedded database and what the end-to-end tests
 * run on ephemeral ports.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const embedded =
    options.database.kind === 'embedded'
      ? await EmbeddedDatabase.open(options.database.dataDir, options.database.template, {
          sharedBuffers: options.database.sharedBuffers,
        })
      : undefined;
  const secret = secretFrom(options.gatewaySecret);
  const running = new Map<string, RunningSubgraph>();
  const peers = new PeerClient(secret, (name) => running.get(name)?.url, options.peerTimeoutMs);

  try {
    for (const module of memberSubgraphs) {
      running.set(
        module.name,
        await startSubgraph(module, {
          target: await targetFor(module.name, options.database, embedded),
          port: options.subgraphPorts?.[module.name] ?? 0,
          gatewaySecret: secret,
          seedDemoData: options.seedDemoData,
          peers,
          metricsAccess: options.metricsAccess ?? defaultMetricsAccess(options.production),
        }),
      );
    }
    const loadConfig = (): SupergraphConfig => ({
      subgraphs: [
        ...[...running.values()].map((s) => ({ name: s.name, url: s.url })),
        ...(options.extraSubgraphs?.() ?? []),
      ],
    });
    const gateway = await startGateway({
      loadConfig,
      secretOf: gatewaySecrets(secret, (entry) => options.partnerSecrets?.(entry)),
      isMember: (entry) => memberSubgraphs.some((m) => m.name === entry.name),
      port: options.gatewayPort,
      host: options.gatewayHost,
      pollMs: options.pollMs,
      subgraphTimeoutMs: options.subgraphTimeoutMs,
      production: options.production,
      introspection: options.introspection,
      explorer: options.explorer,
      // `/auth/demo` signs with the local key: only outside production, without a key set.
      demoSignIn: demoSignInFor(options.auth, options.production),
      limits: options.limits,
      maxBodyBytes: options.maxBodyBytes,
      metricsAccess: options.metricsAccess ?? defaultMetricsAccess(options.production),
      tuned: options.tunedGateway,
      // The members' SDLs change only with the code: a start after the first composes none.
      compositionCache: new CompositionCache(path.join(BUILD_CACHE, 'supergraphs')),
      authenticate: tokenVerifier(options.auth),
    });
    return {
      gateway,
      subgraphs: running,
      async stop() {
        await gateway.stop();
        await stopAll(running, embedded);
      },
    };
  } catch (error) {
    await stopAll(running, embedded);
    throw error;
  }
}

function defaultMetricsAccess(production: boolean): MetricsAccess {
  return production ? { kind: 'off' } : { kind: 'open' };
}

async function targetFor(
  name: string,
  database: StackDatabase,
  embedded: EmbeddedDatabase | undefined,
): Promise<DatabaseTarget> {
  if (database.kind === 'embedded') return { kind: 'embedded', database: embedded! };
  const url = database.urlOf(name);
  if (database.create) await ensurePostgresDatabase(url);
  return { kind: 'postgres', url };
}

async function stopAll(
  running: Map<string, RunningSubgraph>,
  embedded: EmbeddedDatabase | undefined,
): Promise<void> {
  for (const subgraph of [...running.values()].reverse()) await subgraph.stop();
  await embedded?.close();
}
