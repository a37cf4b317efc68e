import type { Caller } from '../../shared/identity';
import { visibleAchievements } from './access';

/**
 * How many achievements a search without filters (or filtered by institute alone) ranks at
 * most: the window. Each indexable word of the query walks its own achievements heaviest
 * first (`achievement_term`, migration 1766900000000-search-window) and brings its share of
 * the window; only those candidates are read, tested against the whole query and ranked by
 * `ts_rank`. So a search reads at most this many achievements, however many hold its words.
 *
 * The window holds every match, and the search is exact (order and count as if every
 * achievement were ranked), when the walk ran out of achievements before the window did:
 * for a query whose every match holds all its words (no `or`), one word's walk running out
 * is enough; with `or`, every word's must.
 */
export const SEARCH_WINDOW = 600;

/** The query as a tsquery (the parameter `:query`). */
const QUERY = `websearch_to_tsquery('english', :query)`;

/** The query's indexable words, each with its share of the window (`:searchWindow`, shared evenly). */
const WORDS = `
  SELECT w.lexeme, CAST(:searchWindow AS integer) / count(*) OVER () AS quota
  FROM unnest(institutes.query_lexemes(${QUERY})) w(lexeme)`;

/**
 * Each word's heaviest achievements the caller may see, numbered (`n`), one more than its
 * share: a walk that ran out is told from one that filled its share. A word no visible
 * achievement holds keeps one row with a null id. From the index alone
 * (`achievement_term_walk_idx`).
 */
function walkSql(visible: string, instituteId: string | null): string {
  const ofInstitute = instituteId === null ? '' : ' AND t.institute_id = :windowInstitute';
  return `
    SELECT w.lexeme, w.quota, t.id, t.n
    FROM (${WORDS}) w
    LEFT JOIN LATERAL (
      SELECT t.id, row_number() OVER (ORDER BY t.impact DESC, t.id) AS n
      FROM institutes.achievement_term t
      WHERE t.lexeme = w.lexeme AND ${visible}${ofInstitute}
      ORDER BY t.impact DESC, t.id
      LIMIT w.quota + 1
    ) t ON true`;
}

/** The name the walk goes by in the statement (a common table expression: walked once, read twice). */
export const WALK = 'search_walk';

/** The SQL of a window search, and the parameters it takes besides `:query`. */
export interface SearchWindowSql {
  /** The walk, to add to the statement as the common table expression named `WALK`. */
  walk: string;
  /** The candidates' ids (`id`): the walks' achievements, or every achievement when the query has no indexable word. */
  candidates: string;
  /** A boolean: whether the candidates hold every visible match. */
  exact: string;
  params: Record<string, unknown>;
}

/**
 * The candidates of a search for this caller (within one institute's achievements, when
 * `instituteId` is given), and whether they are all its matches. A query without an
 * indexable word (only negated words, say) walks nothing: its candidates are all
 * achievements, read as before the window, and it is exact.
 */
export function searchWindowSql(caller: Caller, instituteId: string | null = null): SearchWindowSql {
  const visible = visibleAchievements(caller, 't');
  return {
    walk: walkSql(visible.sql, instituteId),
    candidates: `
      SELECT DISTINCT s.id FROM ${WALK} s WHERE s.n <= s.quota
      UNION ALL
      SELECT e.id FROM institutes.achievement e
      WHERE cardinality(institutes.query_lexemes(${QUERY})) = 0`,
    exact: `
      SELECT CASE
        WHEN count(*) = 0 THEN true
        WHEN institutes.query_needs_every_lexeme(${QUERY}) THEN bool_or(k.found <= k.quota)
        ELSE bool_and(k.found <= k.quota)
      END
      FROM (SELECT s.lexeme, s.quota, count(s.id) AS found FROM ${WALK} s GROUP BY s.lexeme, s.quota) k`,
    params: {
      ...visible.params,
      searchWindow: SEARCH_WINDOW,
      ...(instituteId === null ? {} : { windowInstitute: instituteId }),
    },
  };
}
