import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  parse,
  type OperationDefinitionNode,
} from 'graphql';
import {
  costDirectivesOf,
  operationCost,
  oversizedPageArgument,
  variableValues,
  type CostOptions,
} from '../limits';

const SDL = `
  type Query {
    list(first: Int = 20): [Item!]!
    one: Item
    board(first: Int, last: Int): ItemConnection!
    unsized: [Item!]!
    assumed: [Item!]! @listSize(assumedSize: 7)
    expensive: Item @cost(weight: 10)
  }
  type Item { a: Int b: String children(first: Int = 5): [Item!]! tags: [String!]! parent: Item }
  type ItemConnection { edges: [ItemEdge!]! totalCount: Int! }
  type ItemEdge { cursor: String! node: Item! }
`;
const schema = buildSchema(
  `directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!]) on FIELD_DEFINITION
   directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT ${SDL}`,
);
const directives = costDirectivesOf(SDL);

function costOf(query: string, variables: Record<string, unknown> = {}, options: CostOptions = {}): number {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return operationCost(document, operation, {
    schema,
    directives,
    values: variableValues(document, variables),
    ...options,
  }).cost;
}

describe('operation cost (demand control: objects 1, scalars 0, lists × size)', () => {
  test('an object costs 1, a scalar or enum 0', () => {
    expect(costOf('{ one { a b } }')).toBe(1);
    expect(costOf('{ one { a parent { b } } }')).toBe(2);
    expect(costOf('{ __typename }')).toBe(0);
  });

  test('a list multiplies by its page size, literal, variable or default alike', () => {
    expect(costOf('{ list(first: 30) { a } }')).toBe(30);
    expect(costOf('query($n: Int) { list(first: $n) { a } }', { n: 30 })).toBe(30);
    expect(costOf('query($n: Int = 30) { list(first: $n) { a } }')).toBe(30);
    expect(costOf('{ list { a } }')).toBe(20);
    expect(costOf('{ one { children { parent { a } } } }')).toBe(1 + 5 * 2);
    expect(costOf('{ list(first: 2) { children(first: 3) { a } } }')).toBe(2 * (1 + 3));
  });

  test('a connection sizes its edges; without first or last and no default it counts 20', () => {
    expect(costOf('{ board(first: 10) { edges { node { a } } } }')).toBe(1 + 10 * 2);
    expect(costOf('{ board(last: 10) { edges { node { a } } } }')).toBe(1 + 10 * 2);
    expect(costOf('{ board { edges { node { a } } } }')).toBe(1 + 20 * 2);
    expect(costOf('{ board(first: 100) { totalCount } }')).toBe(1);
  });

  test('@listSize(assumedSize) and @cost(weight) from the SDL; an unannotated list counts 20', () => {
    expect(costOf('{ assumed { a } }')).toBe(7);
    expect(costOf('{ unsized { a } }')).toBe(20);
    expect(costOf('{ expensive { a } }')).toBe(10);
  });

  test('counts fragments as if inlined', () => {
    const inline = costOf('{ list(first: 3) { parent { a } } }');
    expect(costOf('{ list(first: 3) { ...F } } fragment F on Item { parent { a } }')).toBe(inline);
    expect(costOf('{ board(first: 4) { ...E } } fragment E on ItemConnection { edges { node { a } } }')).toBe(
      1 + 4 * 2,
    );
  });

  test('stops once the cost passes the limit', () => {
    const document = parse('{ a: list(first: 100) { children(first: 100) { parent { a } } } b: one { a } }');
    const cost = operationCost(document, document.definitions[0] as OperationDefinitionNode, {
      schema,
      maxCost: 1000,
    });
    expect(cost.exceeded).toBe(true);
    expect(cost.cost).toBeGreaterThan(1000);
  });
});

describe('the fragment bomb (issue 15)', () => {
  // Three levels of 300 spreads each: 27 million selections once expanded.
  let fragments = 'fragment F0 on Query { __typename } ';
  for (let i = 1; i <= 3; i++)
    fragments += `fragment F${i} on Query { ${Array(300)
      .fill(`...F${i - 1}`)
      .join(' ')} } `;
  const document = parse(`query Q { ...F3 } ${fragments}`);
  const operation = document.definitions[0] as OperationDefinitionNode;

  test('is priced once per fragment: its expanded size is known without expanding it', () => {
    const cost = operationCost(document, operation, { schema });
    expect(cost).toEqual({ cost: 0, selections: 300 ** 3, exceeded: false });
  });

  test('is refused in well under 50 ms of CPU', () => {
    const before = process.cpuUsage();
    const cost = operationCost(document, operation, { schema, maxCost: 20000, maxSelections: 10_000 });
    const used = process.cpuUsage(before);
    expect(cost.exceeded).toBe(true);
    expect((used.user + used.system) / 1000).toBeLessThan(50);
  });
});

