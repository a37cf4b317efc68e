import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { execute, parse, type GraphQLResolveInfo } from 'graphql';
import { loadTypeDefs } from '../../../../shared/type-defs';
import { historyAsked } from '../resolvers';

/**
 * What `historyAsked` makes of an `_entities` selection: the size and columns every
 * project's `history` will be asked with, so that it can be read beside the projects, or
 * null when there is no one such way.
 */
let seen: ReturnType<typeof historyAsked> | undefined;
const schema = buildSubgraphSchema({
  typeDefs: loadTypeDefs(`${__dirname}/../..`),
  resolvers: {
    Project: {
      __resolveReference: (ref: { id: string }, _: unknown, info: GraphQLResolveInfo) => {
        seen = historyAsked(info);
        return { ...ref, code: 'P', history: [] };
      },
    },
    // Apollo calls `__resolveReference(reference, context, info)`; its map types it as a field resolver.
  } as unknown as GraphQLResolverMap<unknown>,
});

/** A fragment a selection may spread. */
const FRAGMENT = 'fragment H on Project { history(first: 4) { to } }';

async function askedBy(selection: string, variables: Record<string, unknown> = {}, definitions = '') {
  seen = undefined;
  const operation = `query($representations: [_Any!]!${definitions}) {
    _entities(representations: $representations) { ${selection} }
  }`;
  const result = await execute({
    schema,
    document: parse(selection.includes('...H') ? `${operation} ${FRAGMENT}` : operation),
    variableValues: { representations: [{ __typename: 'Project', id: 'p' }], ...variables },
  });
  expect(result.errors).toBeUndefined();
  return seen;
}

test('one history: its size (the default, a literal or a variable) and the columns it reads', async () => {
  expect(await askedBy('... on Project { id history { to } }')).toEqual({
    limit: 20,
    columns: 'projectId,seq,to',
  });
  expect(await askedBy('... on Project { history(first: 2) { at to } }')).toEqual({
    limit: 2,
    columns: 'at,projectId,seq,to',
  });
  expect(await askedBy('... on Project { history(first: $n) { by } }', { n: 7 }, ', $n: Int')).toEqual({
    limit: 7,
    columns: 'by,projectId,seq',
  });
  expect(await askedBy('...H')).toEqual({ limit: 4, columns: 'projectId,seq,to' });
});

test('the same history asked twice under one name is one way of asking', async () => {
  expect(await askedBy('... on Project { history { to } } ... on Project { history { at } }')).toEqual({
    limit: 20,
    columns: 'at,projectId,seq,to',
  });
});

test('none, two names (whatever their sizes), or a size the bound refuses: no one way', async () => {
  expect(await askedBy('... on Project { id code }')).toBeNull();
  expect(await askedBy('... on Project { a: history(first: 1) { to } history { to } }')).toBeNull();
  expect(await askedBy('... on Project { a: history { to } b: history { to } }')).toBeNull();
  expect(await askedBy('... on Project { history(first: 1000) { to } }')).toBeNull();
});
