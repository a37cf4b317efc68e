import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { MAX_PAGE_SIZE } from '../../shared/pagination';
import { MAX_SELECTIONS, type QueryLimits } from './config';
import { costDirectivesOf, type CostDirectives } from './cost-directives';
import { operationCost, type Cost } from './operation-cost';
import { oversizedPageArgument, variableValues } from './page-arguments';

/**
 * graphql-armor's settings for these limits, the one source for both gateways: Apollo
 * Server's (`ApolloArmor`, below) and Hive Gateway's (`EnvelopArmor`, gateway/hive/limits.ts).
 */
export function armorConfig(limits: QueryLimits): NonNullable<ConstructorParameters<typeof ApolloArmor>[0]> {
  return {
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
  };
}

/**
 * graphql-armor's validation rules and plugins for these limits, plus the page-size and cost
 * rule, and the parse options that bound tokens.
 */
export function queryLimits(limits: QueryLimits): {
  plugins: ApolloServerPlugin[];
  validationRules: ReturnType<ApolloArmor['protect']>['validationRules'];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor(armorConfig(limits)).protect();
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
          const refusal = pageOrCostRefusal({
            document,
            operation,
            variables: request.variables ?? {},
            schema,
            directives,
            maxCost,
            maxSelections,
          });
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** What {@link pageOrCostRefusal} reads: the operation as resolved, and the supergraph's directives. */
export interface OperationToPrice {
  document: DocumentNode;
  operation: OperationDefinitionNode | null | undefined;
  variables: Record<string, unknown>;
  schema: GraphQLSchema;
  directives: CostDirectives;
  maxCost: number;
  maxSelections?: number;
}

/**
 * Why an operation is refused, with its variables applied: a `first`/`last` above 100
 * anywhere (BAD_USER_INPUT), or a cost above `maxCost` (QUERY_COST_EXCEEDED); null when it
 * may run. Both gateways (Apollo Server's plugin below, gateway/hive/limits.ts) ask it
 * before any subgraph is.
 */
export function pageOrCostRefusal(priced: OperationToPrice): GraphQLError | null {
  const { document, operation, schema, directives, maxCost, maxSelections = MAX_SELECTIONS } = priced;
  const values = variableValues(document, priced.variables);
  const tooLarge = oversizedPageArgument(document, values);
  if (tooLarge) {
    return new GraphQLError(`${tooLarge.name} must be at most ${MAX_PAGE_SIZE} (got ${tooLarge.value})`, {
      extensions: { code: 'BAD_USER_INPUT', field: tooLarge.name, http: { status: 400 } },
    });
  }
  if (!operation) return null;
  const measured = operationCost(document, operation, { schema, values, directives, maxCost, maxSelections });
  return measured.exceeded ? costExceeded(measured, maxCost, maxSelections) : null;
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
