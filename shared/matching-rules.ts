/**
 * How the alliance scores a match between a technology demand and an achievement, in
 * both directions (`TechnologyDemand.candidateAchievements` in institutes,
 * `Achievement.matchingDemands` in enterprises): the same rules, so a pair scores the
 * same whichever side asks. Pure; the enterprises subgraph imports it too.
 *
 * - An achievement below the demand's minimum TRL is never a candidate.
 * - Field: the best of the achievement's IPC codes against the demand's code, graded
 *   EXACT (the code, or inside the wanted subclass) > MAIN_GROUP > SUBCLASS > CLASS > NONE.
 * - Keywords: the share of the demand's keywords found in the achievement, as one of its
 *   keywords or in its title, summary or keywords under English stemming.
 * - score = FIELD_WEIGHT × level / 4 + KEYWORD_WEIGHT × matched / wanted, in [0, 1];
 *   a pair with score 0 is no candidate.
 *
 * `rankedMatchesSql` writes these rules as the SQL statement both subgraphs rank with, each
 * over its own tables, and `bestScoreMatchesSql` as the one that finds the pairs scoring the
 * most in rank order first (`bestFirst` runs the two); `searchWordsFunctionSql` is the SQL
 * helper both build the searched text with, so a keyword is found in the same words
 * whichever side asks.
 */
import { groupedInKeyOrder } from './loaders';

export const FIELD_WEIGHT = 0.4;
export const KEYWORD_WEIGHT = 0.6;
// The best-score walk takes "an exact field and every keyword" for the top score: true only
// while both weights count.
if (!(FIELD_WEIGHT > 0 && KEYWORD_WEIGHT > 0)) throw new Error('both matching weights must be above 0');

export const FIELD_MATCHES = ['EXACT', 'MAIN_GROUP', 'SUBCLASS', 'CLASS', 'NONE'] as const;
export type FieldMatch = (typeof FIELD_MATCHES)[number];

/** The level the SQL function `ipc_match_level` returns (4 = EXACT … 0 = NONE) as the API's enum. */
export function fieldMatchOf(level: number): FieldMatch {
  const match = FIELD_MATCHES[4 - Math.max(0, Math.min(4, Math.trunc(level)))];
  // Only NaN escapes the clamp: ipc_match_level answered something that is not a number.
  if (match === undefined) throw new Error(`ipc_match_level returned ${level}, not a level from 0 to 4`);
  return match;
}

export type MatchReasonKind = 'FIELD_MATCH' | 'KEYWORD_OVERLAP' | 'TRL_READY';

export interface MatchReason {
  kind: MatchReasonKind;
  detail: string;
}

/** What the matching SQL measured for one (demand, achievement) pair. */
export interface MatchFeatures {
  /** 0–4, from `ipc_match_level`. */
  level: number;
  /** The achievement's IPC code that met the demand's field best. */
  bestCode: string | null;
  /** The demand's IPC code. */
  wantedCode: string;
  /** The demand's keywords found in the achievement. */
  matchedKeywords: string[];
  /** How many keywords the demand has. */
  wantedKeywords: number;
  trl: number;
  minTrl: number;
}

const FIELD_DETAIL: Record<Exclude<FieldMatch, 'NONE'>, (code: string, wanted: string) => string> = {
  EXACT: (code, wanted) =>
    code === wanted ? `IPC ${code} is the wanted field` : `IPC ${code} lies in the wanted subclass ${wanted}`,
  MAIN_GROUP: (code, wanted) => `IPC ${code} shares the main group ${wanted.split('/')[0]}`,
  SUBCLASS: (code) => `IPC ${code} shares the subclass ${code.slice(0, 4)}`,
  CLASS: (code) => `IPC ${code} shares the class ${code.slice(0, 3)}`,
};

