/**
 * The check of a candidate subgraph (`npm run subgraph:check`, gateway/check.ts): compose
 * it with the current subgraphs (`composition`), diff the API schema clients see
 * (`schema-changes`), warn of non-null fields that blank more than themselves
 * (`nullability`), refuse what it leaves undescribed (`descriptions`), and print the
 * verdict (`format`). With `--conformance`, probe a running candidate with good and bad
 * gateway proofs (`conformance`) and print which it wrongly accepted (`conformance-report`).
 */
export { checkSubgraph, type CheckReport } from './check';
export { type CompositionProblem, type SubgraphSdl } from './composition';
export { checkConformance, type ConformanceReport, type ProbeResult } from './conformance';
export { formatConformanceReport } from './conformance-report';
export { undescribedCoordinates } from './descriptions';
export { formatCheckReport } from './format';
export { loadSubgraphSdls } from './load';
export { type SchemaChange } from './schema-changes';
