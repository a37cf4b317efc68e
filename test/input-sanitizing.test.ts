import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { INPUT_BOUNDS } from '../shared/input-bounds';
import { startFederation, type Federation } from './federation';

/**
 * Every text input of every mutation, read from the published API schema, given a NUL, a
 * lone surrogate, text beyond its bound, an ANSI escape and — in names and titles — a
 * right-to-left override: each is BAD_USER_INPUT naming that field, and no SQL runs (so
 * nothing is written). The other inputs of the mutation get harmless values of their type.
 */
const schema = buildSchema(readFileSync(path.join(__dirname, '../schema/api.graphql'), 'utf8'));
const mutations = Object.values(schema.getMutationType()!.getFields());

interface TextInput {
  mutation: string;
  /** `input.title`, `input.awards[0].name`: as the refusal names it. */
  field: string;
  leaf: string;
  description: string;
  /** The mutation's arguments with `value` at this field. */
  args: (value: string) => Record<string, unknown>;
  /** The variable definitions of the operation. */
  variables: string;
}

/** A value of the type with every required part filled in; `at` (a path) gets `text`. */
function sample(type: GraphQLInputType, here: string, at: string, text: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [sample(inner.ofType, `${here}[0]`, at, text)];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const fieldPath = `${here}.${field.name}`;
      if (
        isNonNullType(field.type) ||
        at.startsWith(`${fieldPath}.`) ||
        at.startsWith(`${fieldPath}[`) ||
        at === fieldPath
      )
        value[field.name] = sample(field.type, fieldPath, at, text);
    }
    return value;
  }
  if (here === at) return text;
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isScalarType(inner)) {
    if (inner.name === 'Int' || inner.name === 'Float') return 1;
    if (inner.name === 'Boolean') return false;
  }
  return 'x';
}

/** Every String/ID input path below an argument or field. */
function textPaths(
  type: GraphQLInputType,
  here: string,
  leaf: string,
  seen: Set<string>,
): { path: string; leaf: string; description: string }[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return textPaths(inner.ofType, `${here}[0]`, leaf, seen);
  if (isInputObjectType(inner)) {
    if (seen.has(inner.name)) return [];
    return Object.values(inner.getFields()).flatMap((field: GraphQLInputField) =>
      textPaths(field.type, `${here}.${field.name}`, field.name, new Set([...seen, inner.name])).map((p) =>
        p.description ? p : { ...p, description: field.description ?? '' },
      ),
    );
  }
  const named = getNamedType(inner);
  return named.name === 'String' || named.name === 'ID' ? [{ path: here, leaf, description: '' }] : [];
}

const inputs: TextInput[] = mutations.flatMap((mutation) =>
  mutation.args.flatMap((argument: GraphQLArgument) =>
    textPaths(argument.type, argument.name, argument.name, new Set()).map(
      ({ path: field, leaf, description }) => ({
        mutation: mutation.name,
        field,
        leaf,
        description: description || (argument.description ?? ''),
        variables: mutation.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', '),
        args: (value: string) =>
          Object.fromEntries(
            mutation.args
              .filter(
                (a) =>
                  isNonNullType(a.type) ||
                  field === a.name ||
                  field.startsWith(`${a.name}.`) ||
                  field.startsWith(`${a.name}[`),
              )
              .map((a) => [a.name, sample(a.type, a.name, field, value)]),
          ),
      }),
    ),
  ),
);

const isName = (leaf: string): boolean => /^(name|title)$|[a-z](Name|Title)$/.test(leaf);

let federation: Federation;
let token: string;
beforeAll(async () => {
  federation = await startFederation({ seed: false });
  token = await federation.token('alliance:secretariat', 'SECRETARIAT', 'EDITOR', 'EXPERT');
});
afterAll(async () => {
  await federation.stop();
});

test('the schema has the mutations and text inputs the fuzzing found', () => {
  expect(mutations.length).toBeGreaterThan(10);
  expect(inputs.length).toBeGreaterThan(40);
});

const CASES: [string, (leaf: string) => string, (input: TextInput) => boolean, RegExp][] = [
  ['a NUL character', () => 'a\u0000b', () => true, /NUL/],
  ['a lone surrogate', () => 'award \uD83C', () => true, /lone surrogate/],
  [
    'text beyond its bound',
    (leaf) => 'x'.repeat((isName(leaf) ? INPUT_BOUNDS.nameLength : INPUT_BOUNDS.textLength) + 1),
    () => true,
    /at most \d+ characters/,
  ],
  ['an ANSI escape', () => 'red \u001b[31malert', () => true, /control/],
  [
    'a right-to-left override in a name or title',
    () => 'invoice\u202Etxt.exe',
    (input) => isName(input.leaf),
    /bidirectional/,
  ],
  [
    'the year 0',
    () => '0000-01-01',
    (input) => /YYYY-MM-DD/.test(input.description),
    /between 1900 and 2199/,
  ],
];

test.each(CASES)(
  '%s in any mutation text input is BAD_USER_INPUT naming the field, and runs no SQL',
  async (_case, text, applies, message) => {
    const failures: string[] = [];
    const selected = inputs.filter(applies);
    expect(selected.length).toBeGreaterThan(0);
    for (const input of selected) {
      const query = `mutation M(${input.variables}) { ${input.mutation}(${input.variables
        .split(', ')
        .map((v) => v.split(':')[0]!)
        .map((v) => `${v.slice(1)}: ${v}`)
        .join(', ')}) { __typename } }`;
      let response: Awaited<ReturnType<Federation['query']>> | undefined;
      const statements = await federation.statementsDuring(async () => {
        response = await federation.query(query, input.args(text(input.leaf)), token);
      });
      const error = response!.errors?.[0];
      const wrote = Object.entries(statements).filter(([, n]) => n > 0);
      if (
        error?.extensions?.code !== 'BAD_USER_INPUT' ||
        error.extensions.field !== input.field ||
        !message.test(error.message) ||
        wrote.length > 0
      )
        failures.push(
          `${input.mutation} ${input.field}: ${JSON.stringify(error ?? response!.data)} ${JSON.stringify(wrote)}`,
        );
    }
    expect(failures).toEqual([]);
  },
);

test('ordinary text passes the layer: a summary with new lines and a right-to-left title', async () => {
  const response = await federation.query(
    'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    {
      input: {
        code: 'AMA-2027-901',
        title: 'مشروع تجريبي',
        summary: 'line one\nline two',
        achievementId: 'none',
        leadEnterpriseId: 'none',
      },
    },
    token,
  );
  // Refused further on (there is no such achievement), not by the layer.
  expect(response.errors?.[0]?.extensions?.field).not.toMatch(/^input\.(title|summary)$/);
});
