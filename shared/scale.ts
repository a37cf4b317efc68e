import type { EntityManager } from 'typeorm';

/**
 * Ids of the benchmark's generated rows (`npm run seed:scale`), the same in every subgraph,
 * so one subgraph's generator can point at another's rows by number alone.
 */
export const SCALE_ID_DIGITS = 7;

/** The id of the n-th generated row of a kind (1-based): `scale-p-0000042`. */
export function scaleId(kind: string, n: number): string {
  return `scale-${kind}-${String(n).padStart(SCALE_ID_DIGITS, '0')}`;
}

/** The same id as an SQL expression over an integer expression (`generate_series` rows). */
export function sqlScaleId(kind: string, n: string): string {
  return `('scale-${kind}-' || lpad((${n})::text, ${SCALE_ID_DIGITS}, '0'))`;
}

/** Whether a generated row is there already: the generators skip a chunk made by an earlier run. */
export async function generatedRowExists(tx: EntityManager, table: string, id: string): Promise<boolean> {
  const rows = await tx.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  return rows.length > 0;
}
