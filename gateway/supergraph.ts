import { createHash } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import type { SupergraphManager, SupergraphSdlHook } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';
import { ANONYMOUS, GATEWAY_PROOF_HEADER, signGatewayProof } from '../shared/identity';
import type { Logger } from '../shared/logger';
import type { SupergraphConfig, SubgraphEntry } from '../shared/supergraph-config';
import type { ComposableSubgraph, CompositionCache } from './composition-cache';

/** Finds the secret the gateway proves itself to a subgraph with. */
export type SecretOf = (subgraph: SubgraphEntry) => Uint8Array;

/** A subgraph's SDL as its `_service` field reports it. */
export async function fetchSubgraphSdl(
  subgraph: SubgraphEntry,
  secretOf: SecretOf,
  timeoutMs = 10_000,
): Promise<string> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [GATEWAY_PROOF_HEADER]: await signGatewayProof(secretOf(subgraph), subgraph.name, ANONYMOUS),
    },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: unknown) => {
    const cause = error instanceof Error ? error : new Error(String(error));
    throw new UnreachableSubgraphError(
      subgraph,
      (cause.cause as Error | undefined)?.message ?? cause.message,
    );
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new UnreachableSubgraphError(subgraph, `HTTP ${response.status}`);
  return sdl;
}

/** A subgraph whose schema could not be fetched; the message (for logs and the CLI) has its URL. */
export class UnreachableSubgraphError extends Error {
  readonly subgraph: string;

  constructor(entry: SubgraphEntry, why: string) {
    super(`subgraph ${entry.name} at ${entry.url} did not return its SDL (${why})`);
    this.subgraph = entry.name;
  }
}

/** The supergraph config could not be read or is invalid; the last good supergraph keeps serving. */
export class ConfigError extends Error {
  constructor(why: string) {
    super(`The supergraph config cannot be used, the last good supergraph keeps serving: ${why}`);
  }
}

