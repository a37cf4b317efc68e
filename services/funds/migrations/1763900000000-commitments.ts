import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commitments that never exceed a fund's size, whatever the concurrency.
 *
 * `fund.committed` is the sum of the fund's investments that still bind money (COMMITTED or
 * DISBURSED). A trigger on `investment` keeps it exact on every insert, status or amount
 * change and delete, and `fund_committed_within_size` makes PostgreSQL refuse any write that
 * would take it past the size. Writers that commit lock the fund row first, so they read an
 * exact amount still available and queue instead of racing.
 *
 * Investments also get a visibility, the mandate they deviate from with the recorded
 * reason, who committed them, and the dates of their later statuses.
 */
export class Commitments1763900000000 implements MigrationInterface {
  name = 'Commitments1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE funds.fund ADD COLUMN committed numeric(18, 2) NOT NULL DEFAULT 0`);
    await db.query(`
      UPDATE funds.fund f SET committed = coalesce(
        (SELECT sum(i.amount) FROM funds.investment i
          WHERE i.fund_id = f.id AND i.status IN ('COMMITTED', 'DISBURSED')), 0)`);
    await db.query(`
      ALTER TABLE funds.fund
        ADD CONSTRAINT fund_committed_within_size CHECK (committed >= 0 AND committed <= size)`);

    await db.query(`
      ALTER TABLE funds.investment
        ADD COLUMN visibility text NOT NULL DEFAULT 'PUBLIC'
          CONSTRAINT investment_visibility_check CHECK (visibility IN ('PUBLIC', 'MEMBERS', 'CONFIDENTIAL')),
        ADD COLUMN focus_area text CONSTRAINT investment_focus_area_check CHECK (btrim(focus_area) <> ''),
        ADD COLUMN outside_mandate text[] NOT NULL DEFAULT '{}'
          CONSTRAINT investment_outside_mandate_check CHECK (outside_mandate <@ ARRAY['STAGE', 'FOCUS_AREA']),
        ADD COLUMN override_reason text,
        ADD COLUMN committed_by text,
        ADD COLUMN disbursed_on date,
        ADD COLUMN closed_on date,
        -- Investing outside the mandate is allowed only with a recorded reason.
        ADD CONSTRAINT investment_override_has_reason
          CHECK (cardinality(outside_mandate) = 0 OR btrim(coalesce(override_reason, '')) <> ''),
        ADD CONSTRAINT investment_dates_in_order
          CHECK (disbursed_on >= committed_on AND closed_on >= coalesce(disbursed_on, committed_on))`);
    // The investment list, newest first.
    await db.query(`CREATE INDEX investment_committed_idx ON funds.investment (committed_on DESC, id DESC)`);

    await db.query(`
      CREATE FUNCTION funds.investment_counts_toward_fund() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        binding CONSTANT text[] := ARRAY['COMMITTED', 'DISBURSED'];
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.fund_id = NEW.fund_id AND OLD.amount = NEW.amount
           AND (OLD.status = ANY (binding)) = (NEW.status = ANY (binding)) THEN
          RETURN NULL;
        END IF;
        -- Release first, then bind: the intermediate sum never exceeds the final one.
        IF TG_OP <> 'INSERT' AND OLD.status = ANY (binding) THEN
          UPDATE funds.fund SET committed = committed - OLD.amount WHERE id = OLD.fund_id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = ANY (binding) THEN
          UPDATE funds.fund SET committed = committed + NEW.amount WHERE id = NEW.fund_id;
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER investment_counts_toward_fund
        AFTER INSERT OR DELETE OR UPDATE OF status, amount, fund_id ON funds.investment
        FOR EACH ROW EXECUTE FUNCTION funds.investment_counts_toward_fund()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER investment_counts_toward_fund ON funds.investment`);
    await db.query(`DROP FUNCTION funds.investment_counts_toward_fund()`);
    await db.query(`DROP INDEX funds.investment_committed_idx`);
    await db.query(`
      ALTER TABLE funds.investment
        DROP CONSTRAINT investment_dates_in_order,
        DROP CONSTRAINT investment_override_has_reason,
        DROP COLUMN closed_on,
        DROP COLUMN disbursed_on,
        DROP COLUMN committed_by,
        DROP COLUMN override_reason,
        DROP COLUMN outside_mandate,
        DROP COLUMN focus_area,
        DROP COLUMN visibility`);
    await db.query(
      `ALTER TABLE funds.fund DROP CONSTRAINT fund_committed_within_size, DROP COLUMN committed`,
    );
  }
}
