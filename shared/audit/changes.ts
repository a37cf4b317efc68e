/** A record's fields as a mutation saw them: an entity, or any plain object. */
export type Snapshot = object;

/** One change to one record. */
export interface AuditChange {
  /** The root mutation field that made it, e.g. `commitInvestment`. */
  operation: string;
  /** The GraphQL type of the record, e.g. `Investment`. */
  entityType: string;
  entityId: string;
  /** The record before the change; null when the mutation created it. */
  before: Snapshot | null;
  /** The record after the change; null when the mutation removed it. */
  after: Snapshot | null;
}

/** Fields every update changes and that tell nothing the entry's `at` does not. */
const UNAUDITED_FIELDS = new Set(['updatedAt']);

/** A snapshot as JSON values (dates as ISO strings, decimals as strings). */
function jsonOf(snapshot: Snapshot): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
  for (const field of UNAUDITED_FIELDS) delete json[field];
  return json;
}

/**
 * The fields that differ between two snapshots, each side holding only those; a creation
 * keeps every field of the new record in `after`, a removal every field of the old one in
 * `before`.
 */
export function changedFields(
  before: Snapshot | null,
  after: Snapshot | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) {
    return { before: before && jsonOf(before), after: after && jsonOf(after) };
  }
  const old = jsonOf(before);
  const now = jsonOf(after);
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(old), ...Object.keys(now)])) {
    if (JSON.stringify(old[field] ?? null) === JSON.stringify(now[field] ?? null)) continue;
    changedBefore[field] = old[field] ?? null;
    changedAfter[field] = now[field] ?? null;
  }
  return { before: changedBefore, after: changedAfter };
}
