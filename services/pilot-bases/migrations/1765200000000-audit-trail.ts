import { auditTrailMigration } from '../../../shared/audit';

/** The append-only `pilot_bases.audit_entry` table and the triggers that keep it so (docs/audit.md). */
export const AuditTrail1765200000000 = auditTrailMigration('pilot_bases', 1765200000000);
