/**
 * The check of a candidate subgraph (`npm run subgraph:check`, gateway/check.ts): compose
 * it with the current subgraphs (`composition`), diff the API schema clients see
 * (`schema-changes`), warn of non-null fields that blank more than themselves
 * (`nullability`), and print the verdict (`format`).
 */
export { checkSubgraph, type CheckReport } from './check';
export { type CompositionProblem, type SubgraphSdl } from './composition';
export { formatCheckReport } from './format';
export { loadSubgraphSdls } from './load';
export { type SchemaChange } from './schema-changes';
