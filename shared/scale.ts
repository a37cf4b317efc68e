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

/** The graph's first alliance (services/alliance), which holds the demo data. */
const FIRST_ALLIANCE = 'cas-advanced-materials';

/** Alliances the scale data set adds beside the first: `scale-al-0000001` … (the articles speak of tens). */
export const SCALE_ALLIANCES = 30;

/**
 * The alliance of generated project n (an SQL expression over an integer expression): every
 * second project the first alliance's, the others spread over the generated alliances in
 * turn. The alliance's generator docks them there; the funds' records it with their
 * investments.
 */
export function sqlScaleAllianceOfProject(n: string): string {
  return `(CASE WHEN (${n}) % 2 = 0 THEN '${FIRST_ALLIANCE}' ELSE ${sqlScaleId('al', `((${n}) / 2) % ${SCALE_ALLIANCES} + 1`)} END)`;
}
