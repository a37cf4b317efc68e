import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A count kept as rows change instead of counted on every read: a tally table holding, per
 * group of a table's columns, how many rows there are (and, if asked, the sum of some of
 * their numeric columns), and the row trigger that moves a
 * row from its old group to its new one in the writing transaction — whoever writes (the
 * services, seeds, bulk inserts, other triggers). A figure over the whole table then sums
 * a few tally rows, whatever the number of rows.
 *
 * Writers take a transaction-level advisory lock before touching the tally — one for the
 * whole tally, or one per value of `lockBy` — so two transactions never wait on each
 * other's tally rows in a cycle; the price is that writes under one lock commit one after
 * the other. `lockBy` must be a column a row never changes in practice (a row moving from
 * one value to another takes both locks, and two moving in opposite directions could
 * deadlock, which PostgreSQL would break by failing one).
 */
export interface TallyDefinition {
  /** The PostgreSQL schema of both tables. */
  schema: string;
  /** The counted table. */
  table: string;
  /** The tally table to create. */
  tally: string;
  /** The counted table's (NOT NULL) columns that form a group, with their SQL types. */
  groupBy: { column: string; type: string }[];
  /** The group column whose values get a lock each (writers of different values do not queue); else one lock. */
  lockBy?: string;
  /**
   * The counted table's (NOT NULL) numeric columns also summed per group: the tally gets a
   * column of the same name and type holding the group's exact sum.
   */
  sums?: { column: string; type: string }[];
}

/** The statements that create a tally, fill it from the rows already there, and keep it. */
export function createTallySql(definition: TallyDefinition): string[] {
  const { schema, table, tally, groupBy } = definition;
  const sums = definition.sums ?? [];
  const columns = groupBy.map((g) => g.column);
  const summed = sums.map((s) => s.column);
  const list = columns.join(', ');
  const add = `${schema}.add_to_${tally}`;
  const params = [
    ...groupBy.map((g, i) => `p${i} ${g.type}`),
    'delta integer',
    ...sums.map((s, i) => `s${i} ${s.type}`),
  ].join(', ');
  const matches = columns.map((c, i) => `${c} = p${i}`).join(' AND ');
  const values = [...columns.map((_, i) => `p${i}`), 'delta', ...summed.map((_, i) => `s${i}`)].join(', ');
  const of = (row: 'OLD' | 'NEW', names = columns) => names.map((c) => `${row}.${c}`).join(', ');
  // The arguments after the group: the row count's delta, then each sum's, signed alike.
  const deltas = (row: 'OLD' | 'NEW', sign: '' | '-') =>
    [`${sign}1`, ...summed.map((c) => `${sign}${row}.${c}`)].join(', ');
  const watched = [...columns, ...summed];
  const stored = [...columns, 'row_count', ...summed].join(', ');
  const lockKey = definition.lockBy === undefined ? undefined : columns.indexOf(definition.lockBy);
  if (lockKey === -1) throw new Error(`lockBy ${definition.lockBy} is not a group column of ${tally}`);
  const lock =
    lockKey === undefined
      ? `pg_advisory_xact_lock(hashtext('${schema}.${tally}'))`
      : `pg_advisory_xact_lock(hashtext('${schema}.${tally}'), hashtext(p${lockKey}::text))`;
  return [
    `CREATE TABLE ${schema}.${tally} (
       ${[
         ...groupBy.map((g) => `${g.column} ${g.type} NOT NULL`),
         `row_count integer NOT NULL CONSTRAINT ${tally}_not_negative CHECK (row_count >= 0)`,
         ...sums.map((s) => `${s.column} ${s.type} NOT NULL`),
         `PRIMARY KEY (${list})`,
       ].join(',\n       ')}
     )`,
    `COMMENT ON TABLE ${schema}.${tally} IS
       'How many rows of ${schema}.${table} are in each (${list}) group${summed.length > 0 ? ` and the sum of their ${summed.join(', ')}` : ''}; kept by the trigger ${table}_keeps_${tally}'`,
    `INSERT INTO ${schema}.${tally} (${stored})
     SELECT ${[list, 'count(*)', ...summed.map((c) => `sum(${c})`)].join(', ')} FROM ${schema}.${table} GROUP BY ${list}`,
    // A row leaving a group finds its tally row (it was counted when it entered): an UPDATE.
    // One entering may be its group's first: an upsert. (An upsert of -1 would fail the
    // CHECK on the proposed row before PostgreSQL looks for the conflicting one.)
    `CREATE FUNCTION ${add}(${params}) RETURNS void
     LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM ${lock};
       IF delta < 0 THEN
         UPDATE ${schema}.${tally}
         SET ${['row_count = row_count + delta', ...summed.map((c, i) => `${c} = ${c} + s${i}`)].join(', ')}
         WHERE ${matches};
       ELSE
         INSERT INTO ${schema}.${tally} AS t (${stored}) VALUES (${values})
         ON CONFLICT (${list}) DO UPDATE
         SET ${['row_count', ...summed].map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')};
       END IF;
     END $$`,
    `CREATE FUNCTION ${schema}.keep_${tally}() RETURNS trigger
     LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'UPDATE' AND (${of('OLD', watched)}) IS NOT DISTINCT FROM (${of('NEW', watched)}) THEN
         RETURN NULL;
       END IF;
       IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM ${add}(${of('OLD')}, ${deltas('OLD', '-')}); END IF;
       IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM ${add}(${of('NEW')}, ${deltas('NEW', '')}); END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${table}_keeps_${tally}
       AFTER INSERT OR DELETE OR UPDATE OF ${watched.join(', ')} ON ${schema}.${table}
       FOR EACH ROW EXECUTE FUNCTION ${schema}.keep_${tally}()`,
    // TRUNCATE bypasses row triggers: it empties the tally with the table.
    `CREATE FUNCTION ${schema}.empty_${tally}() RETURNS trigger
     LANGUAGE plpgsql AS $$ BEGIN DELETE FROM ${schema}.${tally}; RETURN NULL; END $$`,
    `CREATE TRIGGER ${table}_truncate_empties_${tally}
       AFTER TRUNCATE ON ${schema}.${table}
       FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.empty_${tally}()`,
  ];
}

/** The statements that drop what `createTallySql` made. */
export function dropTallySql(definition: TallyDefinition): string[] {
  const { schema, table, tally, groupBy } = definition;
  return [
    `DROP TRIGGER ${table}_truncate_empties_${tally} ON ${schema}.${table}`,
    `DROP FUNCTION ${schema}.empty_${tally}()`,
    `DROP TRIGGER ${table}_keeps_${tally} ON ${schema}.${table}`,
    `DROP FUNCTION ${schema}.keep_${tally}()`,
    `DROP FUNCTION ${schema}.add_to_${tally}(${[
      ...groupBy.map((g) => g.type),
      'integer',
      ...(definition.sums ?? []).map((s) => s.type),
    ].join(', ')})`,
    `DROP TABLE ${schema}.${tally}`,
  ];
}

/** A migration that creates the tally of `definition` (and drops it when reverted), named `name` + `timestamp`. */
export function tallyMigration(
  name: string,
  timestamp: number,
  definition: TallyDefinition,
): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = `${name}${timestamp}`;

    async up(db: QueryRunner): Promise<void> {
      for (const statement of createTallySql(definition)) await db.query(statement);
    }

    async down(db: QueryRunner): Promise<void> {
      for (const statement of dropTallySql(definition)) await db.query(statement);
    }
  };
}
