import type { Caller, OrganizationRef } from '../identity';
import type { Connection } from '../pagination';
import type { AuditLog } from './log';
import { mayReadAudit } from './read-access';
import { auditPage, type AuditEntryRow, type AuditTrailArgs } from './trail-page';

/** What a caller who may not read a trail gets. */
const EMPTY: Connection<AuditEntryRow> = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: 0,
};

/**
 * The resolver of an entity's `auditTrail` field: the page for the record's owners and the
 * secretariat, an empty page for anyone else (who cannot tell a hidden trail from none).
 */
export function auditTrailField<
  TParent extends { id: string },
  TContext extends { caller: Caller; audit: AuditLog },
>(
  entityType: string,
  ownersOf: (
    parent: TParent,
    ctx: TContext,
  ) => readonly (OrganizationRef | null)[] | Promise<readonly (OrganizationRef | null)[]>,
  /** For a record that belongs to an alliance: that alliance's secretariat, as its tokens name it. */
  secretariatOf?: (parent: TParent, ctx: TContext) => Promise<string>,
) {
  return async (parent: TParent, args: AuditTrailArgs, ctx: TContext): Promise<Connection<AuditEntryRow>> => {
    // Bad arguments are refused for everyone alike, before anything is looked up.
    auditPage(args);
    const [owners, secretariat] = await Promise.all([ownersOf(parent, ctx), secretariatOf?.(parent, ctx)]);
    if (!mayReadAudit(ctx.caller, owners, secretariat)) return EMPTY;
    return ctx.audit.trail(entityType, parent.id, args);
  };
}

/** The fields of the `AuditEntry` type. */
export const auditEntryResolvers = {
  id: (row: AuditEntryRow) => String(row.id),
  at: (row: AuditEntryRow) => new Date(row.at).toISOString(),
  requestId: (row: AuditEntryRow) => row.request_id,
  idempotencyKey: (row: AuditEntryRow) => row.idempotency_key,
  entityType: (row: AuditEntryRow) => row.entity_type,
  entityId: (row: AuditEntryRow) => row.entity_id,
  before: (row: AuditEntryRow) => (row.before === null ? null : JSON.stringify(row.before)),
  after: (row: AuditEntryRow) => (row.after === null ? null : JSON.stringify(row.after)),
};
