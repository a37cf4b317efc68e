import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MAX_REQUEST_ID } from './actor';

/** The migration that gives a subgraph's schema its append-only `audit_entry` table. */
export function auditTrailMigration(schema: string, timestamp: number): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = `AuditTrail${timestamp}`;

    async up(db: QueryRunner): Promise<void> {
      await db.query(`
        CREATE TABLE ${schema}.audit_entry (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at timestamptz NOT NULL DEFAULT now(),
          actor text,
          organization text,
          request_id text CHECK (length(request_id) <= ${MAX_REQUEST_ID}),
          idempotency_key text CHECK (length(idempotency_key) <= 255),
          operation text NOT NULL,
          entity_type text NOT NULL,
          entity_id text NOT NULL,
          before jsonb,
          after jsonb
        )`);
      await db.query(
        `CREATE INDEX audit_entry_by_entity ON ${schema}.audit_entry (entity_type, entity_id, id DESC)`,
      );
      // Append-only for everyone, the application's own role included.
      await db.query(`
        CREATE FUNCTION ${schema}.audit_entry_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit entries cannot be changed or removed (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END
        $$`);
      await db.query(`
        CREATE TRIGGER audit_entry_no_update_or_delete
          BEFORE UPDATE OR DELETE ON ${schema}.audit_entry
          FOR EACH ROW EXECUTE FUNCTION ${schema}.audit_entry_append_only()`);
      await db.query(`
        CREATE TRIGGER audit_entry_no_truncate
          BEFORE TRUNCATE ON ${schema}.audit_entry
          FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.audit_entry_append_only()`);
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${schema}.audit_entry`);
      await db.query(`DROP FUNCTION ${schema}.audit_entry_append_only()`);
    }
  };
}
