import DataLoader from 'dataloader';
import { columnsOf, type ColumnsKey } from './selected-columns';

/** Orders batch results like the keys DataLoader asked for; a missing row is null. */
export function inKeyOrder<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map<K, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups batch results by parent key in key order; a parent without children gets []. */
export function groupedInKeyOrder<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** A loader that fetches rows by id in one statement per batch. */
export function loaderById<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => inKeyOrder(ids, await fetch(ids), (row) => row.id));
}

/** A loader of children by parent key, one statement per batch. */
export function loaderOfChildren<T>(
  fetch: (parentKeys: readonly string[]) => Promise<T[]>,
  parentKeyOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => groupedInKeyOrder(keys, await fetch(keys), parentKeyOf));
}

/**
 * Loaders that also depend on an argument (a page size): one loader per argument value,
 * so a list that asks the same `first` for every parent still costs one statement.
 */
export function loaderFamily<A, L>(create: (arg: A) => L): (arg: A) => L {
  const loaders = new Map<A, L>();
  return (arg) => {
    let loader = loaders.get(arg);
    if (!loader) {
      loader = create(arg);
      loaders.set(arg, loader);
    }
    return loader;
  };
}

/**
 * Loaders of rows by id that read only some columns, one per column set: `columns` is a
 * key from `columnsAsked` (shared/selected-columns.ts), and `fetch` gets its property
 * names, or null for whole rows (`ALL_COLUMNS`). A row read this way has only those
 * properties set.
 */
export function loadersByIdOfColumns<T extends { id: string }>(
  fetch: (ids: readonly string[], columns: (keyof T & string)[] | null) => Promise<T[]>,
): (columns: ColumnsKey) => DataLoader<string, T | null> {
  return loaderFamily((columns: ColumnsKey) => loaderById((ids) => fetch(ids, columnsOf<T>(columns))));
}

/**
 * Loaders that depend on a page size and a column set (a `columnsAsked` key): one per pair,
 * `create` getting the property names, or null for whole rows.
 */
export function loadersOfLimitAndColumns<T, L>(
  create: (limit: number, columns: (keyof T & string)[] | null) => L,
): (limit: number, columns: ColumnsKey) => L {
  const family = loaderFamily((limit: number) =>
    loaderFamily((columns: ColumnsKey) => create(limit, columnsOf<T>(columns))),
  );
  return (limit, columns) => family(limit)(columns);
}

/**
 * A row a non-null field promises (a foreign key guarantees it, or the caller could only
 * reach the parent by seeing it): the loaders answer null for a missing or hidden id, which
 * GraphQL would refuse in a non-null field anyway. This says so in the types; should the
 * row be missing after all, the client gets the same masked error as GraphQL's null check
 * gives, and the log names the row. A row at hand (`keptOrLoad`) is answered at once.
 */
export function referenced<T>(row: Promise<T | null>, what: string): Promise<T>;
export function referenced<T>(row: T | null | Promise<T | null>, what: string): T | Promise<T>;
export function referenced<T>(row: T | null | Promise<T | null>, what: string): T | Promise<T> {
  return row instanceof Promise ? row.then((value) => present(value, what)) : present(row, what);
}

function present<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} is missing`);
  return value;
}

/** The values `loadAndKeep` kept, per loader (a request's loaders, so they go with it). */
const kept = new WeakMap<object, Map<unknown, unknown>>();

/**
 * Loads `key` as `loader.load` does, and keeps the value once it arrives, so that a
 * resolver running after that can have it without a promise (`keptOrLoad`).
 */
export async function loadAndKeep<K, V>(loader: DataLoader<K, V>, key: K): Promise<V> {
  const value = await loader.load(key);
  keep(loader, key, value);
  return value;
}

/**
 * Loads every distinct key of `keys` in one batch of `loader` and keeps each value, for
 * `keptOrLoad`: a parent's batch that needs its children's rows (a project's bookings, their
 * facilities) reads them once for all, and no child waits on a promise of its own. The
 * values found, without the keys' nulls.
 */
export async function loadManyAndKeep<K, V>(loader: DataLoader<K, V | null>, keys: K[]): Promise<V[]> {
  const distinct = [...new Set(keys)];
  const values = await loader.loadMany(distinct);
  const found: V[] = [];
  distinct.forEach((key, i) => {
    const value = values[i];
    if (value instanceof Error) throw value;
    keep(loader, key, value ?? null);
    if (value != null) found.push(value);
  });
  return found;
}

function keep<K, V>(loader: DataLoader<K, V>, key: K, value: V): void {
  let values = kept.get(loader);
  if (!values) kept.set(loader, (values = new Map()));
  values.set(key, value);
}

/**
 * The value `loadAndKeep` kept for `key`, as it is, or else `loader.load(key)`. A field that
 * answers a plain value lets graphql-js complete its object at once: a promise costs one
 * more turn per object, with its AsyncLocalStorage hook, which a batch of a hundred
 * entities pays a hundred times.
 */
export function keptOrLoad<K, V>(loader: DataLoader<K, V>, key: K): V | Promise<V> {
  const values = kept.get(loader);
  return values?.has(key) ? (values.get(key) as V) : loader.load(key);
}
