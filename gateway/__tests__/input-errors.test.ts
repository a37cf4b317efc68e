import {
  GraphQLError,
  buildSchema,
  getVariableValues,
  parse,
  validate,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import { enumValuesIn, withInputField } from '../input-errors';

const schema = buildSchema(`
  enum Stage { DOCKING EVALUATION PILOT }
  input Inner { stage: Stage }
  input CreateInput { code: String! stage: Stage tags: [Stage!] inner: Inner }
  type Query { projects(first: Int, stage: Stage): Int }
  type Mutation { create(input: CreateInput!): Int }
`);
const enumValues = enumValuesIn(() => schema);

/** graphql-js's error as Apollo Server hands it to formatError (its ValidationError, UserInputError). */
function asApolloServer(
  error: GraphQLError,
  code: string,
): { formatted: GraphQLFormattedError; error: GraphQLError } {
  const wrapped = new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError ?? error,
    extensions: { ...error.extensions, code },
  });
  return { formatted: { message: wrapped.message, extensions: { code } }, error: wrapped };
}

/** The first error validation finds in a query (a literal of the wrong type, say). */
function refusedLiteral(query: string): ReturnType<typeof asApolloServer> {
  const [error] = validate(schema, parse(query));
  if (!error) throw new Error(`valid: ${query}`);
  return asApolloServer(error, 'GRAPHQL_VALIDATION_FAILED');
}

/** The first error coercing the variables finds, as the gateway's executor reports it. */
function refusedVariables(
  query: string,
  variables: Record<string, unknown>,
): ReturnType<typeof asApolloServer> {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!errors?.[0]) throw new Error(`valid variables: ${JSON.stringify(variables)}`);
  return asApolloServer(errors[0], 'BAD_USER_INPUT');
}

function rewritten(refusal: ReturnType<typeof asApolloServer>): GraphQLFormattedError {
  return withInputField(refusal.formatted, refusal.error, enumValues);
}

const CREATE = 'mutation($input: CreateInput!) { create(input: $input) }';

