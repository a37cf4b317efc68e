import {
  BREAK,
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isScalarType,
  parse,
  print,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { pathOfValue } from './argument-paths';
import { notInEnum, type Refusal } from './refusal';

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
