import { BadUserInputError } from './errors';

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay-style forward pagination arguments. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A validated page request: how many rows, and the keyset position to continue after. */
export interface PageRequest<K> {
  limit: number;
  after: K | null;
}

/** A cursor is the sort key of a row: opaque to clients, base64url JSON inside. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K>(cursor: string, isKey: (value: unknown) => value is K): K {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isKey(value)) return value;
  } catch {
    // fall through to the client error below
  }
  throw new BadUserInputError('after is not a cursor this list returned', 'after');
}

/** Validates a page size: 1…100, 20 when absent. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return size;
}

/** Validates `first`/`after` of a connection. */
export function pageRequest<K>(args: PageArgs, isKey: (value: unknown) => value is K): PageRequest<K> {
  return { limit: pageSize(args.first), after: args.after ? decodeCursor(args.after, isKey) : null };
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
 * Builds a connection from `limit + 1` rows fetched after the cursor: the extra row only
 * tells whether another page exists.
 */
export function toConnection<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => unknown,
  totalCount: number,
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: false,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount,
  };
}

/** A cursor key of the common shape `[sortValue, id]`. */
export function isStringPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string');
}
