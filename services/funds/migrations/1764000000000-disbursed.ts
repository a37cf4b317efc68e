import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `fund.disbursed`: the sum of the fund's DISBURSED investments, kept by a trigger the way
 * `fund.committed` is. With both, the dashboard's capital figures read one row per fund
 * instead of summing every investment on every request.
 */
export class Disbursed1764000000000 implements MigrationInterface {
  name = 'Disbursed1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE funds.fund
        ADD COLUMN disbursed numeric(18, 2) NOT NULL DEFAULT 0
          CONSTRAINT fund_disbursed_not_negative CHECK (disbursed >= 0)`);
    await db.query(`
      UPDATE funds.fund f SET disbursed = s.total
      FROM (SELECT fund_id, sum(amount) AS total FROM funds.investment WHERE status = 'DISBURSED' GROUP BY fund_id) s
      WHERE s.fund_id = f.id`);
    await db.query(`
      CREATE FUNCTION funds.investment_disbursed_by_fund() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.fund_id = NEW.fund_id AND OLD.amount = NEW.amount
           AND (OLD.status = 'DISBURSED') = (NEW.status = 'DISBURSED') THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' AND OLD.status = 'DISBURSED' THEN
          UPDATE funds.fund SET disbursed = disbursed - OLD.amount WHERE id = OLD.fund_id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'DISBURSED' THEN
          UPDATE funds.fund SET disbursed = disbursed + NEW.amount WHERE id = NEW.fund_id;
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER investment_disbursed_by_fund
        AFTER INSERT OR DELETE OR UPDATE OF status, amount, fund_id ON funds.investment
        FOR EACH ROW EXECUTE FUNCTION funds.investment_disbursed_by_fund()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER investment_disbursed_by_fund ON funds.investment`);
    await db.query(`DROP FUNCTION funds.investment_disbursed_by_fund()`);
    await db.query(`ALTER TABLE funds.fund DROP COLUMN disbursed`);
  }
}
