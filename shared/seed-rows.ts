import type { EntityManager } from 'typeorm';

/**
 * Inserts the demo rows that are missing, by primary key; rows already there (and any edits
 * made to them since) are kept, so seeding an existing database again changes nothing.
 */
export async function insertMissing<T extends object>(
  tx: EntityManager,
  entity: new () => T,
  rows: T[],
): Promise<void> {
  if (rows.length) await tx.createQueryBuilder().insert().into(entity).values(rows).orIgnore().execute();
}
