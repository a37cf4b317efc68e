import { BadUserInputError } from './errors';

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay-style pagination arguments: `first`/`after` forward, `last`/`before` backward. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A validated page request of a keyset-paginated list: how many rows, which way, and the
 * keyset position to continue from (after it forward, before it backward).
 */
export interface PageRequest<K> {
  limit: number;
  /** Paging backward (`last`/`before`): the rows just before the cursor, or the list's last rows. */
  backward: boolean;
  cursor: K | null;
  /** The ordering the cursors of this list belong to: a cursor of another ordering is refused. */
  ordering: string;
}

/**
 * A cursor is the ordering's name and the sort key of a row: opaque to clients, base64url
 * JSON inside. Naming the ordering makes a cursor of one order useless in another, where
 * it would silently skip or repeat rows.
 */
export function encodeCursor(key: unknown, ordering = ''): string {
  return Buffer.from(JSON.stringify([ordering, key])).toString('base64url');
}

/** The sort key inside a cursor of `ordering`; BAD_USER_INPUT naming `field` when it is not one. */
export function decodeCursor<K>(
  cursor: string,
  isKey: (value: unknown) => value is K,
  ordering = '',
  field: 'after' | 'before' = 'after',
): K {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value[0] === ordering && isKey(value[1])) {
      return value[1];
    }
  } catch {
    // fall through to the client error below
  }
  throw new BadUserInputError(`${field} is not a cursor this list returned in this order`, field);
}

/** Validates a page size: 1…100, 20 when absent; BAD_USER_INPUT naming `field`. */
export function pageSize(size: number | null | undefined, field: 'first' | 'last' = 'first'): number {
  const value = size ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`${field} must be between 1 and ${MAX_PAGE_SIZE}`, field);
  }
  return value;
}

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * Validates the arguments of a connection, before any SQL runs: `first`/`after` page
 * forward, `last`/`before` backward, and the two directions do not mix (BAD_USER_INPUT
 * naming the argument that mixes them).
 */
export function pageRequest<K>(
  args: PageArgs,
  isKey: (value: unknown) => value is K,
  ordering = '',
): PageRequest<K> {
  if (given(args.first) && given(args.last)) {
    throw new BadUserInputError('first and last cannot be used together: page one way at a time', 'last');
  }
  const backward = given(args.last) || (given(args.before) && !given(args.first));
  if (backward && given(args.after)) {
    throw new BadUserInputError('after pages forward: use before with last', 'after');
  }
  if (!backward && given(args.before)) {
    throw new BadUserInputError('before pages backward: use after with first', 'before');
  }
  const limit = backward ? pageSize(args.last, 'last') : pageSize(args.first, 'first');
  const cursor = backward ? args.before : args.after;
  return {
    limit,
    backward,
    cursor: cursor ? decodeCursor(cursor, isKey, ordering, backward ? 'before' : 'after') : null,
    ordering,
  };
}

/** One column (or expression) of a keyset order. */
export interface SortKey {
  /** The SQL expression compared with the cursor, e.g. `p.created_at`. */
  expr: string;
  /** What to ORDER BY when it differs from `expr` (a select alias). */
  orderBy?: string;
  descending: boolean;
  /** A cast for the cursor's value, e.g. `date` (the cursor carries text). */
  cast?: string;
}

/** The SQL of one keyset page: the condition past the cursor, the order to fetch in, and its parameters. */
export interface KeysetSql {
  /** `null` on the first page. */
  where: string | null;
  orderBy: { expr: string; direction: 'ASC' | 'DESC' }[];
  params: Record<string, unknown>;
}

/**
 * The keyset condition and fetch order of a page. Forward it fetches in the list's order
 * the rows after the cursor; backward it fetches in the reverse order the rows before the
 * cursor (and `toConnection` turns them back). When every key runs the same way the
 * condition is one row comparison, `(a, id) < ($1, $2)`, which an index on `(a, id)`
 * answers; a mixed order spells it out.
 */
