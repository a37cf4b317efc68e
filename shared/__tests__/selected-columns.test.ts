import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import {
  ALL_COLUMNS,
  columnsAsked,
  columnsOf,
  fieldNodesAskedOf,
  type ColumnsKey,
  type ColumnsOfFields,
} from '../selected-columns';

interface Row {
  id: string;
  name: string;
  sector: string;
  createdAt: Date;
}

const PLAN: ColumnsOfFields<Row> = {
  typename: 'Firm',
  always: ['id'],
  fields: { id: [], name: ['name'], sector: ['sector'], age: ['createdAt'] },
};

interface Lab {
  id: string;
  name: string;
}

const LAB_PLAN: ColumnsOfFields<Lab> = { typename: 'Lab', always: ['id'], fields: { name: ['name'] } };

const schema = buildSchema(`
  interface Named { name: String }
  type Firm implements Named { id: ID! name: String sector: String age: Int products: [String] }
  type Lab implements Named { id: ID! name: String }
  union Party = Firm | Lab
  type Query { party: Party firm: Firm }
`);

/** The `columnsAsked` key each query's `party` or `firm` resolver sees. */
async function keyFor(query: string, variables: Record<string, unknown> = {}): Promise<ColumnsKey> {
  let key: ColumnsKey | undefined;
  // A root value's field function gets (args, context, info).
  const capture = (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
    key = columnsAsked(PLAN, info);
    return { __typename: 'Firm', id: 'f' };
  };
  const result = await execute({
    schema,
    document: parse(query),
    rootValue: { party: capture, firm: capture },
    variableValues: variables,
  });
  expect(result.errors).toBeUndefined();
  return key!;
}

describe('columnsAsked', () => {
  test('reads the key and the listed fields asked, sorted', async () => {
    expect(await keyFor('{ firm { sector name } }')).toBe('id,name,sector');
    expect(await keyFor('{ firm { age __typename } }')).toBe('createdAt,id');
  });

  test('follows inline fragments and named spreads on the type, an interface or none', async () => {
    expect(
      await keyFor(`{ party { ... on Firm { sector } ...N ... { id } } }
                    fragment N on Named { name }`),
    ).toBe('id,name,sector');
  });

  test('leaves out fragments on another object type', async () => {
    expect(await keyFor('{ party { ... on Lab { name } ... on Firm { id } } }')).toBe('id');
  });

  test('reads fields by name whatever their alias, and counts a field @skip may leave out', async () => {
    expect(await keyFor('{ firm { title: name since: age } }')).toBe('createdAt,id,name');
    expect(
      await keyFor('query($no: Boolean!) { firm { sector @skip(if: $no) name @include(if: $no) } }', {
        no: true,
      }),
    ).toBe('id,name,sector');
  });

  test('one selection seen by two plans gives each its own key (the memo is per plan)', async () => {
    const keys: string[] = [];
    const capture = (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
      keys.push(columnsAsked(PLAN, info), columnsAsked(LAB_PLAN, info), columnsAsked(PLAN, info));
      return { __typename: 'Firm', id: 'f' };
    };
    await execute({
      schema,
      document: parse('{ party { ... on Firm { sector } ... on Lab { name } } }'),
      rootValue: { party: capture },
    });
    expect(keys).toEqual(['id,sector', 'id,name', 'id,sector']);
  });

  test('a field the plan does not list reads every column', async () => {
    expect(await keyFor('{ firm { name products } }')).toBe(ALL_COLUMNS);
    expect(columnsOf<Row>(ALL_COLUMNS)).toBeNull();
    expect(columnsOf<Row>(await keyFor('{ firm { name } }'))).toEqual(['id', 'name']);
  });
});

describe('fieldNodesAskedOf', () => {
  /** What `fieldNodesAskedOf(info, typename, name)` finds in the `party` resolver's selection. */
  async function nodesFor(query: string, typename: string, name?: string): Promise<string[]> {
    let found: string[] = [];
    const capture = (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
      found = fieldNodesAskedOf(info, typename, name).map(
        (node) => `${node.alias ? `${node.alias.value}: ` : ''}${node.name.value}`,
      );
      return { __typename: 'Firm', id: 'f' };
    };
    await execute({ schema, document: parse(query), rootValue: { party: capture } });
    return found;
  }

  test('finds every node of a field, under each alias, through fragments that apply', async () => {
    const query = `{ party { ... on Firm { name a: name } ...N ... on Lab { b: name } } }
                   fragment N on Named { c: name sector: name }`;
    expect(await nodesFor(query, 'Firm', 'name')).toEqual(['name', 'a: name', 'c: name', 'sector: name']);
    expect(await nodesFor(query, 'Lab', 'name')).toEqual(['c: name', 'sector: name', 'b: name']);
    expect(await nodesFor('{ party { ... on Firm { id } } }', 'Firm', 'name')).toEqual([]);
  });

  test('without a name, finds every field node, as fieldsAskedOf reads them', async () => {
    expect(await nodesFor('{ party { ... on Firm { id s: sector } } }', 'Firm')).toEqual(['id', 's: sector']);
  });
});
