import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { MAX_PAGE_SIZE } from '../../shared/pagination';

/** The request's variables over the operation's defaults. */
export function variableValues(
  document: DocumentNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  visit(document, {
    VariableDefinition(node) {
      if (node.defaultValue?.kind === Kind.INT)
        values[node.variable.name.value] = Number(node.defaultValue.value);
    },
  });
  return { ...values, ...variables };
}

/** The first `first`/`last` argument above the page-size limit, if any. */
export function oversizedPageArgument(
  document: DocumentNode,
  values: Record<string, unknown>,
): { name: string; value: number } | null {
  let found: { name: string; value: number } | null = null;
  visit(document, {
    Argument(node) {
      if (found || (node.name.value !== 'first' && node.name.value !== 'last')) return;
      const value = numberOf(node.value, values);
      if (value !== null && value > MAX_PAGE_SIZE) found = { name: node.name.value, value };
    },
  });
  return found;
}

/** An integer argument's value, literal or from the variables; null for anything else. */
export function numberOf(node: ValueNode, variables: Record<string, unknown>): number | null {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' ? value : null;
  }
  return null;
}
