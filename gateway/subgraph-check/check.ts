import { compose, type CompositionProblem, type SubgraphSdl } from './composition';
import { undescribedCoordinates } from './descriptions';
import { nullabilityWarnings } from './nullability';
import { schemaChanges, type SchemaChange } from './schema-changes';

/** What `checkSubgraph` found: `ok` is false on any composition problem or breaking change. */
export interface CheckReport {
  candidate: string;
  /** True when the candidate is a new version of a subgraph already in the config. */
  replaces: boolean;
  /** The subgraphs composed with the candidate. */
  others: string[];
  /** The current subgraphs do not compose by themselves: nothing to compare against. */
  baselineProblems: CompositionProblem[];
  /** The candidate does not compose with the current subgraphs. */
  compositionProblems: CompositionProblem[];
  /** The API schema's changes, breaking first. */
  changes: SchemaChange[];
  /**
   * Non-null fields whose loss blanks more than themselves: fields the candidate adds to
   * entities other subgraphs own (when the candidate is down GraphQL nulls the whole
   * entity, the owner's data too), references from the candidate's types to entities other
   * subgraphs own, and root query fields (a non-null one that fails nulls the `data` of
   * every query that asks for it). The contract asks for nullable ones. Reported, not refused.
   */
  warnings: string[];
  /**
   * What the candidate defines without a description (`RegisteredPatent.holder`,
   * `Query.registeredPatent(number:)`): the contract requires one on every type, field,
   * argument, enum value and input field, so any of these refuses the candidate.
   */
  undescribed: string[];
  ok: boolean;
}

/**
 * Composes a candidate subgraph with the current ones and compares the API schema (what
 * clients of the gateway see) before and after; checks that it describes all it defines. A candidate named like a current
 * subgraph replaces it; any other name joins. Removing a field or an enum value that was
 * `@deprecated` is reported as dangerous rather than breaking: that is the deprecation
 * policy of docs/integrators.md.
 */
export async function checkSubgraph(current: SubgraphSdl[], candidate: SubgraphSdl): Promise<CheckReport> {
  const others = current.filter((s) => s.name !== candidate.name);
  const report: CheckReport = {
    candidate: candidate.name,
    replaces: others.length < current.length,
    others: others.map((s) => s.name),
    baselineProblems: [],
    compositionProblems: [],
    changes: [],
    warnings: [],
    undescribed: [],
    ok: false,
  };
  const before = compose(current);
  if (!before.ok) {
    report.baselineProblems = before.problems;
    return report;
  }
  const after = compose([...others, candidate]);
  if (!after.ok) {
    report.compositionProblems = after.problems;
    return report;
  }
  report.changes = await schemaChanges(before.api, after.api);
  report.warnings = nullabilityWarnings(candidate, others);
  // It parsed, or it would not have composed.
  report.undescribed = undescribedCoordinates(candidate.sdl);
  report.ok = !report.changes.some((c) => c.level === 'BREAKING') && !report.undescribed.length;
  return report;
}
