import type { DataSource } from 'typeorm';
import { BadUserInputError } from './errors';
import type { ListBound } from './list-bounds';
import { boundedSize } from './list-bounds';

/**
 * The one search across the graph (`searchGraph`, docs/search-and-matching.md): each member
 * subgraph searches the records it owns with the statement `searchStatement` builds, and the
 * institutes subgraph merges their hits by score. Everything that makes scores comparable
 * across subgraphs lives here: the tokenizer every owner stores its tokens with, and the
 * scoring rule every owner's SQL computes.
 *
 * Tokens: lower-case Latin words and digits (a trailing plural `s` dropped, so `films` finds
 * `film`), and overlapping character bigrams of each run of Chinese characters (`光伏胶膜` →
 * `光伏 伏胶 胶膜`; a lone character is its own token). Chinese has no spaces, and neither
 * PGlite nor a stock PostgreSQL ships a Chinese parser; bigrams in a GIN-indexed `text[]`
 * need nothing beyond core SQL. A record matches when its tokens contain every token of the
 * query (`@>`), as web search needs every word.
 */

/** What `searchGraph` can find, one value per node type (SDL `SearchKind`). */
export const SEARCH_KINDS = [
  'ACHIEVEMENT',
  'INSTITUTE',
  'ENTERPRISE',
  'TECHNOLOGY_DEMAND',
  'PILOT_BASE',
  'FACILITY',
  'FUND',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * The score of a hit, 0–1: the share of the query's tokens found in its name (title, name,
 * Chinese name) × 0.6, in its tags (keywords, capabilities, products, fields, focus areas)
 * × 0.3 and in its text (summary, description) × 0.1, rounded to six places. No corpus
 * statistics: one owner's new rows never reorder another owner's hits.
 */
export const SEARCH_WEIGHTS = { name: 0.6, tags: 0.3, text: 0.1 } as const;

/** `text`: at most this many characters. */
export const SEARCH_TEXT_MAX = 200;
/** `first`: 20 hits by default, at most 50. */
export const SEARCH_HITS: ListBound = { default: 20, max: 50 };

/** A character the tokenizer keeps: a Latin letter, a digit or a Chinese character. */
const SEARCHABLE = /[A-Za-z0-9\u3400-\u9fff]/;

/** A validated search: the trimmed text, the page size and the kinds asked for (all when absent). */
export interface SearchRequest {
  text: string;
  first: number;
  kinds: SearchKind[];
}

/** Checks `searchGraph`'s arguments; each refusal is BAD_USER_INPUT naming the argument. */
export function searchRequest(
  text: string,
  first: number | null | undefined,
  kinds: readonly SearchKind[] | null | undefined,
): SearchRequest {
  const trimmed = text.trim();
  if (!trimmed) throw new BadUserInputError('text must not be empty', 'text');
  if (trimmed.length > SEARCH_TEXT_MAX) {
    throw new BadUserInputError(`text must be at most ${SEARCH_TEXT_MAX} characters`, 'text');
  }
  if (!SEARCHABLE.test(trimmed)) {
    throw new BadUserInputError('text must contain a Latin letter, a digit or a Chinese character', 'text');
  }
  if (kinds && kinds.length === 0) throw new BadUserInputError('kinds must not be empty', 'kinds');
  return {
    text: trimmed,
    first: boundedSize(first, SEARCH_HITS),
    kinds: kinds ? [...new Set(kinds)] : [...SEARCH_KINDS],
  };
}

/**
 * `<schema>.search_tokens(text)`: the tokenizer above as an IMMUTABLE SQL function, so a
 * generated column stores a record's tokens on every write (and fills them for existing rows
 * when the migration adds it), and the query's tokens come from the same code.
 */
export function searchTokensFunctionSql(schema: string): string {
  // Over a text[] (the parts of a record, NULLs skipped): `||` and ARRAY[] are immutable,
  // so a generated column can call it, where concat_ws and array_to_string cannot.
  return `
      CREATE FUNCTION ${schema}.search_tokens(parts text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT token ORDER BY token), '{}') FROM (
          SELECT CASE WHEN length(w) > 3 AND w ~ '[^s]s$' THEN left(w, -1) ELSE w END AS token
          FROM unnest(parts) doc,
               LATERAL regexp_matches(lower(doc), '[a-z0-9]+', 'g') m(p), LATERAL (SELECT p[1] AS w) x
          UNION ALL
          SELECT CASE WHEN length(r) = 1 THEN r ELSE substr(r, i, 2) END
          FROM unnest(parts) doc,
               LATERAL regexp_matches(doc, '[\\u3400-\\u9fff]+', 'g') m(p),
               LATERAL (SELECT p[1] AS r) x,
               LATERAL generate_series(1, greatest(length(r) - 1, 1)) i
        ) t
      $$`;
}

