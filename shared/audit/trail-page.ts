import { boundedSize, type ListBound } from '../list-bounds';
import { decodeCursor, type SortKey } from '../pagination';

/** An audit row as read back. */
export interface AuditEntryRow {
  id: string;
  at: Date;
  actor: string | null;
  organization: string | null;
  request_id: string | null;
  idempotency_key: string | null;
  operation: string;
  entity_type: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The arguments of an `auditTrail` field. */
export interface AuditTrailArgs {
  first?: number | null;
  after?: string | null;
}

/** An entity's audit trail: `first`, 20 by default, at most 100. */
export const AUDIT_TRAIL: ListBound = { default: 20, max: 100 };

/** Newest first: the identity column orders the entries as they were written. */
export const AUDIT_ORDER: SortKey[] = [{ expr: 'e.id', descending: true, cast: 'bigint' }];
export const ORDERING = 'audit';

const isIdKey = (value: unknown): value is [string] =>
  Array.isArray(value) && value.length === 1 && typeof value[0] === 'string';

/** A page of one entity's trail, validated before any SQL runs. */
export interface AuditPage {
  limit: number;
  cursor: [string] | null;
}

export function auditPage(args: AuditTrailArgs): AuditPage {
  return {
    limit: boundedSize(args.first, AUDIT_TRAIL),
    cursor: args.after ? decodeCursor(args.after, isIdKey, ORDERING, 'after') : null,
  };
}
