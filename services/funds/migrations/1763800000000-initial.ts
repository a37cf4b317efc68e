import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Funds and their investments. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE funds.fund (
        id text PRIMARY KEY CHECK (id <> ''),
        name text NOT NULL CHECK (btrim(name) <> ''),
        manager text NOT NULL,
        registered_on date,
        status text NOT NULL CHECK (status IN ('PREPARING', 'REGISTERED', 'INVESTING', 'CLOSED')),
        size numeric(18, 2) NOT NULL CHECK (size > 0),
        currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
        focus_areas text[] NOT NULL DEFAULT '{}',
        stages text[] NOT NULL DEFAULT '{}'
          CHECK (stages <@ ARRAY['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH']),
        illustrative boolean NOT NULL DEFAULT false
      )`);
    await db.query(`
      CREATE TABLE funds.investment (
        id text PRIMARY KEY CHECK (id <> ''),
        fund_id text NOT NULL REFERENCES funds.fund (id),
        project_id text,
        enterprise_id text,
        stage text NOT NULL CHECK (stage IN ('PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH')),
        instrument text NOT NULL CHECK (instrument IN ('EQUITY', 'CONVERTIBLE', 'GRANT', 'LOAN')),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('COMMITTED', 'DISBURSED', 'EXITED', 'WRITTEN_OFF')),
        committed_on date NOT NULL,
        illustrative boolean NOT NULL DEFAULT false,
        -- A target is a project or an enterprise, exactly one of them.
        CHECK ((project_id IS NULL) <> (enterprise_id IS NULL))
      )`);
    await db.query(`CREATE INDEX investment_fund_idx ON funds.investment (fund_id)`);
    await db.query(
      `CREATE INDEX investment_project_idx ON funds.investment (project_id) WHERE project_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX investment_enterprise_idx ON funds.investment (enterprise_id) WHERE enterprise_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE funds.investment`);
    await db.query(`DROP TABLE funds.fund`);
  }
}