/** Why a pair matched, in plain words, strongest evidence first. */
export function reasonsFor(features: MatchFeatures): MatchReason[] {
  const reasons: MatchReason[] = [];
  const field = fieldMatchOf(features.level);
  if (field !== 'NONE' && features.bestCode) {
    reasons.push({
      kind: 'FIELD_MATCH',
      detail: FIELD_DETAIL[field](features.bestCode, features.wantedCode),
    });
  }
  if (features.matchedKeywords.length > 0) {
    reasons.push({
      kind: 'KEYWORD_OVERLAP',
      detail: `${features.matchedKeywords.length} of ${features.wantedKeywords} keywords: ${features.matchedKeywords.join(', ')}`,
    });
  }
  reasons.push({ kind: 'TRL_READY', detail: `TRL ${features.trl} meets the minimum TRL ${features.minTrl}` });
  return reasons;
}

/** What the matching SQL measured for one (demand, achievement) pair, with its score. */
export interface MatchRow extends MatchFeatures {
  demandId: string;
  achievementId: string;
  score: number;
}

/** Whose best matches a statement keeps: the candidates of each demand, or the demands of each achievement. */
export type RankedPer = 'demand' | 'achievement';

/**
 * The order among the matches of one demand (or achievement): best score first; among
 * equal scores a demand prefers the more mature achievement, then (both ways) the id, so
 * the order is total and pages are stable.
 */
const RANK_ORDER: Record<RankedPer, { partition: string; order: string }> = {
  demand: { partition: 'demand_id', order: 'score DESC, trl DESC, achievement_id' },
  achievement: { partition: 'achievement_id', order: 'score DESC, demand_id' },
};

/** Where a subgraph's matching statement reads the two sides of a pair from. */
export interface MatchingSources {
  /** The subgraph's schema, which holds its own copy of `ipc_match_level` (ipcMatchLevelFunctionSql). */
  schema: string;
  /** Common table expressions the sources use, without `WITH`: the side that travels as JSON. */
  inputs: string;
  /** Achievements, aliased `a`: id, trl, ipc_codes text[], keywords text[], search tsvector. */
  achievements: string;
  /** Demands, aliased `d`: id, ipc_code, keywords text[], min_trl. */
  demands: string;
  /** More conditions a pair must meet, on `a` and `d` (who may see the achievement, which demands still look). */
  condition: string;
  rankedPer: RankedPer;
  /**
   * Optional, for ranking per demand: the conditions indexes answer that split the pairs
   * able to score (`candidateConditionsSql`). They change no result; they spare grading
   * pairs that cannot score, and the field-only pairs when they cannot reach the top.
   */
  candidates?: CandidateConditions;
}

/**
 * The two kinds of pair that can score above 0, as conditions on `a` and `d` that indexes
 * answer. `keyword`: the pair has a keyword overlap. `field`: the achievement shares the
 * demand's IPC class, a field level of 1 or more. A pair meeting neither scores 0.
 */
export interface CandidateConditions {
  keyword: string;
  field: string;
}

/** A pair's score by the rules above, from the columns `level`, `matched` and `wanted`. */
const SCORE_SQL = `round(CAST(:fieldWeight AS numeric) * level / 4
                 + CAST(:keywordWeight AS numeric) * cardinality(matched) / greatest(wanted, 1), 4)`;

/**
 * The pairs that `from` joins (a FROM clause naming a demand `d` and an achievement `a`),
 * with everything the score rests on and the score. `keywords: false` is for pairs known to
 * share no keyword: their keyword overlap is empty without looking.
 */
function scoredPairsSql(sources: MatchingSources, from: string, keywords: boolean): string {
  return `
    SELECT pair.*, ${SCORE_SQL} AS score
    FROM (
      SELECT d.id AS demand_id, a.id AS achievement_id, a.trl, d.min_trl, d.ipc_code AS wanted_code,
             coalesce(field.level, 0) AS level, field.code AS best_code,
             ${keywords ? `coalesce(words.matched, '{}')` : `CAST('{}' AS text[])`} AS matched,
             cardinality(d.keywords) AS wanted
      FROM ${from}
      LEFT JOIN LATERAL (
        SELECT ${sources.schema}.ipc_match_level(c, d.ipc_code) AS level, c AS code
        FROM unnest(a.ipc_codes) c
        ORDER BY 1 DESC, 2
        LIMIT 1
      ) field ON true
      ${
        keywords
          ? `CROSS JOIN LATERAL (
        SELECT array_agg(w.k ORDER BY w.n) AS matched
        FROM unnest(d.keywords) WITH ORDINALITY AS w(k, n)
        WHERE w.k = ANY (a.keywords) OR a.search @@ plainto_tsquery('english', w.k)
      ) words`
          : ''
      }
    ) pair`;
}

