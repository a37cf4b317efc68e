import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CANONICAL_IPC_PATTERN, ipcMatchLevelFunctionSql } from '../../../shared/ipc';
import { searchWordsFunctionSql } from '../../../shared/matching-rules';

const DEVELOPMENT_STATUSES = `('LABORATORY', 'PROOF_OF_CONCEPT', 'PILOT', 'DEMONSTRATION', 'INDUSTRIALIZED')`;

/**
 * The innovation chain in full: an achievement's development status, TRL history and
 * full-text search vector; researchers and inventors with exact shares; patents; and the
 * IPC comparison that matching uses.
 */
export class InnovationChain1763900000000 implements MigrationInterface {
  name = 'InnovationChain1763900000000';

  async up(db: QueryRunner): Promise<void> {
    // The searched words (the generated column below) and the IPC comparison matching uses:
    // the same helpers as the enterprises subgraph's, so both directions of matching agree.
    await db.query(searchWordsFunctionSql('institutes'));
    // Canonical IPC codes: a subclass (C08J) or a group (C08J 5/18). The service writes
    // them in this form; the CHECK keeps anything else out.
    await db.query(`
      CREATE FUNCTION institutes.ipc_codes_valid(codes text[]) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(bool_and(code ~ '${CANONICAL_IPC_PATTERN}'), true)
        FROM unnest(codes) code
      $$`);
    await db.query(ipcMatchLevelFunctionSql('institutes'));

    await db.query(`
      ALTER TABLE institutes.achievement
        ADD COLUMN development_status text NOT NULL DEFAULT 'LABORATORY'
          CONSTRAINT achievement_development_status_check CHECK (development_status IN ${DEVELOPMENT_STATUSES}),
        ADD COLUMN trl_changed_on date,
        ADD COLUMN trl_note text NOT NULL DEFAULT '',
        ADD COLUMN search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', institutes.words(keywords)), 'B') ||
          setweight(to_tsvector('english', summary), 'C')
        ) STORED`);
    // Rows from before this migration: the status their TRL implies, the TRL as of registration.
    await db.query(`
      UPDATE institutes.achievement SET
        trl_changed_on = created_at::date,
        development_status = CASE
          WHEN trl >= 9 THEN 'INDUSTRIALIZED'
          WHEN trl >= 7 THEN 'DEMONSTRATION'
          WHEN trl >= 5 THEN 'PILOT'
          WHEN trl >= 3 THEN 'PROOF_OF_CONCEPT'
          ELSE 'LABORATORY'
        END`);
    await db.query(`
      ALTER TABLE institutes.achievement
        ALTER COLUMN trl_changed_on SET NOT NULL,
        ADD CONSTRAINT achievement_ipc_codes_format CHECK (institutes.ipc_codes_valid(ipc_codes)),
        ADD CONSTRAINT achievement_ipc_codes_count CHECK (cardinality(ipc_codes) BETWEEN 1 AND 20),
        ADD CONSTRAINT achievement_keywords_count CHECK (cardinality(keywords) <= 30)`);
    await db.query(`CREATE INDEX achievement_search_idx ON institutes.achievement USING gin (search)`);
    await db.query(`CREATE INDEX achievement_keywords_idx ON institutes.achievement USING gin (keywords)`);
    await db.query(
      `CREATE INDEX achievement_trl_idx ON institutes.achievement (trl, created_at DESC, id DESC)`,
    );

    await db.query(`
      CREATE TABLE institutes.trl_change (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        achievement_id text NOT NULL REFERENCES institutes.achievement (id) ON DELETE CASCADE,
        from_trl int CONSTRAINT trl_change_from_range CHECK (from_trl BETWEEN 1 AND 9),
        to_trl int NOT NULL CONSTRAINT trl_change_to_range CHECK (to_trl BETWEEN 1 AND 9),
        changed_on date NOT NULL,
        note text NOT NULL,
        changed_by text NOT NULL,
        recorded_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX trl_change_achievement_idx ON institutes.trl_change (achievement_id, seq)`);
    await db.query(`
      INSERT INTO institutes.trl_change (achievement_id, from_trl, to_trl, changed_on, note, changed_by)
      SELECT id, NULL, trl, trl_changed_on, 'TRL as registered', 'migration' FROM institutes.achievement`);

    await db.query(`
      CREATE TABLE institutes.researcher (
        id text PRIMARY KEY CHECK (id <> ''),
        institute_id text NOT NULL CONSTRAINT researcher_institute_fkey REFERENCES institutes.institute (id),
        name text NOT NULL CONSTRAINT researcher_name_present CHECK (btrim(name) <> ''),
        title text,
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX researcher_institute_idx ON institutes.researcher (institute_id, name, id)`);

    await db.query(`
      CREATE TABLE institutes.inventor (
        achievement_id text NOT NULL
          CONSTRAINT inventor_achievement_fkey REFERENCES institutes.achievement (id) ON DELETE CASCADE,
        researcher_id text NOT NULL CONSTRAINT inventor_researcher_fkey REFERENCES institutes.researcher (id),
        share numeric(5, 2) NOT NULL CONSTRAINT inventor_share_range CHECK (share > 0 AND share <= 100),
        position int NOT NULL CHECK (position >= 0),
        CONSTRAINT inventor_pkey PRIMARY KEY (achievement_id, researcher_id),
        CONSTRAINT inventor_position_key UNIQUE (achievement_id, position)
      )`);
    await db.query(`CREATE INDEX inventor_researcher_idx ON institutes.inventor (researcher_id)`);
    // The shares of an achievement that has inventors sum to exactly 100. Checked at commit
    // (deferred), so a transaction may replace the whole list row by row; the error names
    // the constraint like any CHECK violation would.
    await db.query(`
      CREATE FUNCTION institutes.check_inventor_shares() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        target text;
        total numeric;
      BEGIN
        IF TG_OP = 'DELETE' THEN target := OLD.achievement_id; ELSE target := NEW.achievement_id; END IF;
        SELECT sum(share) INTO total FROM institutes.inventor WHERE achievement_id = target;
        IF total IS NOT NULL AND total <> 100 THEN
          RAISE EXCEPTION 'inventor shares of achievement % sum to %, not 100', target, total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'inventor_shares_sum_100';
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.achievement_id <> NEW.achievement_id THEN
          SELECT sum(share) INTO total FROM institutes.inventor WHERE achievement_id = OLD.achievement_id;
          IF total IS NOT NULL AND total <> 100 THEN
            RAISE EXCEPTION 'inventor shares of achievement % sum to %, not 100', OLD.achievement_id, total
              USING ERRCODE = 'check_violation', CONSTRAINT = 'inventor_shares_sum_100';
          END IF;
        END IF;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER inventor_shares_sum_100
        AFTER INSERT OR UPDATE OR DELETE ON institutes.inventor
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION institutes.check_inventor_shares()`);

    await db.query(`
      CREATE TABLE institutes.patent (
        id text PRIMARY KEY CHECK (id <> ''),
        achievement_id text NOT NULL REFERENCES institutes.achievement (id) ON DELETE CASCADE,
        number text NOT NULL CONSTRAINT patent_number_format CHECK (number ~ '^[A-Z0-9][A-Z0-9./ -]{2,39}$'),
        jurisdiction text NOT NULL CONSTRAINT patent_jurisdiction_format CHECK (jurisdiction ~ '^[A-Z]{2}$'),
        title text NOT NULL CONSTRAINT patent_title_present CHECK (btrim(title) <> ''),
        status text NOT NULL CONSTRAINT patent_status_check
          CHECK (status IN ('FILED', 'GRANTED', 'LAPSED', 'EXPIRED')),
        filed_on date NOT NULL,
        granted_on date,
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT patent_number_key UNIQUE (jurisdiction, number),
        CONSTRAINT patent_granted_after_filing CHECK (granted_on IS NULL OR granted_on >= filed_on),
        -- A filed application has no grant date; a granted or expired patent has one; a
        -- lapsed one may have lapsed before or after its grant.
        CONSTRAINT patent_grant_date_status CHECK (
          (status = 'FILED' AND granted_on IS NULL)
          OR (status IN ('GRANTED', 'EXPIRED') AND granted_on IS NOT NULL)
          OR status = 'LAPSED'
        )
      )`);
    await db.query(`CREATE INDEX patent_achievement_idx ON institutes.patent (achievement_id, filed_on, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE institutes.patent`);
    await db.query(`DROP TABLE institutes.inventor`);
    await db.query(`DROP FUNCTION institutes.check_inventor_shares()`);
    await db.query(`DROP TABLE institutes.researcher`);
    await db.query(`DROP TABLE institutes.trl_change`);
    await db.query(`
      ALTER TABLE institutes.achievement
        DROP CONSTRAINT achievement_ipc_codes_format,
        DROP CONSTRAINT achievement_ipc_codes_count,
        DROP CONSTRAINT achievement_keywords_count,
        DROP COLUMN search,
        DROP COLUMN trl_note,
        DROP COLUMN trl_changed_on,
        DROP COLUMN development_status`);
    await db.query(`DROP FUNCTION institutes.ipc_match_level(text, text)`);
    await db.query(`DROP FUNCTION institutes.ipc_codes_valid(text[])`);
    await db.query(`DROP FUNCTION institutes.words(text[])`);
  }
}
