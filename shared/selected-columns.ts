import {
  Kind,
  getArgumentValues,
  isObjectType,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { DataSource, EntityTarget } from 'typeorm';
import { boundedSize, type ListBound } from './list-bounds';

/**
 * The fields a resolver's selection asks of an object of `typename`: the fields of its
 * selection set, through inline fragments and named fragment spreads. A fragment on
 * another object type is left out; one on an interface or union is followed (it may apply).
 * `@skip`/`@include` are not evaluated: a field they might leave out still counts, which can
 * only read more than needed.
 */
export function fieldsAskedOf(info: GraphQLResolveInfo, typename: string): Set<string> {
  return new Set(fieldNodesAskedOf(info, typename).map((node) => node.name.value));
}

/**
 * The field nodes of a resolver's selection on an object of `typename` (all of them, or
 * those of the field `name`), found as `fieldsAskedOf` finds the fields.
 */
export function fieldNodesAskedOf(info: GraphQLResolveInfo, typename: string, name?: string): FieldNode[] {
  const nodes: FieldNode[] = [];
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (name === undefined || selection.name.value === name) nodes.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(info, selection.typeCondition?.name.value, typename)) walk(selection.selectionSet);
      } else {
        const fragmentName = selection.name.value;
        const fragment = info.fragments[fragmentName];
        if (visited.has(fragmentName) || !fragment) continue;
        visited.add(fragmentName);
        if (applies(info, fragment.typeCondition.name.value, typename)) walk(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return nodes;
}

/**
 * The field `name` of `typename` as its resolver will see it below this selection, when it
 * is asked under one name (so one resolver call per object, with these field nodes): this
 * resolve info with the field's nodes in place of its own, to work out the field's columns
 * (`columnsAsked`), arguments or fields below from.
 * Null when it is not asked, or asked under several names. Kept per selection, so that the
 * same nodes, and `columnsAsked`'s memo, serve every object of a list.
 */
export function fieldAskedOnce(
  info: GraphQLResolveInfo,
  typename: string,
  name: string,
): GraphQLResolveInfo | null {
  let below = askedOnceBefore.get(info.fieldNodes);
  if (!below) askedOnceBefore.set(info.fieldNodes, (below = new Map<string, GraphQLResolveInfo | null>()));
  const key = `${typename}.${name}`;
  let asked = below.get(key);
  if (asked === undefined) {
    const nodes = fieldNodesAskedOf(info, typename, name);
    const names = new Set(nodes.map((node) => node.alias?.value ?? name));
    asked = names.size === 1 ? { ...info, fieldNodes: nodes } : null;
    below.set(key, asked);
  }
  return asked;
}

/**
 * The list field `name` of `typename` as `fieldAskedOnce` finds it, with the size its
 * `first` argument asks (the request's variables in place) within `bound`: what a parent's
 * `__resolveReference` needs to read the list for a whole batch. Null when the list is not
 * asked, is asked under several names, or asks a size the bound refuses (the field's own
 * resolver then says so).
 */
export function listAskedOnce(
  info: GraphQLResolveInfo,
  typename: string,
  name: string,
  bound: ListBound,
): { limit: number; info: GraphQLResolveInfo } | null {
  const asked = fieldAskedOnce(info, typename, name);
  if (!asked) return null;
  const field = (info.schema.getType(typename) as GraphQLObjectType).getFields()[name]!;
  try {
    // graphql-js merges the nodes of one name, which must then have the same arguments.
    const { first } = getArgumentValues(field, asked.fieldNodes[0]!, info.variableValues) as {
      first?: number | null;
    };
    return { limit: boundedSize(first, bound), info: asked };
  } catch {
    return null;
  }
}

const askedOnceBefore = new WeakMap<
  GraphQLResolveInfo['fieldNodes'],
  Map<string, GraphQLResolveInfo | null>
>();

/**
 * `work` done once per selection: every object of a list shares its field's nodes, so what a
 * resolver derives from its selection alone (`historyAsked`, `facilityAsked`) is worked out
 * for the first object and reused for the rest.
 */
export function perSelection<T>(work: (info: GraphQLResolveInfo) => T): (info: GraphQLResolveInfo) => T {
  const done = new WeakMap<GraphQLResolveInfo['fieldNodes'], T>();
  return (info) => {
    if (done.has(info.fieldNodes)) return done.get(info.fieldNodes)!;
    const value = work(info);
    done.set(info.fieldNodes, value);
    return value;
  };
}

/** Whether a fragment on `condition` can apply to an object of `typename`. */
function applies(info: GraphQLResolveInfo, condition: string | undefined, typename: string): boolean {
  if (condition === undefined || condition === typename) return true;
  // Another object type never applies; an interface or union might.
  return !isObjectType(info.schema.getType(condition));
}

/**
 * Which columns (entity properties) each field of a GraphQL type reads, for loading only
 * those: `always` are read whatever is asked (the key, and what loaders group by), `fields`
 * the rest by field name. A field not listed reads every column, so a resolver added later
 * is safe until it is listed; a listed field must name every property its resolver reads
 * (`test/selected-columns.test.ts` asks each listed field alone and compares).
 */
export interface ColumnsOfFields<Entity> {
  typename: string;
  always: readonly (keyof Entity & string)[];
  fields: Readonly<Record<string, readonly (keyof Entity & string)[]>>;
}

/**
 * A column set as a loader key. Only `columnsAsked` and `ALL_COLUMNS` make one, so the
 * property names it carries always come from a plan, never from a request's text.
 */
export type ColumnsKey = string & { readonly __columnsKey: unique symbol };

/** Every column: the loaders' key for whole rows. */
export const ALL_COLUMNS = '*' as ColumnsKey;

/**
 * The columns a selection reads, as a loader key: the sorted property names joined by
 * commas, or `ALL_COLUMNS` when it asks a field the plan does not list. Equal selections
 * give equal keys, so a request reads each column set of a type in one statement.
 */
export function columnsAsked<Entity>(plan: ColumnsOfFields<Entity>, info: GraphQLResolveInfo): ColumnsKey {
  // Every entity of a list shares its field's nodes: the walk is done once per list.
  let keys = askedBefore.get(info.fieldNodes);
  if (!keys) {
    keys = new Map<ColumnsOfFields<never>, ColumnsKey>();
    askedBefore.set(info.fieldNodes, keys);
  }
  let key = keys.get(plan);
  if (key === undefined) keys.set(plan, (key = keyOf(plan, info)));
  return key;
}

/** The keys already worked out, per field nodes (one request's document) and plan. */
const askedBefore = new WeakMap<GraphQLResolveInfo['fieldNodes'], Map<ColumnsOfFields<never>, ColumnsKey>>();

function keyOf<Entity>(plan: ColumnsOfFields<Entity>, info: GraphQLResolveInfo): ColumnsKey {
  const columns = new Set<string>(plan.always);
  for (const field of fieldsAskedOf(info, plan.typename)) {
    if (field === '__typename') continue;
    const read = plan.fields[field];
    if (!read) return ALL_COLUMNS;
    for (const column of read) columns.add(column);
  }
  return [...columns].sort().join(',') as ColumnsKey;
}

/** A loader key back into property names; null for every column. */
export function columnsOf<Entity>(key: ColumnsKey): (keyof Entity & string)[] | null {
  return key === ALL_COLUMNS ? null : (key.split(',') as (keyof Entity & string)[]);
}

/**
 * Column types whose values the driver returns, in a raw statement, exactly as TypeORM
 * hydrates them into an entity: text, booleans, `numeric` as its decimal text, `timestamptz`
 * as a `Date`, text arrays as arrays (the types of the entities read this way, which the
 * test compares). A `date` is not (the driver gives a `Date`, TypeORM its `YYYY-MM-DD`
 * text), nor anything with a transformer.
 */
const PLAIN_TYPES: ReadonlySet<unknown> = new Set(['text', 'boolean', 'numeric', 'timestamptz']);

/**
 * The raw statement that reads an entity's rows by id, as `SELECT "column" AS "property", …`,
 * or null when a column it reads is not plain (then TypeORM reads and hydrates the rows).
 * Kept per entity and column set: the metadata walk is done once.
 */
export function rawSelectByIds(
  db: DataSource,
  entity: EntityTarget<unknown>,
  columns: readonly PropertyKey[] | null,
): string | null {
  const metadata = db.getMetadata(entity);
  let statements = rawStatements.get(metadata);
  if (!statements) rawStatements.set(metadata, (statements = new Map<string, string | null>()));
  const key = columns ? columns.join(',') : '*';
  let statement = statements.get(key);
  if (statement === undefined) {
    const chosen = columns
      ? columns.map((property) => metadata.findColumnWithPropertyName(String(property)))
      : metadata.columns;
    const id = metadata.findColumnWithPropertyName('id');
    const plain =
      id !== undefined &&
      chosen.length > 0 &&
      chosen.every(
        (column) =>
          column !== undefined &&
          PLAIN_TYPES.has(column.type) &&
          !column.transformer &&
          !column.embeddedMetadata &&
          !column.relationMetadata,
      );
    const quoted = (name: string) => db.driver.escape(name);
    statement = plain
      ? `SELECT ${chosen.map((column) => `${quoted(column!.databaseName)} AS ${quoted(column!.propertyName)}`).join(', ')}
         FROM ${metadata.tablePath.split('.').map(quoted).join('.')} WHERE ${quoted(id.databaseName)} = ANY($1)`
      : null;
    statements.set(key, statement);
  }
  return statement;
}

const rawStatements = new WeakMap<object, Map<string, string | null>>();

/**
 * Rows of an entity by id, in one statement; with `columns`, only those properties are read
 * and set (the repositories' `findByIds` behind `loadersByIdOfColumns`). The rows are the
 * driver's own objects when every column read is plain (`PLAIN_TYPES`): TypeORM's
 * hydration cost about 2.7 µs a row, which an `_entities` batch of a hundred paid per row
 * (docs/performance.md). `test/selected-columns.test.ts` checks both ways read alike.
 */
export async function rowsByIds<Entity extends { id: string }>(
  db: DataSource,
  entity: EntityTarget<Entity>,
  ids: readonly string[],
  columns: readonly (keyof Entity)[] | null,
): Promise<Entity[]> {
  const raw = rawSelectByIds(db, entity, columns);
  if (raw !== null) return db.query<Entity[]>(raw, [ids]);
  return hydratedRowsByIds(db, entity, ids, columns);
}

/** `rowsByIds` through TypeORM's query builder and hydration, whatever the column types. */
export function hydratedRowsByIds<Entity extends { id: string }>(
  db: DataSource,
  entity: EntityTarget<Entity>,
  ids: readonly string[],
  columns: readonly (keyof Entity)[] | null,
): Promise<Entity[]> {
  const query = db.createQueryBuilder(entity, 'row').where('row.id = ANY(:ids)', { ids });
  if (columns) query.select(columns.map((column) => `row.${String(column)}`));
  return query.getMany();
}

/**
 * The select list of a raw statement: each property's SQL expression (`expressions`, e.g.
 * `project_id AS "projectId"`), for the properties `columns` names, or for all of them.
 */
export function selectList<Entity>(
  expressions: Record<keyof Entity, string>,
  columns: readonly (keyof Entity)[] | null,
): string {
  const chosen = columns ?? (Object.keys(expressions) as (keyof Entity)[]);
  return chosen.map((column) => expressions[column]).join(', ');
}