/** Every pair of `demands` and the sources' achievements that meets `candidates` (or all that can be graded). */
function pairsOf(sources: MatchingSources, demands: string, candidates: string | null): string {
  return `${demands} d
      JOIN ${sources.achievements} a ON a.trl >= d.min_trl AND ${sources.condition}
        ${candidates ? `AND (${candidates})` : ''}`;
}

/**
 * True when the pair of `d` and `a` scores the most any pair can, FIELD_WEIGHT +
 * KEYWORD_WEIGHT: an exact field and every one of the demand's keywords found, by the same
 * tests the score uses (both weights above 0, and `ipc_match_level` never NULL). It stops at
 * the first keyword missing, so it costs less than grading the pair.
 */
function bestScoreSql(schema: string): string {
  return `cardinality(d.keywords) > 0
      AND EXISTS (SELECT 1 FROM unnest(a.ipc_codes) c WHERE ${schema}.ipc_match_level(c, d.ipc_code) = 4)
      AND NOT EXISTS (
        SELECT 1 FROM unnest(d.keywords) k
        WHERE (k = ANY (a.keywords) OR a.search @@ plainto_tsquery('english', k)) IS NOT TRUE)`;
}

/**
 * The pairs that can score, graded so that the work follows what can reach the top rather
 * than everything that shares a field. A pair without a shared keyword scores at most the
 * field weight (0.4, an exact field). So the pairs with a keyword overlap are graded first,
 * and the field-only pairs of a demand only when fewer than `:limit` of its keyword pairs
 * score above the field weight: otherwise none of them could enter its best `:limit` (a
 * field-only pair ties at most, and a tie goes to the keyword pair only when strictly above,
 * hence "above"). The answer is the same as grading every pair.
 */
function twoPhasePairsSql(sources: MatchingSources, candidates: CandidateConditions): string {
  return `
  keyword_pair AS (${scoredPairsSql(sources, pairsOf(sources, sources.demands, candidates.keyword), true)}
  ),
  unfilled AS MATERIALIZED (
    SELECT d.* FROM ${sources.demands} d
    WHERE (SELECT count(*) FROM keyword_pair k
           WHERE k.demand_id = d.id AND k.score > CAST(:fieldWeight AS numeric)) < :limit
  ),
  field_pair AS (${scoredPairsSql(
    sources,
    pairsOf(sources, 'unfilled', `(${candidates.field}) AND NOT coalesce(${candidates.keyword}, false)`),
    false,
  )}
  ),
  scored AS (SELECT * FROM keyword_pair UNION ALL SELECT * FROM field_pair)`;
}

/**
 * How the best-score walk goes for each way of ranking: which side it walks for each item
 * of the other, in the order that breaks ties among equal scores (RANK_ORDER without the
 * score), and what a walked row must meet before the best-score test. Per demand it walks
 * the achievements by TRL (descending), then id (`achievement_rank_idx`), and tests a
 * keyword overlap through the columns the demand's prefilter computed; per achievement it
 * walks the demands by id (their primary key).
 */
const WALKS: Record<
  RankedPer,
  (sources: MatchingSources) => {
    items: string;
    walked: string;
    alias: 'a' | 'd';
    reach: string;
    /** The walk's order, on the walked side's columns, and the same on the statement's rows. */
    order: string;
    rowOrder: string;
    test: string;
  }
> = {
  demand: (sources) => ({
    items: `${sources.demands} d`,
    walked: sources.achievements,
    alias: 'a',
    reach: 'a.trl >= d.min_trl',
    order: 'a.trl DESC, a.id',
    rowOrder: 'trl DESC, achievement_id',
    test: sources.candidates ? `(${sources.candidates.keyword}) AND ` : '',
  }),
  achievement: (sources) => ({
    items: `${sources.achievements} a`,
    walked: sources.demands,
    alias: 'd',
    reach: 'd.min_trl <= a.trl',
    order: 'd.id',
    rowOrder: 'demand_id',
    test: '',
  }),
};

