import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The booking workflow: who asked for a run and when, why it was cancelled, and the
 * rules that keep the statuses honest (a completed run has an outcome; only a cancelled
 * booking has a cancellation reason).
 */
export class BookingWorkflow1763900000000 implements MigrationInterface {
  name = 'BookingWorkflow1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE pilot_bases.booking
        ADD COLUMN requested_by text CONSTRAINT booking_requested_by_check CHECK (requested_by ~ '^[a-z-]+:.+$'),
        ADD COLUMN requested_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN cancellation_reason text,
        ADD CONSTRAINT booking_completed_has_outcome
          CHECK (status <> 'COMPLETED' OR btrim(coalesce(outcome, '')) <> ''),
        ADD CONSTRAINT booking_cancellation_reason_when_cancelled
          CHECK (cancellation_reason IS NULL OR status = 'CANCELLED')`);
    // A base's calendar reads the bookings of its facilities in start order.
    await db.query(
      `CREATE INDEX booking_facility_start_idx ON pilot_bases.booking (facility_id, start_on, id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX pilot_bases.booking_facility_start_idx`);
    await db.query(`
      ALTER TABLE pilot_bases.booking
        DROP CONSTRAINT booking_cancellation_reason_when_cancelled,
        DROP CONSTRAINT booking_completed_has_outcome,
        DROP COLUMN cancellation_reason,
        DROP COLUMN updated_at,
        DROP COLUMN requested_at,
        DROP COLUMN requested_by`);
  }
}
