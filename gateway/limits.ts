import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  visit,
  type ArgumentNode,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Environment } from '../shared/environment';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/pagination';

/** The bounds on one request, checked at the gateway before any subgraph is asked. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxDirectives: number;
  /** Hide "Did you mean …?" hints (production). */
  blockFieldSuggestions: boolean;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 10,
  maxAliases: 15,
  // The project board (100 projects with achievement, institute, enterprise, investments,
  // funds, bases and history) costs about 13,300.
  maxCost: 20000,
  maxTokens: 2000,
  maxDirectives: 30,
  blockFieldSuggestions: false,
};

/** graphql-armor's validation rules and plugins for these limits, plus the page-size rule. */
export function queryLimits(limits: QueryLimits): {
  plugins: ApolloServerPlugin[];
  validationRules: ReturnType<ApolloArmor['protect']>['validationRules'];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // armor's cost multiplies by `first` only when it is a literal; ours below reads variables too.
    costLimit: { enabled: false },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return {
    plugins: [...armor.plugins, pageAndCostLimit(limits.maxCost)],
    validationRules: armor.validationRules,
  };
}

/**
 * Refuses, with the variables applied and before the query is planned, `first`/`last`
 * above 100 anywhere in the operation, and operations whose cost exceeds `maxCost`. The
 * subgraphs enforce page sizes too, but by then SQL would have run for the rest.
 */
export function pageAndCostLimit(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          const values = variableValues(document, request.variables ?? {});
          const tooLarge = oversizedPageArgument(document, values);
          if (tooLarge) {
            throw new GraphQLError(
              `${tooLarge.name} must be at most ${MAX_PAGE_SIZE} (got ${tooLarge.value})`,
              {
                extensions: { code: 'BAD_USER_INPUT', field: tooLarge.name, http: { status: 400 } },
              },
            );
          }
          const cost = operation
            ? operationCost(
                operation.selectionSet,
                document,
                values,
                schema,
                schema.getRootType(operation.operation),
              )
            : 0;
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost limit of ${maxCost} exceeded (cost ${Math.ceil(cost)})`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

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

const SCALAR_COST = 1;
const OBJECT_COST = 2;
const DEPTH_FACTOR = 1.5;

/**
 * The cost of a selection, as graphql-armor counts it (a scalar 1, an object 2 plus 1.5×
 * its children, times its page size), but with page sizes given as variables counted too,
 * a page size left out counted at its default in the schema (`first: Int = 20`), and
 * fragments flattened. `rootType` (with the schema) lets it find those defaults.
 */
export function operationCost(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  values: Record<string, unknown>,
  schema?: GraphQLSchema,
  rootType?: GraphQLNamedType | null,
): number {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const typeNamed = (name: string | undefined, fallback: GraphQLNamedType | null): GraphQLNamedType | null =>
    (name ? schema?.getType(name) : undefined) ?? fallback;
  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType | null, seen: Set<string>): number =>
    set.selections.reduce((sum, selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return (
          sum + costOf(selection.selectionSet, typeNamed(selection.typeCondition?.name.value, parent), seen)
        );
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) return sum;
        const type = typeNamed(fragment.typeCondition.name.value, parent);
        return sum + costOf(fragment.selectionSet, type, new Set([...seen, fragment.name.value]));
      }
      if (!selection.selectionSet) return sum + SCALAR_COST;
      const field =
        parent && (isObjectType(parent) || isInterfaceType(parent))
          ? parent.getFields()[selection.name.value]
          : undefined;
      const page = pageSizeOf(selection.arguments ?? [], field?.args ?? [], values);
      const child = field ? getNamedType(field.type) : null;
      return sum + (OBJECT_COST + DEPTH_FACTOR * costOf(selection.selectionSet, child, seen)) * page;
    }, 0);
  return costOf(selectionSet, rootType ?? null, new Set());
}

/**
 * The page size a field is asked for: `first`/`last` as given, else their default, else the
 * default page of a field that takes a size, else 1.
 */
function pageSizeOf(
  given: readonly ArgumentNode[],
  declared: readonly GraphQLArgument[],
  values: Record<string, unknown>,
): number {
  let page = 1;
  let sized = false;
  for (const name of ['first', 'last']) {
    const argument = given.find((a) => a.name.value === name);
    const value = argument
      ? numberOf(argument.value, values)
      : declared.find((a) => a.name === name)?.defaultValue;
    if (typeof value === 'number') {
      page = Math.max(page, value);
      sized = true;
    }
  }
  // A connection pages both ways, so `first` has no default in the schema: asked without a
  // size it still answers the default page (shared/pagination.ts), and costs that.
  if (!sized && declared.some((a) => a.name === 'first' || a.name === 'last')) return DEFAULT_PAGE_SIZE;
  return page;
}

function numberOf(node: ValueNode, variables: Record<string, unknown>): number | null {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' ? value : null;
  }
  return null;
}

/** The limits configured in the environment. */
export function configuredLimits(env: Environment): Partial<QueryLimits> {
  return {
    maxDepth: env.QUERY_MAX_DEPTH,
    maxAliases: env.QUERY_MAX_ALIASES,
    maxCost: env.QUERY_MAX_COST,
    maxTokens: env.QUERY_MAX_TOKENS,
    maxDirectives: env.QUERY_MAX_DIRECTIVES,
  };
}
