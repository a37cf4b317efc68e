/**
 * The audit trail: one row per change a mutation makes, written in the mutation's own
 * transaction (so a refused or failed write leaves none), holding who (token subject and
 * organization), when, which request (request id, idempotency key), which root mutation
 * field, which record, and the fields that changed with their values before and after.
 * A trigger refuses UPDATE, DELETE and TRUNCATE of the table, whoever asks. Rows are kept
 * as long as the subgraph's database: nothing purges them (docs/audit.md).
 */
export {
  MAX_REQUEST_ID,
  REQUEST_ID_HEADER,
  auditActor,
  boundedRequestId,
  type AuditActor,
  type RequestMeta,
} from './actor';
export { changedFields, type AuditChange, type Snapshot } from './changes';
export { AuditLog } from './log';
export { auditTrailMigration } from './migration';
export { mayReadAudit } from './read-access';
export { auditEntryResolvers, auditTrailField } from './resolvers';
export { AUDIT_TRAIL, type AuditEntryRow, type AuditTrailArgs } from './trail-page';
