import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { ALL_COLUMNS, columnsAsked, columnsOf, type ColumnsOfFields } from '../selected-columns';

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

const schema = buildSchema(`
  interface Named { name: String }
  type Firm implements Named { id: ID! name: String sector: String age: Int products: [String] }
  type Lab implements Named { id: ID! name: String }
  union Party = Firm | Lab
  type Query { party: Party firm: Firm }
`);

/** The `columnsAsked` key each query's `party` or `firm` resolver sees. */
async function keyFor(query: string): Promise<string> {
  let key = '';
  // A root value's field function gets (args, context, info).
  const capture = (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
    key = columnsAsked(PLAN, info);
    return { __typename: 'Firm', id: 'f' };
  };
  const result = await execute({
    schema,
    document: parse(query),
    rootValue: { party: capture, firm: capture },
  });
  expect(result.errors).toBeUndefined();
  return key;
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

  test('a field the plan does not list reads every column', async () => {
    expect(await keyFor('{ firm { name products } }')).toBe(ALL_COLUMNS);
    expect(columnsOf<Row>(ALL_COLUMNS)).toBeNull();
    expect(columnsOf<Row>('id,name')).toEqual(['id', 'name']);
  });
});