/** Raised when the subgraphs do not compose; `errors` names the subgraphs and types concerned. */
export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`Composition failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }
}

/**
 * Composes subgraph SDLs into a supergraph with Apollo's composition (Federation 2), or
 * takes it from `cache` when those SDLs were composed before.
 */
export function composeSupergraph(subgraphs: ComposableSubgraph[], cache?: CompositionCache): string {
  return cache ? cache.compose(subgraphs, composeAnew) : composeAnew(subgraphs);
}

function composeAnew(subgraphs: ComposableSubgraph[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return result.supergraphSdl;
}

/**
 * The schema clients see through a gateway serving `supergraphSdl`: no `join__`/`link__`
 * machinery, no `@inaccessible` elements. Frontend teams generate typed clients from it.
 */
export function apiSchemaOf(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}

/** Fetches every subgraph's SDL (all of them, or the first failure). */
function fetchAll(config: SupergraphConfig, secretOf: SecretOf): Promise<ComposableSubgraph[]> {
  return Promise.all(
    config.subgraphs.map(async (s) => ({
      name: s.name,
      url: s.url,
      sdl: await fetchSubgraphSdl(s, secretOf),
    })),
  );
}

/** Fetches every subgraph's SDL and composes them. */
export async function composeFromConfig(config: SupergraphConfig, secretOf: SecretOf): Promise<string> {
  return composeSupergraph(await fetchAll(config, secretOf));
}

/**
 * What a composition depends on — each subgraph's name, URL and SDL — as one hash: equal
 * fingerprints compose to the same supergraph, so a poll that finds its fingerprint
 * unchanged need not compose again.
 */
export function fingerprintOf(subgraphs: ComposableSubgraph[]): string {
  const hash = createHash('sha256');
  for (const s of [...subgraphs].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(`${s.name}\0${s.url}\0${s.sdl.length}\0${s.sdl}\0`);
  }
  return hash.digest('hex');
}

/**
 * Supplies the gateway's supergraph from the supergraph config: composes it at start, then
 * polls the config and every subgraph's SDL, and hands the gateway a new supergraph when
 * it changes. When the new one does not compose, the gateway keeps serving the last good
 * one and the reason is logged.
 */
export class ConfigSupergraphManager implements SupergraphManager {
  private timer: NodeJS.Timeout | undefined;
  private current = '';
  /** The fingerprint of the subgraphs `current` was composed of (`fingerprintOf`). */
  private composedOf = '';
  /** The fingerprint that last failed to compose, and why: not composed again until it changes. */
  private failed: { fingerprint: string; error: CompositionError } | null = null;
  private polling = false;
  /**
   * How many compositions ran (start and polls), a supergraph taken from the cache counting as
   * one: a poll that changed nothing adds none.
   */
  compositions = 0;
  /** How many polls have finished, whatever their outcome. */
  polls = 0;
  /**
   * The last problem, cleared by the next success, as `/ready` shows it to anyone: the
   * composition errors (they name subgraphs, types and fields), or only that a schema could
   * not be fetched — URLs, HTTP statuses and secret files stay in the log.
   */
  lastError: string | null = null;
  /**
   * When the supergraph was last known to be the composition of what the subgraphs serve
   * (ms since the epoch; null before the first): a composition, or a poll that found every
   * SDL unchanged. A value that stops advancing means polls fail.
   */
  lastComposedAt: number | null = null;

  constructor(
    private readonly loadConfig: () => SupergraphConfig,
    private readonly secretOf: SecretOf,
    private readonly log: Logger,
    private readonly pollMs: number,
    /** Where composed supergraphs are kept between starts, if anywhere. */
    readonly cache?: CompositionCache,
  ) {}

  /** True once a supergraph is composed and handed to the gateway (the last good one stays). */
  get serving(): boolean {
    return this.current !== '';
  }

  /** The subgraphs of the config the gateway serves now. */
  config(): SupergraphConfig {
    return this.loadConfig();
  }

  async initialize({
    update,
  }: Parameters<SupergraphSdlHook>[0]): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.current = await this.composeReachable();
    this.lastComposedAt = Date.now();
    if (this.pollMs > 0) {
      this.timer = setInterval(() => void this.refresh(update), this.pollMs);
      this.timer.unref();
    }
    return {
      supergraphSdl: this.current,
      cleanup: async () => {
        clearInterval(this.timer);
      },
    };
  }

  /**
   * The first supergraph, of the subgraphs that answer now: a partner that is down when the
   * gateway (re)starts must not keep the whole graph down. Those left out are logged and
   * shown on `/ready`; the polls add them once they answer. If none answers, or what
   * answers does not compose, the gateway does not start.
   */
  private async composeReachable(): Promise<string> {
    const config = this.loadConfig();
    // Each outcome names its subgraph, so a failure is reported without lining up indexes.
    const fetched = await Promise.all(
      config.subgraphs.map((s) =>
        fetchSubgraphSdl(s, this.secretOf).then(
          (sdl) => ({ name: s.name, url: s.url, sdl }),
          (reason: unknown) => ({ name: s.name, reason }),
        ),
      ),
    );
    const reachable = fetched.flatMap((result) => ('sdl' in result ? [result] : []));
    const unreachable = fetched.flatMap((result) => ('reason' in result ? [result] : []));
    const missing = unreachable.map((u) => u.name);
    if (reachable.length === 0) {
      // The config's schema asks for at least one subgraph, so none reachable means a first failure.
      const [first] = unreachable;
      if (!first) throw new Error('The supergraph config lists no subgraph');
      throw first.reason;
    }
    const supergraph = composeSupergraph(reachable, this.cache);
    this.compositions += 1;
    // With a subgraph missing, the next poll that reaches them all must compose.
    this.composedOf = missing.length === 0 ? fingerprintOf(reachable) : '';
    if (missing.length > 0) {
      for (const { name, reason } of unreachable) {
        this.log.warn({ err: reason, subgraph: name }, 'starting without a subgraph');
      }
      this.lastError = `Serving without ${missing.join(', ')}: ${missing.length === 1 ? 'its schema' : 'their schemas'} could not be fetched; the gateway log says why, and the next polls add ${missing.length === 1 ? 'it' : 'them'}`;
    }
    return supergraph;
  }

  /**
   * One poll: fetch every SDL and, only when one changed (or the config did), recompose and
   * update the gateway. Composing costs hundreds of milliseconds of CPU on the event loop
   * that serves requests (and, in the one-process stack, the subgraphs); a poll that finds
   * nothing new costs the fetches and a hash.
   */
  async refresh(update: (sdl: string) => void): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      let config: SupergraphConfig;
      try {
        config = this.loadConfig();
      } catch (error) {
        throw new ConfigError((error as Error).message);
      }
      const fetched = await fetchAll(config, this.secretOf);
      const fingerprint = fingerprintOf(fetched);
      if (fingerprint !== this.composedOf) {
        if (this.failed?.fingerprint === fingerprint) throw this.failed.error;
        const next = this.compose(fetched, fingerprint);
        this.composedOf = fingerprint;
        if (next !== this.current) {
          update(next);
          this.current = next;
          this.log.info('supergraph updated');
        }
      }
      this.lastError = null;
      this.lastComposedAt = Date.now();
    } catch (error) {
      this.lastError =
        error instanceof CompositionError || error instanceof ConfigError
          ? error.message
          : error instanceof UnreachableSubgraphError
            ? `The schema of ${error.subgraph} could not be fetched; the gateway log says why`
            : 'A subgraph schema could not be fetched; the gateway log says which and why';
      this.log.warn({ reason: (error as Error).message }, 'keeping the last good supergraph');
    } finally {
      this.polling = false;
      this.polls += 1;
    }
  }

  /** Composes, remembering a failure so the same subgraphs are not composed again. */
  private compose(fetched: ComposableSubgraph[], fingerprint: string): string {
    this.compositions += 1;
    try {
      const supergraph = composeSupergraph(fetched, this.cache);
      this.failed = null;
      return supergraph;
    } catch (error) {
      if (error instanceof CompositionError) this.failed = { fingerprint, error };
      throw error;
    }
  }
}
