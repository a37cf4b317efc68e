import { undescribedCoordinates } from '../gateway/subgraph-check/descriptions';
import { memberSubgraphs } from '../services';

/**
 * Every type, field, argument, enum value and input field of every member subgraph has a
 * description: the schema is the frontend teams' documentation. A partner's subgraph is
 * held to the same rule by `npm run subgraph:check` (test/subgraph-check.test.ts).
 */
describe.each(memberSubgraphs.map((m) => [m.name, m] as const))('%s', (_name, module) => {
  test('describes everything it defines', () => {
    expect(undescribedCoordinates(module.typeDefs)).toEqual([]);
  });
});

test('the rule names each undescribed type, field, argument, enum value and input field', () => {
  const sdl = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      "Described."
      a(first: Int, "Described." after: String): Thing
      b: Int
    }
    type Thing { "Described." id: ID! }
    "Described." enum Level { "Described." HIGH LOW }
    "Described." input Filter { level: Level }
    "Described." scalar Date
    union Any = Thing
    extend type Thing { "Described." size: Int, weight: Int }
    directive @internal(reason: String) on FIELD_DEFINITION
    type _Service { sdl: String }
  `;

  expect(undescribedCoordinates(sdl)).toEqual([
    'Query.a(first:)',
    'Query.b',
    'Thing',
    'Level.LOW',
    'Filter.level',
    'Any',
    'Thing.weight',
  ]);
});
