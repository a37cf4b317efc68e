import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A count kept as rows change instead of counted on every read: a tally table holding, per
 * group of a table's columns, how many rows there are, and the row trigger that moves a
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
}

/** The statements that create a tally, fill it from the rows already there, and keep it. */
export function createTallySql(definition: TallyDefinition): string[] {
  const { schema, table, tally, groupBy } = definition;
  const columns = groupBy.map((g) => g.column);
  const list = columns.join(', ');
  const add = `${schema}.add_to_${tally}`;
  const params = groupBy.map((g, i) => `p${i} ${g.type}`).join(', ');
  const matches = columns.map((c, i) => `${c} = p${i}`).join(' AND ');
  const values = columns.map((_, i) => `p${i}`).join(', ');
  const of = (row: 'OLD' | 'NEW') => columns.map((c) => `${row}.${c}`).join(', ');
  const lockKey = definition.lockBy === undefined ? undefined : columns.indexOf(definition.lockBy);
  if (lockKey === -1) throw new Error(`lockBy ${definition.lockBy} is not a group column of ${tally}`);
  const lock =
    lockKey === undefined
      ? `pg_advisory_xact_lock(hashtext('${schema}.${tally}'))`
      : `pg_advisory_xact_lock(hashtext('${schema}.${tally}'), hashtext(p${lockKey}::text))`;
  return [
    `CREATE TABLE ${schema}.${tally} (
       ${groupBy.map((g) => `${g.column} ${g.type} NOT NULL`).join(',\n       ')},
       row_count integer NOT NULL CONSTRAINT ${tally}_not_negative CHECK (row_count >= 0),
       PRIMARY KEY (${list})
     )`,
    `COMMENT ON TABLE ${schema}.${tally} IS
       'How many rows of ${schema}.${table} are in each (${list}) group; kept by the trigger ${table}_keeps_${tally}'`,
    `INSERT INTO ${schema}.${tally} (${list}, row_count)
     SELECT ${list}, count(*) FROM ${schema}.${table} GROUP BY ${list}`,
    // A row leaving a group finds its tally row (it was counted when it entered): an UPDATE.
    // One entering may be its group's first: an upsert. (An upsert of -1 would fail the
    // CHECK on the proposed row before PostgreSQL looks for the conflicting one.)
    `CREATE FUNCTION ${add}(${params}, delta integer) RETURNS void
     LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM ${lock};
       IF delta < 0 THEN
         UPDATE ${schema}.${tally} SET row_count = row_count + delta WHERE ${matches};
       ELSE
         INSERT INTO ${schema}.${tally} AS t (${list}, row_count) VALUES (${values}, delta)
         ON CONFLICT (${list}) DO UPDATE SET row_count = t.row_count + excluded.row_count;
       END IF;
     END $$`,
    `CREATE FUNCTION ${schema}.keep_${tally}() RETURNS trigger
     LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'UPDATE' AND (${of('OLD')}) IS NOT DISTINCT FROM (${of('NEW')}) THEN
         RETURN NULL;
       END IF;
       IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM ${add}(${of('OLD')}, -1); END IF;
       IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM ${add}(${of('NEW')}, 1); END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${table}_keeps_${tally}
       AFTER INSERT OR DELETE OR UPDATE OF ${list} ON ${schema}.${table}
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
    `DROP FUNCTION ${schema}.add_to_${tally}(${groupBy.map((g) => g.type).join(', ')}, integer)`,
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