/**
 * The statement that finds, per demand (or per achievement), the first `:limit` pairs in
 * rank order that score the most any pair can (`bestScoreSql`), graded, in rank order. For
 * an item with that many, they are its best `:limit`, the same answer as
 * `rankedMatchesSql`: no pair scores more, and among equal scores the rank goes by the order
 * in which the walk meets them (RANK_ORDER).
 *
 * For each item the walk reads the other side in that order (the rows the condition lets it
 * see, within reach of the TRL), tests each for the best score without grading it, and
 * stops at the `:limit`th found: its work follows the page and how densely the best matches
 * lie, not the number of pairs that share a keyword, which grows with the data. It reads at
 * most `:bestScoreWalk` rows per item; an item that finds fewer than `:limit` among them
 * gets fewer rows here, and its caller ranks it with `rankedMatchesSql` (`bestFirst`).
 */
export function bestScoreMatchesSql(sources: MatchingSources): string {
  const walk = WALKS[sources.rankedPer](sources);
  const { partition } = RANK_ORDER[sources.rankedPer];
  const { alias } = walk;
  return `
  WITH ${sources.inputs},
  best AS MATERIALIZED (
    SELECT ${alias === 'a' ? 'd.id AS demand_id, walk.id AS achievement_id' : 'walk.id AS demand_id, a.id AS achievement_id'}
    FROM ${walk.items}
    CROSS JOIN LATERAL (
      SELECT ${alias}.id
      FROM (
        SELECT ${alias}.* FROM ${walk.walked} ${alias}
        WHERE ${walk.reach} AND ${sources.condition}
        ORDER BY ${walk.order}
        LIMIT :bestScoreWalk
      ) ${alias}
      WHERE ${walk.test}${bestScoreSql(sources.schema)}
      ORDER BY ${walk.order}
      LIMIT :limit
    ) walk
  ),
  scored AS (${scoredPairsSql(
    sources,
    `best b
      JOIN ${sources.demands} d ON d.id = b.demand_id
      JOIN ${sources.achievements} a ON a.id = b.achievement_id`,
    true,
  )}
  )
  SELECT demand_id, achievement_id, score, level, best_code, matched, wanted, trl, min_trl, wanted_code
  FROM scored
  ORDER BY ${partition}, ${walk.rowOrder}`;
}

/**
 * The best `limit` matches of each item (a demand, or an achievement), in the order of
 * `items`, each item's best first: the best-score walk (`bestScoreMatchesSql`) answers the
 * items whose first `limit` in rank order all score the most, and `rank`
 * (`rankedMatchesSql`) the items it leaves open, in a second statement. A batch costs one
 * statement or two, whatever its size. `walk` null ranks every item (the tests' reference).
 * An id given twice is matched once, and its matches come once, at its first place.
 */
export async function bestFirst<T extends { id: string }>(
  given: readonly T[],
  limit: number,
  idOf: (row: MatchRow) => string,
  walk: ((items: readonly T[]) => Promise<MatchRow[]>) | null,
  rank: (items: readonly T[]) => Promise<MatchRow[]>,
): Promise<MatchRow[]> {
  const items = [...new Map(given.map((item) => [item.id, item])).values()];
  if (items.length === 0) return [];
  const idsOf = (list: readonly T[]) => list.map((item) => item.id);
  const best = walk ? groupedInKeyOrder(idsOf(items), await walk(items), idOf) : items.map(() => []);
  const open = items.filter((_, i) => best[i]!.length < limit);
  const ranked = open.length > 0 ? groupedInKeyOrder(idsOf(open), await rank(open), idOf) : [];
  // `open` keeps the items' order, so its groups come in the order the loop meets them.
  let nextOpen = 0;
  return best.flatMap((found) => (found.length >= limit ? found : ranked[nextOpen++]!));
}

/**
 * The statement that scores every pair of the sources by the rules above and keeps the
 * best `:limit` per demand (or per achievement), in one round trip for a whole batch. Its
 * parameters: `:fieldWeight` and `:keywordWeight` (MATCHING_WEIGHTS), `:limit`, and what
 * the sources name. Every row carries the columns `matchRowOf` reads.
 */
