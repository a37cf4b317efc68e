import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  print,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLEnumType,
  type GraphQLFormattedError,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';

/**
 * graphql-js refuses a value of the wrong type (an unknown enum value, a string for an
 * Int) before any resolver runs, so the resolvers' BadUserInputError, which names the
 * field, never gets the chance: written inline the refusal is a validation error
 * (GRAPHQL_VALIDATION_FAILED), and in variables a BAD_USER_INPUT whose path hides in an
 * English message, behind the variable's name rather than the argument's. Here both
 * become BAD_USER_INPUT with `extensions.field` the argument path (`input.stage`, as the
 * resolvers name it) and a message that starts with that path and, for an enum, lists
 * its values (the input contract, also when introspection is off). Both are found from
 * structure, never by reading graphql-js's words: variables are checked against their
 * types before the gateway's executor coerces them (`variableCheck`), and a refused
 * literal's type is looked up in the document with TypeInfo (`withInputField`).
 */

/** A value refused before any resolver ran: the argument path and the whole message. */
export interface Refusal {
  field: string;
  message: string;
}

/**
 * Checks the request's variables against the operation's variable types, first among the
 * plugins, so a wrong value is refused with its path before the limits read the
 * variables and before the gateway's executor coerces them.
 */
export function variableCheck(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refusal = variableRefusal(schema, document, operation, request.variables ?? {});
          if (refusal)
            throw new GraphQLError(refusal.message, {
              extensions: { code: 'BAD_USER_INPUT', field: refusal.field, http: { status: 400 } },
            });
        },
      };
    },
  };
}

/** The first variable whose value its type refuses, named by the argument it is given to. */
export function variableRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Refusal | null {
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue; // validation refused an unknown type already
    const name = definition.variable.name.value;
    const at = argumentPathOf(document, definition) ?? name;
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (value === undefined) {
      if (isNonNullType(type) && !definition.defaultValue)
        return { field: at, message: `${at}: a value of type ${String(type)} is required ($${name})` };
      continue;
    }
    const problem = problemIn(value, type, '');
    if (problem) return { field: `${at}${problem.path}`, message: `${at}${problem.path}: ${problem.reason}` };
  }
  return null;
}

interface Problem {
  /** Below the variable: `.stage`, `[1]`, `.inner.stage`. */
  path: string;
  reason: string;
}

/** What is wrong with a variable's value at its first wrong place, as graphql-js would coerce it. */
function problemIn(value: unknown, type: GraphQLInputType, path: string): Problem | null {
  if (isNonNullType(type)) {
    if (value === null) return { path, reason: `must not be null (type ${String(type)})` };
    return problemIn(value, type.ofType, path);
  }
  if (value === null) return null;
  if (isListType(type)) {
    // A single value where a list is expected is taken as a list of one.
    if (!Array.isArray(value)) return problemIn(value, type.ofType, path);
    for (const [index, item] of value.entries()) {
      const problem = problemIn(item, type.ofType, `${path}[${index}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value))
      return { path, reason: `Expected an object of type "${type.name}".` };
    const given = value as Record<string, unknown>;
    const fields = type.getFields();
    const unknown = Object.keys(given).find((key) => !Object.hasOwn(fields, key));
    if (unknown !== undefined)
      return {
        path: `${path}.${unknown}`,
        reason: `Field "${unknown}" is not defined by type "${type.name}".`,
      };
    for (const field of Object.values(fields)) {
      const fieldPath = `${path}.${field.name}`;
      if (given[field.name] === undefined) {
        if (isNonNullType(field.type) && field.defaultValue === undefined)
          return {
            path: fieldPath,
            reason: `Field "${field.name}" of required type "${String(field.type)}" was not provided.`,
          };
        continue;
      }
      const problem = problemIn(given[field.name], field.type, fieldPath);
      if (problem) return problem;
    }
    return null;
  }
  if (isEnumType(type)) {
    if (typeof value === 'string' && type.getValue(value)) return null;
    return { path, reason: notInEnum(JSON.stringify(value), type) };
  }
  try {
    if (type.parseValue(value) !== undefined) return null;
  } catch (error) {
    // The scalar's own reason, e.g. `Int cannot represent non-integer value: "x"`.
    if (error instanceof Error) return { path, reason: error.message };
  }
  return { path, reason: `Expected a value of type "${type.name}".` };
}

function notInEnum(printed: string, type: GraphQLEnumType): string {
  const allowed = type.getValues().map((value) => value.name);
  return `Value ${printed} does not exist in "${type.name}" enum. Allowed values: ${allowed.join(', ')}.`;
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
 * A literal of the wrong type, e.g. `stage: FOO`, rewritten as BAD_USER_INPUT naming its
 * argument path (the only validation errors reported on a single leaf value). Any other
 * error comes back unchanged, and so does this one when the schema is not known yet.
 */
export function withInputField(
  formatted: GraphQLFormattedError,
  error: unknown,
  schema: GraphQLSchema | undefined,
): GraphQLFormattedError {
  if (!(error instanceof GraphQLError) || !schema) return formatted;
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' || !node?.loc) return formatted;
  if (!LEAF_VALUE_KINDS.includes(node.kind)) return formatted;
  const document = parsed(node.loc.source.body);
  const refusal = document && literalRefusal(schema, document, node as ValueNode);
  if (!refusal) return formatted;
  return {
    ...formatted,
    message: refusal.message,
    extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', field: refusal.field },
  };
}

/** The literal's argument path, and what its type (found with TypeInfo) says of it. */
function literalRefusal(schema: GraphQLSchema, document: DocumentNode, node: ValueNode): Refusal | null {
  const field = pathOfValue(document, node);
  const typeInfo = new TypeInfo(schema);
  let expected: GraphQLInputType | null | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      enter(visited) {
        if (visited.kind !== node.kind || visited.loc?.start !== node.loc?.start) return undefined;
        expected = typeInfo.getInputType();
        return BREAK;
      },
    }),
  );
  if (field === null || !expected) return null;
  const reason = literalReason(node, expected);
  return reason ? { field, message: `${field}: ${reason}` } : null;
}

function literalReason(node: ValueNode, expected: GraphQLInputType): string | null {
  if (node.kind === Kind.NULL) return `must not be null (type ${String(expected)})`;
  const named = getNamedType(expected);
  if (isEnumType(named)) {
    if (node.kind === Kind.ENUM) return notInEnum(`"${node.value}"`, named);
    const allowed = named.getValues().map((value) => value.name);
    return `Enum "${named.name}" takes a name without quotes, not ${print(node)}. Allowed values: ${allowed.join(', ')}.`;
  }
  if (!isScalarType(named)) return null;
  try {
    if (named.parseLiteral(node, undefined) !== undefined) return null;
  } catch (error) {
    if (error instanceof Error) return error.message;
  }
  return `Expected a value of type "${named.name}".`;
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