describe('an unknown enum value', () => {
  test('written inline is BAD_USER_INPUT naming the argument path and listing the values', () => {
    const result = rewritten(refusedLiteral('mutation { create(input: { code: "a", stage: FOO }) }'));
    expect(result.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stage' });
    expect(result.message).toBe(
      'input.stage: Value "FOO" does not exist in "Stage" enum. Allowed values: DOCKING, EVALUATION, PILOT.',
    );
  });

  test('in variables names the argument, not the variable, and the same way', () => {
    const inline = rewritten(refusedLiteral('mutation { create(input: { code: "a", stage: FOO }) }'));
    const result = rewritten(
      refusedVariables('mutation($i: CreateInput!) { create(input: $i) }', {
        i: { code: 'a', stage: 'FOO' },
      }),
    );
    expect(result.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stage' });
    expect(result.message).toBe(inline.message);
  });

  test('drops "Did you mean", which production hides', () => {
    const literal = refusedLiteral('mutation { create(input: { code: "a", stage: DOCKIN }) }');
    expect(literal.formatted.message).toMatch(/Did you mean/);
    expect(rewritten(literal).message).not.toMatch(/Did you mean/);
    const variables = refusedVariables(CREATE, { input: { code: 'a', stage: 'DOCKIN' } });
    expect(variables.formatted.message).toMatch(/Did you mean/);
    expect(rewritten(variables).message).not.toMatch(/Did you mean/);
  });

  test('a string where the enum is expected is refused the same way', () => {
    const result = rewritten(refusedLiteral('mutation { create(input: { code: "a", stage: "PILOT" }) }'));
    expect(result.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stage' });
    expect(result.message).toMatch(/^input\.stage: Enum "Stage" cannot represent non-enum value: "PILOT"\./);
    expect(result.message).toMatch(/Allowed values: DOCKING, EVALUATION, PILOT\.$/);
  });

  test('without the schema the message still names the field, without values', () => {
    const refusal = refusedLiteral('mutation { create(input: { code: "a", stage: FOO }) }');
    expect(withInputField(refusal.formatted, refusal.error).message).toBe(
      'input.stage: Value "FOO" does not exist in "Stage" enum.',
    );
  });
});

test.each([
  ['a list item inline', refusedLiteral('mutation { create(input: { code: "a", tags: [PILOT, FOO] }) }')],
  ['a list item in variables', refusedVariables(CREATE, { input: { code: 'a', tags: ['PILOT', 'FOO'] } })],
])('%s is named with its index', (_case, refusal) => {
  expect(rewritten(refusal).extensions?.field).toBe('input.tags[1]');
});

test.each([
  [
    'a value nested inline',
    refusedLiteral('mutation { create(input: { code: "a", inner: { stage: FOO } }) }'),
  ],
  [
    'a value nested in variables',
    refusedVariables(CREATE, { input: { code: 'a', inner: { stage: 'FOO' } } }),
  ],
  [
    'a variable inside an inline object',
    refusedVariables('mutation($s: Stage) { create(input: { code: "a", inner: { stage: $s } }) }', {
      s: 'FOO',
    }),
  ],
  [
    "a variable's default value",
    refusedLiteral('mutation($s: Stage = FOO) { create(input: { code: "a", inner: { stage: $s } }) }'),
  ],
])('%s is named by its whole argument path', (_case, refusal) => {
  expect(rewritten(refusal).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.inner.stage' });
});

test('a value containing "; " or a quoted "at" does not confuse the path or the reason', () => {
  const result = rewritten(
    refusedVariables(CREATE, { input: { code: 'x at "input.code"; y', stage: 'FOO; at "input.tags"' } }),
  );
  expect(result.extensions?.field).toBe('input.stage');
  expect(result.message).toMatch(
    /^input\.stage: Value "FOO; at "input\.tags"" does not exist in "Stage" enum\./,
  );
});

describe('a scalar of the wrong type', () => {
  test.each([
    ['inline', refusedLiteral('{ projects(first: "x") }')],
    ['in a variable', refusedVariables('query($n: Int) { projects(first: $n) }', { n: 'x' })],
  ])('%s is BAD_USER_INPUT naming the argument', (_case, refusal) => {
    const result = rewritten(refusal);
    expect(result.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(result.message).toBe('first: Int cannot represent non-integer value: "x"');
  });
});

test('a missing or unknown input field in variables names that field', () => {
  expect(rewritten(refusedVariables(CREATE, { input: { stage: 'PILOT' } })).extensions?.field).toBe(
    'input.code',
  );
  expect(rewritten(refusedVariables(CREATE, { input: { code: 'a', colour: 1 } })).extensions?.field).toBe(
    'input.colour',
  );
});

test('a required variable left out names the argument and keeps its message', () => {
  const refusal = refusedVariables(CREATE, {});
  const result = rewritten(refusal);
  expect(result.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
  expect(result.message).toBe(refusal.formatted.message);
});

test('other errors come back unchanged', () => {
  const unknownField = refusedLiteral('{ nope }');
  expect(rewritten(unknownField)).toBe(unknownField.formatted);
  const missingField = refusedLiteral('mutation { create(input: { stage: PILOT }) }');
  expect(rewritten(missingField)).toBe(missingField.formatted);
  const resolverError = { message: 'no', extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } };
  expect(withInputField(resolverError, new GraphQLError('no'), enumValues)).toBe(resolverError);
  expect(withInputField(resolverError, new Error('no'), enumValues)).toBe(resolverError);
});

test("an enum's values come from the schema of the moment", () => {
  const gateway: { schema?: typeof schema } = {};
  const values = enumValuesIn(() => gateway.schema);
  expect(values('Stage')).toBeUndefined();
  gateway.schema = schema;
  expect(values('Stage')).toEqual(['DOCKING', 'EVALUATION', 'PILOT']);
  expect(values('CreateInput')).toBeUndefined();
});
