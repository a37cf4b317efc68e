import { auditTrailMigration } from '../../../shared/audit';

/** The append-only `funds.audit_entry` table and the triggers that keep it so (docs/audit.md). */
export const AuditTrail1765200000000 = auditTrailMigration('funds', 1765200000000);
