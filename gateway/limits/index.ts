/**
 * The bounds on one request, checked at the gateway before any subgraph is asked:
 * configuration (`config`), graphql-armor's depth, alias and directive rules with the
 * page-size and cost plugin (`plugin`), the arguments and variables that plugin reads
 * (`page-arguments`), the supergraph's demand-control directives (`cost-directives`) and
 * the cost model itself (`operation-cost`).
 */
export { DEFAULT_LIMITS, MAX_SELECTIONS, configuredLimits, type QueryLimits } from './config';
export { costDirectivesOf, type CostDirectives, type ListSize } from './cost-directives';
export { operationCost, type Cost, type CostOptions } from './operation-cost';
export { oversizedPageArgument, variableValues } from './page-arguments';
export {
  armorConfig,
  pageAndCostLimit,
  pageOrCostRefusal,
  queryLimits,
  type OperationToPrice,
} from './plugin';
