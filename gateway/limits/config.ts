import type { Environment } from '../../shared/environment';

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
