import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  visit,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
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
  // The project board (100 projects with achievement, institute, enterprise and up to 20
  // investments with their funds) costs 6,501; ten copies of it cost 65,010 (docs/security.md).
  maxCost: 20000,
  maxTokens: 2000,
  maxDirectives: 30,
  blockFieldSuggestions: false,
};

/**
 * The most fields an operation may select once its fragments are expanded (however many
 * rows each returns). A document under the token limit selects at most ~2,000 fields
 * written out; only fragments spread many times reach this, and the query planner's work
 * grows with the expanded selection, not with the document.
 */
export const MAX_SELECTIONS = 10_000;

/**
 * graphql-armor's validation rules and plugins for these limits, plus the page-size and cost
 * rule, and the parse options that bound tokens.
 */
export function queryLimits(limits: QueryLimits): {
  plugins: ApolloServerPlugin[];
  validationRules: ReturnType<ApolloArmor['protect']>['validationRules'];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // armor's cost is exponential in fragments and knows no list sizes; ours is below.
    costLimit: { enabled: false },
    // armor's token plugin parses the document again in `parsingDidStart`, where anything
    // thrown (its own refusal, and every syntax error) is an unexpected fault: HTTP 500
    // without a request id. graphql-js's parser counts tokens itself (`parseOptions`), so
    // both are Apollo Server's ordinary GRAPHQL_PARSE_FAILED, HTTP 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }).protect();
  return {
    plugins: [...armor.plugins, pageAndCostLimit(limits.maxCost)],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/**
 * Refuses, with the variables applied and before the query is planned, `first`/`last`
 * above 100 anywhere in the operation, and operations whose cost exceeds `maxCost`
 * (`QUERY_COST_EXCEEDED`). The subgraphs enforce page sizes and list bounds too, but by
 * then SQL would have run for the rest. List sizes come from the `@listSize` directives
 * of the supergraph the gateway serves, read again at every schema update.
 */
export function pageAndCostLimit(maxCost: number, maxSelections = MAX_SELECTIONS): ApolloServerPlugin {
  let directives: CostDirectives = { listSizes: new Map(), weights: new Map() };
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          if (coreSupergraphSdl) directives = costDirectivesOf(coreSupergraphSdl);
        },
      };
    },
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
          if (!operation) return;
          const measured = operationCost(document, operation, {
            schema,
            values,
            directives,
            maxCost,
            maxSelections,
          });
          if (measured.exceeded) throw costExceeded(measured, maxCost, maxSelections);
        },
      };
    },
  };
}

function costExceeded(measured: Cost, maxCost: number, maxSelections: number): GraphQLError {
  const tooWide = measured.selections > maxSelections;
  const message = tooWide
    ? `The operation selects more than ${maxSelections} fields once its fragments are expanded. ` +
      'Spread fragments fewer times.'
    : `The operation's cost is at least ${Math.ceil(measured.cost)}, above the limit of ${maxCost}. ` +
      'Each list is counted at its page size (`first`/`last`, or its default): ask for smaller ' +
      'pages, fewer nested lists or fewer aliased copies, and page through with `after`.';
  return new GraphQLError(message, {
    extensions: {
      code: 'QUERY_COST_EXCEEDED',
      cost: Math.ceil(measured.cost),
      maxCost,
      ...(tooWide ? { selections: measured.selections, maxSelections } : {}),
      http: { status: 400 },
    },
  });
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

/** How a list field is sized: Federation's `@listSize` (demand-control spec). */
export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** The demand-control directives of a supergraph: `@listSize` and `@cost`, by `Type.field` (or `Type`). */
export interface CostDirectives {
  listSizes: Map<string, ListSize>;
  weights: Map<string, number>;
}

const LIST_SIZE_DIRECTIVES = new Set(['listSize', 'cost__listSize', 'federation__listSize']);
const COST_DIRECTIVES = new Set(['cost', 'cost__cost', 'federation__cost']);

/** Reads `@listSize` and `@cost` from a (super)graph's SDL. */
export function costDirectivesOf(sdl: string): CostDirectives {
  const listSizes = new Map<string, ListSize>();
  const weights = new Map<string, number>();
  const weightOf = (directives: readonly DirectiveNode[] | undefined): number | undefined => {
    const cost = directives?.find((d) => COST_DIRECTIVES.has(d.name.value));
    const weight = cost?.arguments?.find((a) => a.name.value === 'weight')?.value;
    return weight?.kind === Kind.INT ? Number(weight.value) : undefined;
  };
  for (const definition of parse(sdl).definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeWeight = weightOf(definition.directives);
    if (typeWeight !== undefined) weights.set(typeName, typeWeight);
    if (!('fields' in definition) || !definition.fields) continue;
    for (const field of definition.fields) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const key = `${typeName}.${field.name.value}`;
      const weight = weightOf(field.directives);
      if (weight !== undefined) weights.set(key, weight);
      const listSize = field.directives?.find((d) => LIST_SIZE_DIRECTIVES.has(d.name.value));
      if (listSize) listSizes.set(key, listSizeOf(listSize));
    }
  }
  return { listSizes, weights };
}

