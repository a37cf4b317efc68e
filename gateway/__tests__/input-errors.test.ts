import {
  GraphQLError,
  buildSchema,
  getVariableValues,
  parse,
  validate,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import { variableRefusal, withInputField, type Refusal } from '../input-errors';

const schema = buildSchema(`
  enum Stage { DOCKING EVALUATION PILOT }
  input Inner { stage: Stage }
  input CreateInput { code: String! stage: Stage tags: [Stage!] inner: Inner }
  type Query { projects(first: Int, stage: Stage): Int }
  type Mutation { create(input: CreateInput!): Int }
`);

/** A refused literal as Apollo Server hands it to formatError (its ValidationError). */
interface Refused {
  formatted: GraphQLFormattedError;
  error: GraphQLError;
}

/** The first error validation finds in a query (a literal of the wrong type, say). */
function refusedLiteral(query: string): Refused {
  const [error] = validate(schema, parse(query));
  if (!error) throw new Error(`valid: ${query}`);
  const code = 'GRAPHQL_VALIDATION_FAILED';
  const wrapped = new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError ?? error,
    extensions: { ...error.extensions, code },
  });
  return { formatted: { message: wrapped.message, extensions: { code } }, error: wrapped };
}

/** The literal's refusal as the gateway's formatError rewrites it. */
function literal(query: string): { field: unknown; message: string } {
  const refused = refusedLiteral(query);
  const result = withInputField(refused.formatted, refused.error, schema);
  expect(result.extensions?.code).toBe('BAD_USER_INPUT');
  return { field: result.extensions?.field, message: result.message };
}

/** What the gateway's variable check refuses, checked against graphql-js's own coercion. */
function variables(query: string, values: Record<string, unknown>): Refusal {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const operation = document.definitions[0] as OperationDefinitionNode;
  expect(getVariableValues(schema, operation.variableDefinitions ?? [], values).errors).toBeDefined();
  const refusal = variableRefusal(schema, document, operation, values);
  if (!refusal) throw new Error(`not refused: ${JSON.stringify(values)}`);
  return refusal;
}

/** Accepted by the check exactly when graphql-js accepts it. */
function accepted(query: string, values: Record<string, unknown>): boolean {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const refusal = variableRefusal(schema, document, operation, values);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], values);
  expect(refusal === null).toBe(coerced.errors === undefined);
  return refusal === null;
}

const CREATE = 'mutation($input: CreateInput!) { create(input: $input) }';
const STAGES = 'Allowed values: DOCKING, EVALUATION, PILOT.';

describe('an unknown enum value', () => {
  test('written inline is BAD_USER_INPUT naming the argument path and listing the values', () => {
    expect(literal('mutation { create(input: { code: "a", stage: FOO }) }')).toEqual({
      field: 'input.stage',
      message: `input.stage: Value "FOO" does not exist in "Stage" enum. ${STAGES}`,
    });
  });

  test('in variables names the argument, not the variable, and the same way', () => {
    const inline = literal('mutation { create(input: { code: "a", stage: FOO }) }');
    const refusal = variables('mutation($i: CreateInput!) { create(input: $i) }', {
      i: { code: 'a', stage: 'FOO' },
    });
    expect(refusal).toEqual(inline);
  });

  test('has no "Did you mean", which production hides', () => {
    expect(
      refusedLiteral('mutation { create(input: { code: "a", stage: DOCKIN }) }').formatted.message,
    ).toMatch(/Did you mean/);
    expect(literal('mutation { create(input: { code: "a", stage: DOCKIN }) }').message).not.toMatch(
      /Did you mean/,
    );
    expect(variables(CREATE, { input: { code: 'a', stage: 'DOCKIN' } }).message).not.toMatch(/Did you mean/);
  });

  test('a quoted name where the enum is expected is refused, saying so', () => {
    expect(literal('mutation { create(input: { code: "a", stage: "PILOT" }) }')).toEqual({
      field: 'input.stage',
      message: `input.stage: Enum "Stage" takes a name without quotes, not "PILOT". ${STAGES}`,
    });
  });
});

test('without the schema (before the first composition) the error comes back unchanged', () => {
  const refused = refusedLiteral('mutation { create(input: { code: "a", stage: FOO }) }');
  expect(withInputField(refused.formatted, refused.error, undefined)).toBe(refused.formatted);
});

