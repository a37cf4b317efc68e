import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk sharing beside benefit sharing (article 003: "how to realize risk sharing and
 * benefit sharing is the most important and thorny problem"). An agreement opens a pool
 * for a stage of its project — the costs and losses of that stage its parties will bear
 * together, up to a budget — and records what each party commits to bear, in money or in
 * kind. The pool keeps the running sum beside its budget, raised by a trigger in the same
 * statement as each contribution, so the CHECK holds under any concurrency: two
 * contributions that together pass the budget cannot both commit.
 */
export class RiskSharing1765300001000 implements MigrationInterface {
  name = 'RiskSharing1765300001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alliance.risk_pool (
        agreement_id text NOT NULL REFERENCES alliance.benefit_agreement (id),
        stage text NOT NULL
          CHECK (stage IN ('EVALUATION', 'PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'COMMERCIALIZED')),
        budget numeric(18, 2) NOT NULL CHECK (budget > 0),
        committed numeric(18, 2) NOT NULL DEFAULT 0,
        currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
        opened_by text NOT NULL,
        opened_at timestamptz(3) NOT NULL DEFAULT now(),
        illustrative boolean NOT NULL DEFAULT false,
        PRIMARY KEY (agreement_id, stage),
        CONSTRAINT risk_pool_within_budget CHECK (committed >= 0 AND committed <= budget)
      )`);
    await db.query(`
      CREATE TABLE alliance.risk_contribution (
        id text PRIMARY KEY CHECK (id <> ''),
        agreement_id text NOT NULL,
        stage text NOT NULL,
        party_type text NOT NULL CHECK (party_type IN ('institute', 'enterprise', 'fund', 'pilot-base', 'researcher')),
        party_id text NOT NULL CHECK (party_id <> ''),
        kind text NOT NULL CHECK (kind IN ('MONEY', 'IN_KIND')),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        description text NOT NULL CHECK (btrim(description) <> ''),
        committed_by text NOT NULL,
        committed_at timestamptz(3) NOT NULL DEFAULT now(),
        illustrative boolean NOT NULL DEFAULT false,
        FOREIGN KEY (agreement_id, stage) REFERENCES alliance.risk_pool (agreement_id, stage)
      )`);
    await db.query(
      `CREATE INDEX risk_contribution_pool_idx ON alliance.risk_contribution (agreement_id, stage, committed_at, id)`,
    );
    await db.query(`
      CREATE FUNCTION alliance.add_to_risk_pool() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE alliance.risk_pool SET committed = committed + NEW.amount
          WHERE agreement_id = NEW.agreement_id AND stage = NEW.stage;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER risk_contribution_adds_to_pool AFTER INSERT ON alliance.risk_contribution
        FOR EACH ROW EXECUTE FUNCTION alliance.add_to_risk_pool()`);
    // A contribution stays as recorded: a correction is a new record, never an edit.
    await db.query(`
      CREATE FUNCTION alliance.refuse_contribution_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'risk contributions are never changed or removed' USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER risk_contribution_stays BEFORE UPDATE OR DELETE ON alliance.risk_contribution
        FOR EACH ROW EXECUTE FUNCTION alliance.refuse_contribution_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alliance.risk_contribution`);
    await db.query(`DROP FUNCTION alliance.refuse_contribution_change()`);
    await db.query(`DROP FUNCTION alliance.add_to_risk_pool()`);
    await db.query(`DROP TABLE alliance.risk_pool`);
  }
}