describe('page-size arguments', () => {
  test.each([
    ['{ a(first: 101) { b } }', {}, { name: 'first', value: 101 }],
    ['{ a(last: 500) { b } }', {}, { name: 'last', value: 500 }],
    ['query($n: Int) { a { b(first: $n) { c } } }', { n: 1000 }, { name: 'first', value: 1000 }],
    ['{ a(first: 100) { b } }', {}, null],
    ['query($n: Int) { a(first: $n) { b } }', {}, null],
  ])('%s', (query, variables, expected) => {
    const document = parse(query);
    expect(oversizedPageArgument(document, variableValues(document, variables))).toEqual(expected);
  });

  test("one parsed document (as Apollo Server reuses it) is judged by each request's variables", () => {
    const document = parse('query($n: Int = 500) { a(first: $n) { b } }');
    const check = (variables: Record<string, unknown>) =>
      oversizedPageArgument(document, variableValues(document, variables));
    expect(check({})).toEqual({ name: 'first', value: 500 });
    expect(check({ n: 10 })).toBeNull();
    expect(check({ n: 101 })).toEqual({ name: 'first', value: 101 });
  });
});

describe('the composed supergraph', () => {
  const supergraph = readFileSync(join(__dirname, '../../supergraph.graphql'), 'utf8');
  const api = buildSchema(readFileSync(join(__dirname, '../../schema/api.graphql'), 'utf8'));
  const fromSupergraph = costDirectivesOf(supergraph);
  const BOARD = `projects(first: 100) { edges { node { id code title stage keyProject
    achievement { title trl institute { name } } leadEnterprise { name }
    investments { amount { amount currency } stage fund { name } } } } }`;
  const price = (query: string): number => {
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    return operationCost(document, operation, { schema: api, directives: fromSupergraph }).cost;
  };

  test('prices every list of objects: by its own @listSize, its first or last, or the field that sizes it', () => {
    // Lists sized by the field that returns their parent: its sizedFields, or a
    // connection's edges and nodes (the cost model pages those by the connection's first/last).
    const sizedByParent = new Set<string>();
    for (const [coordinate, size] of fromSupergraph.listSizes) {
      const [typeName, fieldName] = coordinate.split('.');
      const parent = api.getType(typeName ?? '');
      const field = isObjectType(parent) ? parent.getFields()[fieldName ?? ''] : undefined;
      if (!field) continue;
      for (const sized of size.sizedFields ?? [])
        sizedByParent.add(`${getNamedType(field.type).name}.${sized}`);
    }
    const unpriced: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        // A list of scalars or enums costs nothing whatever its length.
        if (!isListType(getNullableType(field.type)) || isLeafType(getNamedType(field.type))) continue;
        const coordinate = `${type.name}.${field.name}`;
        const priced =
          fromSupergraph.listSizes.has(coordinate) ||
          field.args.some((a) => a.name === 'first' || a.name === 'last') ||
          sizedByParent.has(coordinate) ||
          (type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes'));
        if (!priced) unpriced.push(coordinate);
      }
    }
    expect(unpriced).toEqual([]);
  });

  test('keeps the subgraphs’ @listSize', () => {
    expect(fromSupergraph.listSizes.get('Fund.investments')).toEqual({ slicingArguments: ['first'] });
  });

  test('prices the 100-project board at 6,501 and ten copies of it at 65,010', () => {
    // 1 + 100 × (edge 1 + project 1 + achievement 1 + institute 1 + enterprise 1 + 20 × (investment, amount, fund))
    expect(price(`{ ${BOARD} }`)).toBe(1 + 100 * (5 + 20 * 3));
    const ten = Array.from({ length: 10 }, (_, i) => `b${i}: ${BOARD}`).join(' ');
    expect(price(`{ ${ten} }`)).toBe(10 * 6501);
  });
});
