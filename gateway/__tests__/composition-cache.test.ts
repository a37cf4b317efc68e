import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompositionCache, type ComposableSubgraph } from '../composition-cache';
import { CompositionError, composeSupergraph } from '../supergraph';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

function subgraphs(ports: [number, number], field = 'name'): ComposableSubgraph[] {
  return [
    {
      name: 'institutes',
      url: `http://127.0.0.1:${ports[0]}/graphql`,
      sdl: `${LINK}\ntype Query { institute(id: ID!): Institute }\ntype Institute @key(fields: "id") { id: ID! ${field}: String }`,
    },
    {
      name: 'pilot-bases',
      url: `http://127.0.0.1:${ports[1]}/graphql`,
      sdl: `${LINK}\ntype Query { base(id: ID!): PilotBase }\ntype PilotBase @key(fields: "id") { id: ID! institute: Institute }\ntype Institute @key(fields: "id", resolvable: false) { id: ID! }`,
    },
  ];
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary directory, removed after the tests. */
function temporary(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'composition-cache-'));
  made.push(dir);
  return dir;
}

/** A cache in a new directory, and how many times it really composed. */
function newCache(keep?: number): {
  cache: CompositionCache;
  directory: string;
  compose: (s: ComposableSubgraph[]) => string;
  runs: () => number;
} {
  const directory = path.join(temporary(), 'supergraphs');
  let runs = 0;
  return {
    cache: new CompositionCache(directory, keep),
    directory,
    compose: (s) => {
      runs += 1;
      return composeSupergraph(s);
    },
    runs: () => runs,
  };
}

test('a cached supergraph is the text composing gives, with each subgraph at its own URL', () => {
  const { cache, compose, runs } = newCache();
  const first = subgraphs([4001, 4003]);
  expect(cache.compose(first, compose)).toBe(composeSupergraph(first));
  expect(runs()).toBe(1);

  // Other ports, same SDLs (a test's stack, a restart on other ports): no composition.
  const moved = subgraphs([39001, 39003]);
  const again = cache.compose(moved, compose);
  expect(runs()).toBe(1);
  expect(again).toBe(composeSupergraph(moved));
  expect(again).toContain('@join__graph(name: "pilot-bases", url: "http://127.0.0.1:39003/graphql")');
  expect(again).not.toContain('.invalid');
});

test('another SDL composes anew, and a composition that fails is never kept', () => {
  const { cache, compose, runs, directory } = newCache();
  cache.compose(subgraphs([4001, 4003]), compose);
  const changed = subgraphs([4001, 4003], 'title');
  expect(cache.compose(changed, compose)).toContain('title: String');
  expect(runs()).toBe(2);

  // Two subgraphs defining the same root field with different types do not compose.
  const broken = subgraphs([4001, 4003]);
  broken[1]!.sdl += '\nextend type Query { institute(id: ID!): String }';
  for (let i = 0; i < 2; i += 1) expect(() => cache.compose(broken, compose)).toThrow(CompositionError);
  expect(runs()).toBe(4);
  expect(readdirSync(directory).filter((f) => f.endsWith('.graphql'))).toHaveLength(2);
});

test('only the most recently used supergraphs stay, and a cache that cannot be written only composes', async () => {
  const { cache, compose, runs } = newCache(2);
  const tick = () => new Promise((resolve) => setTimeout(resolve, 30));
  for (const field of ['a', 'b', 'a', 'c']) {
    cache.compose(subgraphs([4001, 4003], field), compose);
    await tick();
  }
  expect(runs()).toBe(3);
  // 'a' was used after 'b': 'b' went, 'a' and 'c' are still there.
  cache.compose(subgraphs([4001, 4003], 'a'), compose);
  cache.compose(subgraphs([4001, 4003], 'c'), compose);
  expect(runs()).toBe(3);
  cache.compose(subgraphs([4001, 4003], 'b'), compose);
  expect(runs()).toBe(4);

  const file = path.join(temporary(), 'not-a-directory');
  writeFileSync(file, '');
  const unwritable = new CompositionCache(file);
  const given = subgraphs([4001, 4003]);
  expect(unwritable.compose(given, composeSupergraph)).toBe(composeSupergraph(given));
});

test('a cached file cut short or edited is composed again and rewritten, never served', () => {
  const { cache, compose, runs, directory } = newCache();
  const given = subgraphs([4001, 4003]);
  const expected = composeSupergraph(given);
  cache.compose(given, compose);
  const [name] = readdirSync(directory);
  const file = path.join(directory, name!);
  const whole = readFileSync(file, 'utf8');

  // Cut right after the last subgraph's stand-in URL: every stand-in is still there.
  writeFileSync(file, whole.slice(0, whole.indexOf('\n', whole.lastIndexOf('@join__graph(')) + 1));
  expect(cache.compose(given, compose)).toBe(expected);
  expect(runs()).toBe(2);
  // Rewritten whole: read from the cache again.
  expect(readFileSync(file, 'utf8')).toBe(whole);
  expect(cache.compose(given, compose)).toBe(expected);
  expect(runs()).toBe(2);

  writeFileSync(file, whole.replace('type Query', 'type Querz'));
  expect(cache.compose(given, compose)).toBe(expected);
  expect(runs()).toBe(3);
});