export function rankedMatchesSql(sources: MatchingSources): string {
  const { partition, order } = RANK_ORDER[sources.rankedPer];
  if (sources.candidates && sources.rankedPer !== 'demand') {
    throw new Error('candidate conditions grade the field-only pairs per demand: rank per demand');
  }
  const scored = sources.candidates
    ? twoPhasePairsSql(sources, sources.candidates)
    : `scored AS (${scoredPairsSql(sources, pairsOf(sources, sources.demands, null), true)}
  )`;
  return `
  WITH ${sources.inputs},
  ${scored},
  ranked AS (
    SELECT scored.*, row_number() OVER (PARTITION BY ${partition} ORDER BY ${order}) AS rank
    FROM scored
    WHERE score > 0
  )
  SELECT demand_id, achievement_id, score, level, best_code, matched, wanted, trl, min_trl, wanted_code
  FROM ranked
  WHERE rank <= :limit
  ORDER BY ${partition}, rank`;
}

/**
 * The two kinds of pair that can score, as conditions indexes answer: the achievement holds
 * one of the demand's keywords or its searched text contains one (a keyword overlap; GIN on
 * keywords and on the search vector), or it shares the demand's IPC class (a field level of 1
 * or more; `<schema>.ipc_classes`, GIN-indexed).
 *
 * They read two columns of `d` that `demandPrefilterColumnsSql` computes once per demand:
 * `ipc_class` and `any_keyword` (the demand's keywords as one OR-ed text query).
 */
export function candidateConditionsSql(schema: string): CandidateConditions {
  return {
    keyword: `a.keywords && d.keywords OR a.search @@ d.any_keyword`,
    field: `${schema}.ipc_classes(a.ipc_codes) && d.ipc_class`,
  };
}

/**
 * The two columns `candidateConditionsSql` reads, from a demand's IPC code and keywords:
 * its IPC class as a one-element array, and the OR of `plainto_tsquery('english', k)` over
 * its keywords (those that are all stop words left out; NULL when none remains).
 */
export function demandPrefilterColumnsSql(ipcCode: string, keywords: string): string {
  return `ARRAY[left(${ipcCode}, 3)] AS ipc_class,
      (SELECT CAST(string_agg('(' || CAST(q AS text) || ')', ' | ') AS tsquery)
         FROM unnest(${keywords}) k, plainto_tsquery('english', k) q
        WHERE numnode(q) > 0) AS any_keyword`;
}

/** How many rows the best-score walk reads per item before it leaves the item to ranking. */
export const BEST_SCORE_WALK = 1000;

/** The weights as `rankedMatchesSql` takes them. */
export const MATCHING_WEIGHTS = { fieldWeight: FIELD_WEIGHT, keywordWeight: KEYWORD_WEIGHT } as const;

/** A row of `rankedMatchesSql` as PostgreSQL returns it. */
export interface RawMatchRow {
  demand_id: string;
  achievement_id: string;
  /** numeric, as a decimal string. */
  score: string;
  level: number;
  best_code: string | null;
  matched: string[];
  wanted: number;
  trl: number;
  min_trl: number;
  wanted_code: string;
}

export function matchRowOf(row: RawMatchRow): MatchRow {
  return {
    demandId: row.demand_id,
    achievementId: row.achievement_id,
    score: Number(row.score),
    level: row.level,
    bestCode: row.best_code,
    matchedKeywords: row.matched,
    wantedKeywords: row.wanted,
    trl: row.trl,
    minTrl: row.min_trl,
    wantedCode: row.wanted_code,
  };
}

/**
 * Creates `<schema>.words(list text[])`: a keyword list as one text, to build the searched
 * text vector from (institutes keeps it as a generated column, enterprises builds it on the
 * fly for matching). array_to_string is only STABLE in general (it calls the element type's
 * output function), so neither a generated column nor an index may use it directly; on
 * text[] it is in fact immutable. A migration runs this text: never change it.
 */
export function searchWordsFunctionSql(schema: string): string {
  return `
      CREATE FUNCTION ${schema}.words(list text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string(list, ' ') $$`;
}
