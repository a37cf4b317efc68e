import { Kind, visit, type ArgumentNode, type DocumentNode, type ValueNode } from 'graphql';
import { MAX_PAGE_SIZE } from '../../shared/pagination';

/**
 * What the page-size check reads of a document, found in one walk: the operations' integer
 * variable defaults, and every `first`/`last` argument in document order. Kept per parsed
 * document (Apollo Server reuses one per query text), so a request only applies its variables.
 */
interface PageArguments {
  defaults: Record<string, number>;
  arguments: ArgumentNode[];
}

const pageArgumentsOfDocument = new WeakMap<DocumentNode, PageArguments>();

function pageArgumentsOf(document: DocumentNode): PageArguments {
  let found = pageArgumentsOfDocument.get(document);
  if (!found) {
    const defaults: Record<string, number> = {};
    const pageArguments: ArgumentNode[] = [];
    visit(document, {
      VariableDefinition(node) {
        if (node.defaultValue?.kind === Kind.INT)
          defaults[node.variable.name.value] = Number(node.defaultValue.value);
      },
      Argument(node) {
        if (node.name.value === 'first' || node.name.value === 'last') pageArguments.push(node);
      },
    });
    found = { defaults, arguments: pageArguments };
    pageArgumentsOfDocument.set(document, found);
  }
  return found;
}

/** The request's variables over the operation's defaults. */
export function variableValues(
  document: DocumentNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  return { ...pageArgumentsOf(document).defaults, ...variables };
}

/** The first `first`/`last` argument above the page-size limit, if any. */
export function oversizedPageArgument(
  document: DocumentNode,
  values: Record<string, unknown>,
): { name: string; value: number } | null {
  for (const node of pageArgumentsOf(document).arguments) {
    const value = numberOf(node.value, values);
    if (value !== null && value > MAX_PAGE_SIZE) return { name: node.name.value, value };
  }
  return null;
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