function listSizeOf(directive: DirectiveNode): ListSize {
  const size: ListSize = {};
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    const strings =
      value.kind === Kind.LIST
        ? value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []))
        : value.kind === Kind.STRING
          ? [value.value]
          : [];
    if (argument.name.value === 'assumedSize' && value.kind === Kind.INT)
      size.assumedSize = Number(value.value);
    if (argument.name.value === 'slicingArguments') size.slicingArguments = strings;
    if (argument.name.value === 'sizedFields') size.sizedFields = strings;
  }
  return size;
}

/** An operation's measured cost, and how many fields it selects once fragments are expanded. */
export interface Cost {
  cost: number;
  selections: number;
  /** True when the cost or the selections passed their limit: then both are lower bounds. */
  exceeded: boolean;
}

export interface CostOptions {
  schema?: GraphQLSchema;
  values?: Record<string, unknown>;
  directives?: CostDirectives;
  maxCost?: number;
  maxSelections?: number;
}

/** Slicing arguments assumed where no `@listSize` names them; and what a connection sizes. */
const PAGE_ARGUMENTS = ['first', 'last'];
const CONNECTION_LISTS = ['edges', 'nodes'];

class LimitPassed extends Error {
  constructor(readonly cost: number) {
    super('limit passed');
  }
}

/**
 * The cost of an operation, after the demand-control model of GraphQL Federation (and IBM's
 * GraphQL Cost Directives spec): a field returning an object (or interface, union) costs 1,
 * a scalar or enum 0 (`@cost(weight:)` overrides either), and a list multiplies the cost of
 * one element by its size. The size of a list is its slicing argument (`first`/`last`) as
 * given (literal or variable), else that argument's default, else its `@listSize(assumedSize:)`,
 * else 20. A connection (an object field with `first`/`last`) sizes its `edges`/`nodes`.
 *
 * Linear in the document: each fragment is priced once per type and sizing context, and
 * reused at every spread. It stops as soon as the cost passes `maxCost` or the expanded
 * selection passes `maxSelections` (every cost is ≥ 0 and every size ≥ 1, so a part's cost
 * never exceeds the whole's).
 */