export function keysetSql(
  sort: readonly SortKey[],
  page: PageRequest<readonly unknown[]>,
  prefix = 'cursor',
): KeysetSql {
  const descending = (key: SortKey) => key.descending !== page.backward;
  const orderBy = sort.map((key) => ({
    expr: key.orderBy ?? key.expr,
    direction: descending(key) ? ('DESC' as const) : ('ASC' as const),
  }));
  const { cursor } = page;
  if (!cursor) return { where: null, orderBy, params: {} };
  // isKey checked the cursor's shape against the list's key, which is this order's.
  if (cursor.length !== sort.length) {
    throw new Error(`A cursor of ${cursor.length} values for a keyset order of ${sort.length} keys`);
  }
  const params: Record<string, unknown> = {};
  const keys = sort.map((key, index) => {
    const name = `${prefix}${index}`;
    params[name] = cursor[index];
    return { ...key, value: key.cast ? `CAST(:${name} AS ${key.cast})` : `:${name}` };
  });
  const op = (key: SortKey) => (descending(key) ? '<' : '>');
  const [first, ...rest] = keys;
  if (!first) throw new Error('A keyset order needs at least one key');
  const uniform = rest.every((key) => descending(key) === descending(first));
  let where: string;
  if (uniform) {
    where = `(${keys.map((key) => key.expr).join(', ')}) ${op(first)} (${keys.map((key) => key.value).join(', ')})`;
  } else {
    const terms = keys.map((key, i) =>
      [...keys.slice(0, i).map((k) => `${k.expr} = ${k.value}`), `${key.expr} ${op(key)} ${key.value}`].join(
        ' AND ',
      ),
    );
    where = `(${terms.map((term) => `(${term})`).join(' OR ')})`;
  }
  return { where, orderBy, params };
}

/** The part of TypeORM's SelectQueryBuilder a keyset page needs. */
interface Pageable<Q> {
  andWhere(where: string, parameters?: Record<string, unknown>): Q;
  addOrderBy(sort: string, order?: 'ASC' | 'DESC'): Q;
  limit(limit?: number): Q;
}

/**
 * Restricts `query` to one keyset page: past the cursor, in fetch order, `limit + 1` rows
 * (the extra row only tells that more follow). Hand the rows to `toConnection`.
 */
export function applyKeyset<Q extends Pageable<Q>>(
  query: Q,
  sort: readonly SortKey[],
  page: PageRequest<readonly unknown[]>,
): Q {
  const sql = keysetSql(sort, page);
  if (sql.where) query.andWhere(sql.where, sql.params);
  for (const { expr, direction } of sql.orderBy) query.addOrderBy(expr, direction);
  return query.limit(page.limit + 1);
}

/** The part of TypeORM's SelectQueryBuilder a whole keyset page needs. */
interface Countable<Q, T> extends Pageable<Q> {
  clone(): Q;
  getCount(): Promise<number>;
  getMany(): Promise<T[]>;
}

/**
 * One keyset page of `query` and how many rows the whole filtered list holds: two
 * statements, whatever the page. Every repository's `page` is this over its own filter.
 */
export async function keysetPage<T, Q extends Countable<Q, T>>(
  query: Q,
  sort: readonly SortKey[],
  page: PageRequest<readonly unknown[]>,
  /** How to count the whole list when something cheaper than counting its rows knows (a tally). */
  count: () => Promise<number> = () => query.clone().getCount(),
): Promise<{ rows: T[]; total: number }> {
  const total = await count();
  const rows = await applyKeyset(query, sort, page).getMany();
  return { rows, total };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

/**
 * Builds a connection from the `limit + 1` rows of a keyset page, as fetched: the extra row
 * only tells whether another page exists in the paging direction. A backward page was
 * fetched in reverse and comes out in the list's order (Relay). As Relay allows, the
 * opposite direction is not looked up: `hasPreviousPage` is false forward, `hasNextPage`
 * false backward.
 */
export function toConnection<T>(
  rows: T[],
  page: Pick<PageRequest<unknown>, 'limit' | 'backward' | 'ordering'>,
  keyOf: (row: T) => unknown,
  totalCount: number,
): Connection<T> {
  const more = rows.length > page.limit;
  const nodes = rows.slice(0, page.limit);
  if (page.backward) nodes.reverse();
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node), page.ordering), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: !page.backward && more,
      hasPreviousPage: page.backward && more,
      startCursor: edges.at(0)?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/** A cursor key of the common shape `[sortValue, id]`. */
export function isStringPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string');
}
