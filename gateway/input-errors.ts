import {
  GraphQLError,
  Kind,
  isEnumType,
  parse,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';

/** The values of an enum type, by the type's name; undefined when there is no such enum. */
export type EnumValuesOf = (typeName: string) => readonly string[] | undefined;

/** Looks enum values up in the schema of the moment (the gateway's changes as subgraphs do). */
export function enumValuesIn(schema: () => GraphQLSchema | undefined): EnumValuesOf {
  return (typeName) => {
    const type = schema()?.getType(typeName);
    return isEnumType(type) ? type.getValues().map((value) => value.name) : undefined;
  };
}

/**
 * graphql-js refuses a value of the wrong type (an unknown enum value, a string for an
 * Int) before any resolver runs, so the resolvers' BadUserInputError, which names the
 * field, never gets the chance. Written inline the refusal is a validation error
 * (GRAPHQL_VALIDATION_FAILED) and in variables a BAD_USER_INPUT whose path hides in the
 * message, behind the variable's name rather than the argument's. This rewrites both as
 * BAD_USER_INPUT with `extensions.field` the argument path (`input.stage`, as the
 * resolvers name it) and a message that starts with that path and, for an enum, lists
 * its values. "Did you mean" is dropped: the list replaces it, and the gateway hides
 * suggestions in production. Any other error comes back unchanged.
 */
export function withInputField(
  formatted: GraphQLFormattedError,
  error: unknown,
  enumValues?: EnumValuesOf,
): GraphQLFormattedError {
  if (!(error instanceof GraphQLError)) return formatted;
  const refusal = inlineRefusal(formatted, error) ?? variableRefusal(formatted, error);
  if (!refusal) return formatted;
  return {
    ...formatted,
    message:
      refusal.reason === null ? formatted.message : describe(refusal.field, refusal.reason, enumValues),
    extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', field: refusal.field },
  };
}

interface Refusal {
  field: string;
  /** graphql-js's reason, or null to keep the message as it is. */
  reason: string | null;
}

/** The leaf values ValuesOfCorrectTypeRule refuses on the value itself. */
const LEAF_VALUE_KINDS: readonly string[] = [
  Kind.ENUM,
  Kind.STRING,
  Kind.INT,
  Kind.FLOAT,
  Kind.BOOLEAN,
  Kind.NULL,
];

/**
 * A literal of the wrong type, e.g. `stage: FOO`: the only validation errors reported on
 * a single leaf value. Its path is found by locating the value in the parsed query.
 */
function inlineRefusal(formatted: GraphQLFormattedError, error: GraphQLError): Refusal | null {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' || !node?.loc) return null;
  if (!LEAF_VALUE_KINDS.includes(node.kind)) return null;
  const document = parsed(node.loc.source.body);
  const field = document && pathOfValue(document, node);
  return field ? { field, reason: reasonOf(error) } : null;
}

/**
 * A variable graphql-js could not coerce: `Variable "$input" got invalid value "FOO" at
 * "input.stage"; …` (or a required variable left out). Its path is the argument the
 * variable is given to, followed by the path inside the variable from the message.
 */
function variableRefusal(formatted: GraphQLFormattedError, error: GraphQLError): Refusal | null {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (formatted.extensions?.code !== 'BAD_USER_INPUT' || node?.kind !== Kind.VARIABLE_DEFINITION) return null;
  const document = node.loc && parsed(node.loc.source.body);
  if (!document) return null;
  const name = node.variable.name.value;
  const invalid = error.message.startsWith(`Variable "$${name}" got invalid value `);
  const inner = invalid ? pathInVariable(error.message, name) : '';
  const reason = invalid ? reasonOf(error) : null;
  const field = `${argumentPathOf(document, node) ?? name}${inner}${reason ? fieldNamedBy(reason) : ''}`;
  return { field, reason };
}

/** `.stage` from `… at "input.stage"; …` (graphql-js exposes the path only in the message). */
function pathInVariable(message: string, variable: string): string {
  // The value before it is printed with JSON-escaped strings, so a quote in a value can
  // not pass for the one that opens the path.
  const at = new RegExp(
    `^Variable "\\$${variable}" got invalid value .*? at "${variable}((?:\\.\\w+|\\[\\d+\\])*)"; `,
    's',
  );
  return at.exec(message)?.[1] ?? '';
}

/**
 * `.title` for "Field "title" of required type … was not provided" and "Field "title" is
 * not defined by type …": graphql-js reports those at the object, the field is more exact.
 */
function fieldNamedBy(reason: string): string {
  const field = /^Field "(\w+)" (?:of required type|is not defined by type) /.exec(reason)?.[1];
  return field ? `.${field}` : '';
}

/**
 * graphql-js's own words for what is wrong with the value: the scalar's or the enum's
 * error, which Apollo Server keeps as the original error (unlike the message, it is not
 * prefixed with the variable and its whole value).
 */
function reasonOf(error: GraphQLError): string {
  const original = error.originalError instanceof GraphQLError ? error.originalError : error;
  return original.message.replace(/\s*Did you mean [\s\S]*$/, '');
}

const ENUM_REFUSALS = [
  /^Value ".*" does not exist in "(\w+)" enum\./s,
  /^Enum "(\w+)" cannot represent non-(?:enum|string) value: /,
];

function describe(field: string, reason: string, enumValues?: EnumValuesOf): string {
  const enumName = ENUM_REFUSALS.map((pattern) => pattern.exec(reason)?.[1]).find(Boolean);
  const allowed = enumName ? enumValues?.(enumName) : undefined;
  return allowed ? `${field}: ${reason} Allowed values: ${allowed.join(', ')}.` : `${field}: ${reason}`;
}

/** The query again, with the tree the error's nodes no longer give (they have no parents). */
function parsed(body: string): DocumentNode | null {
  try {
    return parse(body);
  } catch {
    return null;
  }
}

/**
 * The argument path of the value at the node's place in the document: `input.stage` for
 * `createProject(input: { stage: FOO })`, `ids[1]` for `projects(ids: ["a", 2])`. In a
 * variable's default value, the path of the argument the variable is given to.
 */
function pathOfValue(document: DocumentNode, target: ASTNode): string | null {
  const isTarget = (value: ValueNode): boolean =>
    value.kind === target.kind && value.loc?.start === target.loc?.start;
  let found: string | null = null;
  visit(document, {
    Argument(argument) {
      found ??= pathTo(argument.value, argument.name.value, isTarget);
    },
    VariableDefinition(definition) {
      const inner = definition.defaultValue ? pathTo(definition.defaultValue, '', isTarget) : null;
      if (inner !== null)
        found ??= `${argumentPathOf(document, definition) ?? definition.variable.name.value}${inner}`;
    },
  });
  return found;
}

/**
 * Where the variable is given: the path of its first use in its operation, else in a
 * fragment (which the operation may spread), e.g. `input` for `createProject(input: $i)`.
 */
function argumentPathOf(document: DocumentNode, definition: VariableDefinitionNode): string | null {
  const isVariable = (value: ValueNode): boolean =>
    value.kind === Kind.VARIABLE && value.name.value === definition.variable.name.value;
  const start = definition.loc?.start ?? -1;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && !!d.loc && d.loc.start <= start && start < d.loc.end,
  );
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const scope of [...(operation ? [operation] : []), ...fragments]) {
    let found: string | null = null;
    visit(scope, {
      Argument(argument) {
        found ??= pathTo(argument.value, argument.name.value, isVariable);
      },
    });
    if (found !== null) return found;
  }
  return null;
}

/** The path, below `path`, of the first value in `value` that `matches`: `.stage`, `[2]`. */
function pathTo(value: ValueNode, path: string, matches: (value: ValueNode) => boolean): string | null {
  if (matches(value)) return path;
  const children: [string, ValueNode][] =
    value.kind === Kind.LIST
      ? value.values.map((item, index) => [`${path}[${index}]`, item])
      : value.kind === Kind.OBJECT
        ? value.fields.map((field) => [`${path}.${field.name.value}`, field.value])
        : [];
  for (const [childPath, child] of children) {
    const found = pathTo(child, childPath, matches);
    if (found !== null) return found;
  }
  return null;
}