test.each([
  ['a list item inline', () => literal('mutation { create(input: { code: "a", tags: [PILOT, FOO] }) }')],
  ['a list item in variables', () => variables(CREATE, { input: { code: 'a', tags: ['PILOT', 'FOO'] } })],
])('%s is named with its index', (_case, refusal) => {
  expect(refusal().field).toBe('input.tags[1]');
});

test.each([
  [
    'a value nested inline',
    () => literal('mutation { create(input: { code: "a", inner: { stage: FOO } }) }'),
  ],
  ['a value nested in variables', () => variables(CREATE, { input: { code: 'a', inner: { stage: 'FOO' } } })],
  [
    'a variable inside an inline object',
    () =>
      variables('mutation($s: Stage) { create(input: { code: "a", inner: { stage: $s } }) }', {
        s: 'FOO',
      }),
  ],
  [
    "a variable's default value",
    () => literal('mutation($s: Stage = FOO) { create(input: { code: "a", inner: { stage: $s } }) }'),
  ],
])('%s is named by its whole argument path', (_case, refusal) => {
  expect(refusal().field).toBe('input.inner.stage');
});

test('a value containing "; " or a quoted "at" does not confuse the path or the reason', () => {
  const refusal = variables(CREATE, {
    input: { code: 'x at "input.code"; y', stage: 'FOO; at "input.tags"' },
  });
  expect(refusal.field).toBe('input.stage');
  expect(refusal.message).toBe(
    `input.stage: Value "FOO; at \\"input.tags\\"" does not exist in "Stage" enum. ${STAGES}`,
  );
});

describe('a scalar of the wrong type', () => {
  test.each([
    ['inline', () => literal('{ projects(first: "x") }')],
    ['in a variable', () => variables('query($n: Int) { projects(first: $n) }', { n: 'x' })],
  ])("%s is BAD_USER_INPUT naming the argument, in the scalar's words", (_case, refusal) => {
    expect(refusal()).toEqual({
      field: 'first',
      message: 'first: Int cannot represent non-integer value: "x"',
    });
  });
});

test('a missing, unknown or null input field in variables names that field', () => {
  expect(variables(CREATE, { input: { stage: 'PILOT' } })).toEqual({
    field: 'input.code',
    message: 'input.code: Field "code" of required type "String!" was not provided.',
  });
  expect(variables(CREATE, { input: { code: 'a', colour: 1 } }).field).toBe('input.colour');
  expect(variables(CREATE, { input: { code: null } })).toEqual({
    field: 'input.code',
    message: 'input.code: must not be null (type String!)',
  });
  expect(variables(CREATE, { input: 'a' }).field).toBe('input');
});

test('a required variable left out names the argument', () => {
  expect(variables(CREATE, {})).toEqual({
    field: 'input',
    message: 'input: a value of type CreateInput! is required ($input)',
  });
});

test('accepts exactly what graphql-js accepts', () => {
  expect(accepted(CREATE, { input: { code: 'a' } })).toBe(true);
  expect(accepted(CREATE, { input: { code: 'a', stage: null, tags: 'PILOT' } })).toBe(true);
  expect(accepted(CREATE, { input: { code: 'a', tags: [], inner: {} } })).toBe(true);
  expect(accepted('query($n: Int = 3) { projects(first: $n) }', {})).toBe(true);
  expect(accepted('query($n: Int) { projects(first: $n) }', { n: 2.5 })).toBe(false);
  expect(accepted(CREATE, { input: { code: 'a', tags: [null] } })).toBe(false);
});

test('other errors come back unchanged', () => {
  const unknownField = refusedLiteral('{ nope }');
  expect(withInputField(unknownField.formatted, unknownField.error, schema)).toBe(unknownField.formatted);
  const missingField = refusedLiteral('mutation { create(input: { stage: PILOT }) }');
  expect(withInputField(missingField.formatted, missingField.error, schema)).toBe(missingField.formatted);
  const resolverError = { message: 'no', extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } };
  expect(withInputField(resolverError, new GraphQLError('no'), schema)).toBe(resolverError);
  expect(withInputField(resolverError, new Error('no'), schema)).toBe(resolverError);
});
