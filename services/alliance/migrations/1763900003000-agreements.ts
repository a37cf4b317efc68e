import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Benefit-sharing agreements, their versions (amendments keep the history), and the
 * distributions executed under them. PostgreSQL holds the money rules itself:
 * - the parties' share parts of a version sum to its denominator (exactly 100 %),
 * - the payouts of a distribution sum to its amount, one payout per party,
 * - recorded versions, parties, distributions and payouts never change.
 * The sums span rows, so deferred constraint triggers check them at commit; they raise
 * with a constraint name that the service maps to a client error.
 */
export class Agreements1763900003000 implements MigrationInterface {
  name = 'Agreements1763900003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alliance.benefit_agreement (
        id text PRIMARY KEY CHECK (id <> ''),
        project_id text NOT NULL REFERENCES alliance.project (id),
        current_version int NOT NULL CHECK (current_version >= 1),
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT benefit_agreement_one_per_project UNIQUE (project_id)
      )`);
    await db.query(`
      CREATE TABLE alliance.agreement_version (
        agreement_id text NOT NULL REFERENCES alliance.benefit_agreement (id),
        version int NOT NULL CHECK (version >= 1),
        ip_terms text NOT NULL CHECK (btrim(ip_terms) <> ''),
        signed_on date NOT NULL,
        share_denominator numeric(20, 0) NOT NULL CHECK (share_denominator > 0),
        reason text NOT NULL CHECK (btrim(reason) <> ''),
        recorded_by text NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (agreement_id, version)
      )`);
    // The version in force exists (checked at commit: the agreement row comes first).
    await db.query(`
      ALTER TABLE alliance.benefit_agreement
        ADD CONSTRAINT benefit_agreement_current_version
          FOREIGN KEY (id, current_version) REFERENCES alliance.agreement_version (agreement_id, version)
          DEFERRABLE INITIALLY DEFERRED`);
    await db.query(`
      CREATE TABLE alliance.agreement_party (
        agreement_id text NOT NULL,
        version int NOT NULL,
        position int NOT NULL CHECK (position >= 0),
        party_type text NOT NULL
          CHECK (party_type IN ('institute', 'enterprise', 'fund', 'pilot-base', 'researcher')),
        party_id text NOT NULL CHECK (party_id <> ''),
        role text NOT NULL CHECK (role IN ('INVENTOR', 'INSTITUTE', 'INVESTOR', 'OPERATOR')),
        share_parts numeric(20, 0) NOT NULL CHECK (share_parts > 0),
        PRIMARY KEY (agreement_id, version, position),
        FOREIGN KEY (agreement_id, version) REFERENCES alliance.agreement_version (agreement_id, version),
        CONSTRAINT agreement_party_once UNIQUE (agreement_id, version, party_type, party_id, role),
        CONSTRAINT agreement_party_role_fits CHECK (
          (role = 'INVENTOR' AND party_type = 'researcher')
          OR (role = 'INSTITUTE' AND party_type = 'institute')
          OR (role = 'INVESTOR' AND party_type IN ('fund', 'enterprise'))
          OR (role = 'OPERATOR' AND party_type IN ('enterprise', 'pilot-base')))
      )`);
    // Who may read an agreement: its parties, looked up by key.
    await db.query(`CREATE INDEX agreement_party_key_idx ON alliance.agreement_party (party_type, party_id)`);
    await db.query(`
      CREATE TABLE alliance.distribution (
        id text PRIMARY KEY CHECK (id <> ''),
        agreement_id text NOT NULL,
        version int NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        currency text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
        note text NOT NULL DEFAULT '',
        executed_by text NOT NULL,
        executed_at timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (agreement_id, version) REFERENCES alliance.agreement_version (agreement_id, version),
        UNIQUE (id, agreement_id, version)
      )`);
    await db.query(
      `CREATE INDEX distribution_agreement_idx ON alliance.distribution (agreement_id, executed_at, id)`,
    );
    await db.query(`
      CREATE TABLE alliance.payout (
        distribution_id text NOT NULL,
        position int NOT NULL,
        agreement_id text NOT NULL,
        version int NOT NULL,
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (distribution_id, position),
        -- The payout belongs to a party of the very version the distribution used.
        FOREIGN KEY (distribution_id, agreement_id, version)
          REFERENCES alliance.distribution (id, agreement_id, version),
        FOREIGN KEY (agreement_id, version, position)
          REFERENCES alliance.agreement_party (agreement_id, version, position)
      )`);

    await db.query(`
      CREATE FUNCTION alliance.check_agreement_shares() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_agreement text := NEW.agreement_id;
        v_version int := NEW.version;
        v_denominator numeric;
        v_parts numeric;
      BEGIN
        SELECT share_denominator INTO v_denominator FROM alliance.agreement_version
          WHERE agreement_id = v_agreement AND version = v_version;
        SELECT coalesce(sum(share_parts), 0) INTO v_parts FROM alliance.agreement_party
          WHERE agreement_id = v_agreement AND version = v_version;
        IF v_parts <> v_denominator THEN
          RAISE EXCEPTION 'shares of agreement % version % sum to %/% instead of the whole',
            v_agreement, v_version, v_parts, v_denominator
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agreement_shares_sum_to_whole';
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['agreement_version', 'agreement_party']) {
      await db.query(`
        CREATE CONSTRAINT TRIGGER ${table}_shares_sum AFTER INSERT ON alliance.${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION alliance.check_agreement_shares()`);
    }

    await db.query(`
      CREATE FUNCTION alliance.check_distribution_payouts() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_distribution text;
        v_amount numeric;
        v_paid numeric;
        v_payouts int;
        v_parties int;
      BEGIN
        -- Each branch names a column of one table only, so it is planned only for that table.
        IF TG_TABLE_NAME = 'distribution' THEN
          v_distribution := NEW.id;
        ELSE
          v_distribution := NEW.distribution_id;
        END IF;
        SELECT d.amount, (SELECT count(*) FROM alliance.agreement_party p
                          WHERE p.agreement_id = d.agreement_id AND p.version = d.version)
          INTO v_amount, v_parties
          FROM alliance.distribution d WHERE d.id = v_distribution;
        SELECT coalesce(sum(amount), 0), count(*) INTO v_paid, v_payouts
          FROM alliance.payout WHERE distribution_id = v_distribution;
        IF v_paid <> v_amount OR v_payouts <> v_parties THEN
          RAISE EXCEPTION 'distribution % pays % in % payouts; it must pay % to % parties',
            v_distribution, v_paid, v_payouts, v_amount, v_parties
            USING ERRCODE = 'check_violation', CONSTRAINT = 'distribution_payouts_sum_to_amount';
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['distribution', 'payout']) {
      await db.query(`
        CREATE CONSTRAINT TRIGGER ${table}_payouts_sum AFTER INSERT ON alliance.${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION alliance.check_distribution_payouts()`);
    }

    await db.query(`
      CREATE FUNCTION alliance.refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are history: amend the agreement with a new version instead', TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'agreement_history_immutable';
      END $$`);
    for (const table of ['agreement_version', 'agreement_party', 'distribution', 'payout']) {
      await db.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON alliance.${table}
          FOR EACH ROW EXECUTE FUNCTION alliance.refuse_history_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alliance.payout`);
    await db.query(`DROP TABLE alliance.distribution`);
    await db.query(`DROP TABLE alliance.agreement_party`);
    await db.query(
      `ALTER TABLE alliance.benefit_agreement DROP CONSTRAINT benefit_agreement_current_version`,
    );
    await db.query(`DROP TABLE alliance.agreement_version`);
    await db.query(`DROP TABLE alliance.benefit_agreement`);
    await db.query(`DROP FUNCTION alliance.refuse_history_change()`);
    await db.query(`DROP FUNCTION alliance.check_distribution_payouts()`);
    await db.query(`DROP FUNCTION alliance.check_agreement_shares()`);
  }
}
