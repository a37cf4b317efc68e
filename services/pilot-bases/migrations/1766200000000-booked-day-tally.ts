import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facility utilization kept as bookings change instead of summed over the overlapping
 * bookings on each read: `booked_day_tally` holds, per calendar day, how many bookings that
 * are not cancelled cover it (`booked`) and how many of those the bases confirmed
 * (`confirmed`: CONFIRMED, RUNNING or COMPLETED). The booked facility-days of a window are
 * then the sum of its days' rows — as many rows as the window has days, whatever the number
 * of bookings (`facilityUsage`, services/pilot-bases/metrics.ts).
 *
 * A row trigger moves a booking's days from its old counts to its new ones in the writing
 * transaction, whoever writes. Writers take one transaction-level advisory lock first (as
 * shared/tally.ts does), so two bookings over the same days never wait on each other's tally
 * rows in a cycle; bookings are made at a person's pace.
 */
export class BookedDayTally1766200000000 implements MigrationInterface {
  name = 'BookedDayTally1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pilot_bases.booked_day_tally (
        day date PRIMARY KEY,
        booked integer NOT NULL CONSTRAINT booked_day_tally_booked_not_negative CHECK (booked >= 0),
        confirmed integer NOT NULL CONSTRAINT booked_day_tally_confirmed_not_negative CHECK (confirmed >= 0),
        CONSTRAINT booked_day_tally_confirmed_are_booked CHECK (confirmed <= booked)
      )`);
    await queryRunner.query(`
      COMMENT ON TABLE pilot_bases.booked_day_tally IS
        'Per day, how many bookings that are not cancelled cover it (booked) and how many of them are confirmed, running or completed (confirmed); kept by the trigger booking_keeps_booked_day_tally'`);
    await queryRunner.query(`
      INSERT INTO pilot_bases.booked_day_tally (day, booked, confirmed)
      SELECT d::date, count(*), count(*) FILTER (WHERE b.status IN ('CONFIRMED', 'RUNNING', 'COMPLETED'))
      FROM pilot_bases.booking b,
           generate_series(lower(b.period), upper(b.period) - 1, interval '1 day') AS d
      WHERE b.status <> 'CANCELLED'
      GROUP BY d::date`);
    // Adds `delta` (+1 or -1) to every day of `period`, to `confirmed` as well when the
    // booking counts as confirmed. Additions upsert (a day's first booking); subtractions
    // update the rows the booking's addition made.
    await queryRunner.query(`
      CREATE FUNCTION pilot_bases.add_to_booked_day_tally(period daterange, is_confirmed boolean, delta integer)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('pilot_bases.booked_day_tally'));
        IF delta < 0 THEN
          UPDATE pilot_bases.booked_day_tally t
          SET booked = t.booked + delta,
              confirmed = t.confirmed + CASE WHEN is_confirmed THEN delta ELSE 0 END
          WHERE t.day >= lower(period) AND t.day < upper(period);
        ELSE
          INSERT INTO pilot_bases.booked_day_tally AS t (day, booked, confirmed)
          SELECT d::date, delta, CASE WHEN is_confirmed THEN delta ELSE 0 END
          FROM generate_series(lower(period), upper(period) - 1, interval '1 day') AS d
          ON CONFLICT (day) DO UPDATE
          SET booked = t.booked + excluded.booked, confirmed = t.confirmed + excluded.confirmed;
        END IF;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION pilot_bases.keep_booked_day_tally() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.period = NEW.period AND OLD.status = NEW.status THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'CANCELLED' THEN
          PERFORM pilot_bases.add_to_booked_day_tally(
            OLD.period, OLD.status IN ('CONFIRMED', 'RUNNING', 'COMPLETED'), -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status <> 'CANCELLED' THEN
          PERFORM pilot_bases.add_to_booked_day_tally(
            NEW.period, NEW.status IN ('CONFIRMED', 'RUNNING', 'COMPLETED'), 1);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER booking_keeps_booked_day_tally
      AFTER INSERT OR UPDATE OR DELETE ON pilot_bases.booking
      FOR EACH ROW EXECUTE FUNCTION pilot_bases.keep_booked_day_tally()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER booking_keeps_booked_day_tally ON pilot_bases.booking`);
    await queryRunner.query(`DROP FUNCTION pilot_bases.keep_booked_day_tally()`);
    await queryRunner.query(`DROP FUNCTION pilot_bases.add_to_booked_day_tally(daterange, boolean, integer)`);
    await queryRunner.query(`DROP TABLE pilot_bases.booked_day_tally`);
  }
}
