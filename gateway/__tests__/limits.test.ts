import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { operationCost, oversizedPageArgument, variableValues } from '../limits';

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return operationCost(operation.selectionSet, document, variableValues(document, variables));
}

describe('operation cost', () => {
  test('a scalar costs 1, an object 2 plus 1.5× its children', () => {
    expect(costOf('{ a }')).toBe(1);
    expect(costOf('{ a { b c } }')).toBe(2 + 1.5 * 2);
  });

  test('multiplies by the page size, literal or variable alike', () => {
    const literal = costOf('{ list(first: 30) { a } }');
    expect(literal).toBe((2 + 1.5) * 30);
    expect(costOf('query($n: Int) { list(first: $n) { a } }', { n: 30 })).toBe(literal);
    expect(costOf('query($n: Int = 30) { list(first: $n) { a } }')).toBe(literal);
  });

  test('counts fragments as if inlined and does not loop on cycles', () => {
    const inline = costOf('{ a { b c } }');
    expect(costOf('{ a { ...F } } fragment F on T { b c }')).toBe(inline);
    expect(Number.isFinite(costOf('{ a { ...F } } fragment F on T { b ...F }'))).toBe(true);
  });
});

test('a page size left out counts at its default in the schema', () => {
  const schema = buildSchema(`
    type Query { list(first: Int = 20): [Item!]! one: Item }
    type Item { a: Int children(first: Int = 5): [Item!]! }
  `);
  const cost = (query: string): number => {
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    return operationCost(operation.selectionSet, document, {}, schema, schema.getQueryType());
  };
  expect(cost('{ list { a } }')).toBe((2 + 1.5) * 20);
  expect(cost('{ list(first: 2) { a } }')).toBe((2 + 1.5) * 2);
  expect(cost('{ one { children { a } } }')).toBe(2 + 1.5 * ((2 + 1.5) * 5));
  expect(cost('{ ... on Query { list { a } } }')).toBe((2 + 1.5) * 20);
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
});
