import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { argumentPathOf } from './argument-paths';
import { notInEnum, type Refusal } from './refusal';

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
    // Where the variable is given, looked up in the document only for a refusal.
    const at = (): string => argumentPathOf(document, definition) ?? name;
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (value === undefined) {
      if (isNonNullType(type) && !definition.defaultValue)
        return { field: at(), message: `${at()}: a value of type ${String(type)} is required ($${name})` };
      continue;
    }
    const problem = problemIn(value, type, '');
    if (problem)
      return { field: `${at()}${problem.path}`, message: `${at()}${problem.path}: ${problem.reason}` };
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
