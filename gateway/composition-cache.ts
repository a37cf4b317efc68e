import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** A subgraph as composition takes it: its name, where the gateway reaches it, its SDL. */
export interface ComposableSubgraph {
  name: string;
  url: string;
  sdl: string;
}

/** The version of Apollo's composition, part of every key: another version may compose otherwise. */
const COMPOSITION_VERSION = (
  JSON.parse(readFileSync(require.resolve('@apollo/composition/package.json'), 'utf8')) as { version: string }
).version;

/**
 * Supergraphs already composed, kept on disk by what they were composed of, so that a start
 * whose subgraphs serve the SDLs of an earlier start skips composition: about 0.3 s of CPU
 * of a fresh `npm start`, and of every test file's stack.
 *
 * A supergraph names each subgraph's URL (`@join__graph(name:, url:)`), and the stacks of
 * the tests and of the benchmark listen on ports picked at random. So the key leaves the
 * URLs out: composition runs with a stand-in URL per subgraph, which the real one replaces
 * afterwards — whether the composition was cached or not, so both give the same text.
 * Only successes are kept; a composition that fails runs, and fails, every time.
 *
 * Writes are whole files renamed into place (two processes composing at once each write
 * the same text), and only the `keep` most recently used stay. A cache that cannot be
 * written (a read-only install) only means composing every time.
 */
export class CompositionCache {
  constructor(
    private readonly directory: string,
    private readonly keep = 16,
  ) {}

  /** The supergraph of `subgraphs`, from the cache or from `compose` (which is then cached). */
  compose(subgraphs: ComposableSubgraph[], compose: (subgraphs: ComposableSubgraph[]) => string): string {
    const standIns = subgraphs.map((s) => ({ ...s, url: standInUrl(s.name) }));
    const file = path.join(this.directory, `supergraph-${keyOf(standIns)}.graphql`);
    let composed = readIfPresent(file);
    if (composed !== undefined) this.touch(file);
    else {
      composed = compose(standIns);
      this.store(file, composed);
    }
    return withUrls(composed, subgraphs) ?? compose(subgraphs);
  }

  private store(file: string, supergraph: string): void {
    try {
      mkdirSync(this.directory, { recursive: true });
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, supergraph);
      renameSync(partial, file);
      this.prune();
    } catch {
      // Not writable here: the next start composes again.
    }
  }

  /** Marks a supergraph as used now: pruning keeps the most recently used. */
  private touch(file: string): void {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // Read-only, or pruned meanwhile by another process: it was read all the same.
    }
  }

  /** Removes all but the `keep` most recently used supergraphs. */
  private prune(): void {
    const files = readdirSync(this.directory)
      .filter((name) => /^supergraph-[0-9a-f]+\.graphql$/.test(name))
      .map((name) => {
        const full = path.join(this.directory, name);
        return { full, written: statSync(full, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
      })
      .sort((a, b) => b.written - a.written);
    for (const { full } of files.slice(this.keep)) rmSync(full, { force: true });
  }
}

/** A URL no network resolves (`.invalid`), unique to the subgraph's name. */
function standInUrl(name: string): string {
  return `http://${createHash('sha256').update(name).digest('hex').slice(0, 16)}.subgraph.invalid/graphql`;
}

/** One hash of the composition's version and every subgraph's name and SDL, in order. */
function keyOf(subgraphs: ComposableSubgraph[]): string {
  const hash = createHash('sha256').update(`${COMPOSITION_VERSION}\0`);
  for (const s of subgraphs) hash.update(`${s.name}\0${s.sdl.length}\0${s.sdl}\0${s.url}\0`);
  return hash.digest('hex').slice(0, 32);
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The supergraph composed with stand-in URLs, with each subgraph's own URL in its
 * `@join__graph` instead; undefined when a subgraph's stand-in is not found exactly once.
 */
function withUrls(supergraph: string, subgraphs: ComposableSubgraph[]): string | undefined {
  let result = supergraph;
  for (const s of subgraphs) {
    const standIn = `@join__graph(name: ${JSON.stringify(s.name)}, url: ${JSON.stringify(standInUrl(s.name))})`;
    const parts = result.split(standIn);
    if (parts.length !== 2) return undefined;
    result = parts.join(`@join__graph(name: ${JSON.stringify(s.name)}, url: ${JSON.stringify(s.url)})`);
  }
  return result;
}