/** The parts of a record the score weighs apart (`SEARCH_WEIGHTS`). */
export type SearchField = keyof typeof SEARCH_WEIGHTS;

/** The stored token column of each part. */
const TOKEN_COLUMN: Record<SearchField, string> = {
  name: 'name_tokens',
  tags: 'tag_tokens',
  text: 'text_tokens',
};

const FIELD_ORDER: readonly SearchField[] = ['name', 'tags', 'text'];

/**
 * All tokens of a record: its parts' columns joined, in one order, so the query's condition
 * is the very expression the GIN index is built on (`searchColumnsSql`).
 */
function allTokens(fields: readonly SearchField[], alias?: string): string {
  const present = FIELD_ORDER.filter((field) => fields.includes(field));
  return `(${present.map((field) => (alias ? `${alias}.` : '') + TOKEN_COLUMN[field]).join(' || ')})`;
}

/**
 * A migration's statements that make a table searchable: a generated `text[]` column of
 * tokens for each part it has (`parts`: SQL `text[]` expressions over its columns, such as
 * `ARRAY[name, name_zh]` or `keywords`), so every write keeps them and existing rows get
 * them now, and a GIN index on all of them together.
 */
export function searchColumnsSql(
  schema: string,
  table: string,
  parts: Partial<Record<SearchField, string>>,
): string[] {
  const fields = FIELD_ORDER.filter((field) => parts[field]);
  return [
    `ALTER TABLE ${schema}.${table} ${fields
      .map(
        (field) =>
          `ADD COLUMN ${TOKEN_COLUMN[field]} text[] GENERATED ALWAYS AS (${schema}.search_tokens(${parts[field]})) STORED`,
      )
      .join(', ')}`,
    `CREATE INDEX ${table}_search_tokens_idx ON ${schema}.${table} USING gin (${allTokens(fields)})`,
  ];
}

/** The statement that undoes `searchColumnsSql` (dropping the columns drops the index). */
export function dropSearchColumnsSql(schema: string, table: string, fields: readonly SearchField[]): string {
  return `ALTER TABLE ${schema}.${table} ${fields.map((field) => `DROP COLUMN ${TOKEN_COLUMN[field]}`).join(', ')}`;
}

/**
 * One kind of record an owner searches, in a table `searchColumnsSql` made searchable.
 * Several sources may find the same node (an enterprise by its capabilities and by a
 * product): its best hit counts, once.
 */
export interface SearchSource {
  kind: SearchKind;
  /** The table, e.g. `institutes.achievement`. */
  table: string;
  /** Its alias in the statement, e.g. `a`. */
  alias: string;
  /** The node's id, e.g. `a.id` (a product's hit is its enterprise: `p.enterprise_id`). */
  id: string;
  /** The parts the table has token columns for. */
  fields: readonly SearchField[];
  /** A `text[]` of short texts the hit may show as its highlight: the one that covers most of the query. */
  highlights: string;
  /** The visibility rule, when the kind has one; its parameters go to `searchStatement`. */
  where?: string;
}

/** One hit as an owner returns it: `OwnSearchHit` in the SDL. */
export interface ScoredHit {
  kind: SearchKind;
  id: string;
  score: number;
  highlight: string | null;
}

/** An owner's hits: the best `first` of the kinds it was asked for, and how many match in all, per kind. */
export interface OwnerHits {
  hits: ScoredHit[];
  totals: { kind: SearchKind; count: number }[];
}

/** The share of the query's tokens (`q.tokens`) found in the tokens of `expr`. */
const coverage = (expr: string): string =>
  `CAST((SELECT count(*) FROM unnest(q.tokens) t WHERE t = ANY(${expr})) AS numeric) / cardinality(q.tokens)`;

function sourceSql(source: SearchSource, at: number): string {
  // Only stored tokens here: the tokenizer runs on a row when it is written, not per search.
  // Each part's share, as `coverage` computes it, all counted in one pass over the query's
  // tokens rather than one per part: the score is worked out for every match.
  const score = `(SELECT round(${FIELD_ORDER.filter((field) => source.fields.includes(field))
    .map(
      (field) =>
        `${SEARCH_WEIGHTS[field]} * CAST(count(*) FILTER (WHERE t = ANY(${source.alias}.${TOKEN_COLUMN[field]})) AS numeric) / cardinality(q.tokens)`,
    )
    .join(' + ')}, 6) FROM unnest(q.tokens) t)`;
  return `SELECT CAST('${source.kind}' AS text) AS kind, ${source.id} AS id, ${score} AS score,
      ${source.highlights} AS highlights, ${at} AS source
    FROM ${source.table} ${source.alias}, q
    WHERE cardinality(q.tokens) > 0 AND ${allTokens(source.fields, source.alias)} @> q.tokens${
      source.where ? ` AND ${source.where}` : ''
    }`;
}