export function operationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  options: CostOptions = {},
): Cost {
  const { schema, values = {}, directives, maxCost = Infinity, maxSelections = Infinity } = options;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const memo = new Map<string, { cost: number; selections: number }>();
  const pricing = new Set<string>();
  let selections = 0;
  let largest = 0;
  const count = (n: number): void => {
    selections += n;
    if (selections > maxSelections) throw new LimitPassed(largest);
  };
  const check = (cost: number): number => {
    largest = Math.max(largest, cost);
    if (cost > maxCost) throw new LimitPassed(cost);
    return cost;
  };
  const typeNamed = (name: string | undefined, fallback: GraphQLNamedType | null): GraphQLNamedType | null =>
    (name ? schema?.getType(name) : undefined) ?? fallback;

  /** `sized`: the children of a connection that its page size applies to, and that size. */
  interface Sizing {
    fields: readonly string[];
    size: number;
  }
  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType | null, sized: Sizing | null): number => {
    let sum = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = typeNamed(selection.typeCondition?.name.value, parent);
        sum = check(sum + costOf(selection.selectionSet, type, sized));
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const type = typeNamed(fragment.typeCondition.name.value, parent);
        const key = `${fragment.name.value}|${type?.name ?? ''}|${sized ? `${sized.fields.join()}:${sized.size}` : ''}`;
        let priced = memo.get(key);
        if (!priced) {
          // Valid documents have no fragment cycles (validation ran first); a cycle costs nothing more.
          if (pricing.has(key)) continue;
          pricing.add(key);
          const before = selections;
          const cost = costOf(fragment.selectionSet, type, sized);
          priced = { cost, selections: selections - before };
          memo.set(key, priced);
          pricing.delete(key);
        } else {
          count(priced.selections);
        }
        sum = check(sum + priced.cost);
      } else {
        count(1);
        sum = check(sum + fieldCost(selection, parent, sized));
      }
    }
    return sum;
  };

  const fieldCost = (selection: FieldNode, parent: GraphQLNamedType | null, sized: Sizing | null): number => {
    const field =
      parent && (isObjectType(parent) || isInterfaceType(parent))
        ? parent.getFields()[selection.name.value]
        : undefined;
    const key = field && parent ? `${parent.name}.${field.name}` : '';
    const named = field ? getNamedType(field.type) : null;
    const composite = named ? isCompositeType(named) : Boolean(selection.selectionSet);
    const weight =
      directives?.weights.get(key) ??
      (named ? directives?.weights.get(named.name) : undefined) ??
      (composite ? 1 : 0);
    const listSize = directives?.listSizes.get(key);
    const slicing = listSize?.slicingArguments ?? PAGE_ARGUMENTS;
    const isList = field ? isListType(getNullableType(field.type)) : false;
    const sliced =
      field?.args.some((a) => slicing.includes(a.name)) ??
      (selection.arguments ?? []).some((a) => slicing.includes(a.name.value));
    let size = 1;
    let childSizing: Sizing | null = null;
    if (sized?.fields.includes(selection.name.value)) {
      size = sized.size;
    } else if (isList || listSize || sliced) {
      const n = sizeOf(selection.arguments ?? [], field?.args ?? [], slicing, listSize, values);
      // Without a schema, a field with a page size is taken for a list.
      const connection = field ? !isList || (listSize?.sizedFields?.length ?? 0) > 0 : false;
      if (connection) childSizing = { fields: listSize?.sizedFields ?? CONNECTION_LISTS, size: n };
      else size = n;
    }
    const children = selection.selectionSet ? costOf(selection.selectionSet, named, childSizing) : 0;
    return check(size * (weight + children));
  };

  try {
    const root = schema?.getRootType(operation.operation) ?? null;
    return { cost: costOf(operation.selectionSet, root, null), selections, exceeded: false };
  } catch (error) {
    if (!(error instanceof LimitPassed)) throw error;
    return { cost: error.cost, selections, exceeded: true };
  }
}

/** A list's size: its slicing arguments as given, else their defaults, else its assumed size, else 20. */
function sizeOf(
  given: readonly ArgumentNode[],
  declared: readonly GraphQLArgument[],
  slicing: readonly string[],
  listSize: ListSize | undefined,
  values: Record<string, unknown>,
): number {
  let size: number | null = null;
  for (const name of slicing) {
    const argument = given.find((a) => a.name.value === name);
    const value = argument
      ? numberOf(argument.value, values)
      : declared.find((a) => a.name === name)?.defaultValue;
    if (typeof value === 'number') size = Math.max(size ?? 1, value);
  }
  return Math.max(1, size ?? listSize?.assumedSize ?? DEFAULT_PAGE_SIZE);
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
