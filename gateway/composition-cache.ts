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
import { fingerprintOf } from './supergraph';

/** A subgraph as composition takes it: its name, where the gateway reaches it, its SDL. */
export interface ComposableSubgraph {
  name: string;
  url: string;
  sdl: string;
}

/**
 * Part of every key: raise it when what is cached changes meaning (how `composeSupergraph`
 * calls composition, or this file's layout), so that entries of the old meaning go unread.
 */
const FORMAT = 1;

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
 * the same text), and only the `keep` most recently used stay. Each file starts with the
 * hash of the supergraph it holds: one cut short (a crash before the disk had it all) or
 * edited is read as missing, composed again and rewritten. A cache that cannot be written
 * (a read-only install) only means composing every time.
 */
export class CompositionCache {
  /** Supergraphs taken from the cache, and composed because none was there (or it was damaged). */
  hits = 0;
  composed = 0;

  constructor(
    private readonly directory: string,
    private readonly keep = 16,
  ) {}

  /** The supergraph of `subgraphs`, from the cache or from `compose` (which is then cached). */
  compose(subgraphs: ComposableSubgraph[], compose: (subgraphs: ComposableSubgraph[]) => string): string {
    const standIns = subgraphs.map((s) => ({ ...s, url: standInUrl(s.name) }));
    const file = path.join(this.directory, `supergraph-${keyOf(standIns)}.graphql`);
    let composed = readIntact(file);
    if (composed !== undefined) {
      this.hits += 1;
      this.touch(file);
    } else {
      this.composed += 1;
      composed = compose(standIns);
      this.store(file, composed);
    }
    return withUrls(composed, subgraphs) ?? compose(subgraphs);
  }

  private store(file: string, supergraph: string): void {
    try {
      mkdirSync(this.directory, { recursive: true });
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, `${INTEGRITY}${sha256(supergraph)}\n${supergraph}`);
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

  /**
   * Removes all but the `keep` most recently used supergraphs, and what a process that died
   * while writing left (a partial file a minute old).
   */
  private prune(): void {
    const files = readdirSync(this.directory).map((name) => {
      const full = path.join(this.directory, name);
      return { name, full, used: statSync(full, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
    });
    const supergraphs = files
      .filter((f) => /^supergraph-[0-9a-f]+\.graphql$/.test(f.name))
      .sort((a, b) => b.used - a.used);
    const abandoned = files.filter((f) => f.name.endsWith('.partial') && f.used < Date.now() - 60_000);
    for (const { full } of [...supergraphs.slice(this.keep), ...abandoned]) rmSync(full, { force: true });
  }
}

/** A URL no network resolves (`.invalid`), unique to the subgraph's name. */
function standInUrl(name: string): string {
  return `http://${sha256(name).slice(0, 16)}.subgraph.invalid/graphql`;
}

/** The format, the composition's version and what the gateway composes by (`fingerprintOf`), as one hash. */
function keyOf(standIns: ComposableSubgraph[]): string {
  return sha256(`${FORMAT}\0${COMPOSITION_VERSION}\0${fingerprintOf(standIns)}`).slice(0, 32);
}

/** How a cached file's first line starts; the supergraph's SHA-256 follows. */
const INTEGRITY = '# sha256 ';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The supergraph a cached file holds, when there is one and it is whole and unchanged. */
function readIntact(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  if (!text.startsWith(INTEGRITY) || newline < 0) return undefined;
  const supergraph = text.slice(newline + 1);
  return text.slice(INTEGRITY.length, newline) === sha256(supergraph) ? supergraph : undefined;
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