/**
 * (The SQL avoids `::` casts: TypeORM would read `::text` as the parameter `:text`.)
 *
 * An owner's search in one SQL statement, whatever the page size and however many kinds it
 * owns: the sources asked for, merged, best first (ties by kind, then id: the order
 * `mergeHits` keeps across owners), with each kind's total over all its matches.
 * A query without tokens finds nothing rather than everything.
 */
export async function searchStatement(
  db: DataSource,
  schema: string,
  sources: SearchSource[],
  request: { text: string; first: number; kinds: readonly SearchKind[] },
  params: Record<string, unknown> = {},
): Promise<OwnerHits> {
  const asked = sources.filter((source) => request.kinds.includes(source.kind));
  if (asked.length === 0) return { hits: [], totals: [] };
  // The highlight is the short text covering most of the query, first listed on a tie, none
  // when only the long text matched; tokenized for the page's hits only.
  const sql = `
    WITH q AS (SELECT ${schema}.search_tokens(ARRAY[CAST(:text AS text)]) AS tokens),
    found AS (${asked.map((source, at) => sourceSql(source, at)).join('\n UNION ALL ')}),
    hits AS (${
      oneRowPerNode(asked)
        ? 'SELECT kind, id, score, highlights FROM found'
        : 'SELECT DISTINCT ON (kind, id) kind, id, score, highlights FROM found ORDER BY kind, id, score DESC, source'
    }),
    page AS (
      SELECT kind, id, score, highlights FROM hits
      ORDER BY score DESC, kind COLLATE "C", id COLLATE "C"
      LIMIT :first
    )
    SELECT kind, id, score,
      (SELECT h FROM unnest(page.highlights) WITH ORDINALITY u(h, n)
        WHERE ${schema}.search_tokens(ARRAY[h]) && q.tokens
        ORDER BY ${coverage(`${schema}.search_tokens(ARRAY[h])`)} DESC, n LIMIT 1) AS highlight,
      (SELECT json_object_agg(kind, n) FROM (SELECT kind, count(*) AS n FROM hits GROUP BY kind) c) AS totals
    FROM page, q
    ORDER BY score DESC, kind COLLATE "C", id COLLATE "C"`;
  const [statement, values] = db.driver.escapeQueryWithParameters(sql, {
    ...params,
    text: request.text,
    first: request.first,
  });
  const rows = await db.query<
    {
      kind: SearchKind;
      id: string;
      score: string;
      highlight: string | null;
      totals: string | Partial<Record<SearchKind, number>>;
    }[]
  >(statement, values);
  // Every row carries the totals of all kinds (also of those none of whose hits made the
  // page); no row means nothing matched.
  const counted = rows[0]?.totals ?? {};
  const byKind = (typeof counted === 'string' ? JSON.parse(counted) : counted) as Partial<
    Record<SearchKind, number>
  >;
  return {
    hits: rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      score: Number(row.score),
      highlight: row.highlight,
    })),
    // Each kind once, though several sources may find it (an enterprise by a product).
    totals: [...new Set(asked.map((source) => source.kind))].map((kind) => ({
      kind,
      count: Number(byKind[kind] ?? 0),
    })),
  };
}

/**
 * Whether each node can be found only once: every kind has one source, and each source's
 * node is its own row (`id` is the row's key, not an enterprise's id on its product). Then
 * no hit needs setting aside for a better one of the same node, and the matches need no sort.
 */
function oneRowPerNode(sources: readonly SearchSource[]): boolean {
  const kinds = new Set(sources.map((source) => source.kind));
  return kinds.size === sources.length && sources.every((source) => source.id === `${source.alias}.id`);
}

/** The best `first` of several owners' hits: by score, ties by kind, then id. */
export function mergeHits(lists: ScoredHit[][], first: number): ScoredHit[] {
  return lists
    .flat()
    .sort((a, b) => b.score - a.score || compare(a.kind, b.kind) || compare(a.id, b.id))
    .slice(0, first);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An UPDATE that gives the rows with these ids a value (a migration's Chinese names for the
 * demo records a database already holds; a row the database lacks is skipped).
 */
export function fillByIdSql(table: string, column: string, values: Record<string, string>): string {
  const rows = Object.entries(values)
    .map(([id, value]) => `(${quoted(id)}, ${quoted(value)})`)
    .join(', ');
  return `UPDATE ${table} t SET ${column} = v.value FROM (VALUES ${rows}) v(id, value) WHERE t.id = v.id`;
}

const quoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;
