import type { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES = `('DOCKING', 'EVALUATION', 'PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'COMMERCIALIZED', 'ON_HOLD', 'TERMINATED')`;

/** Projects and their stage history. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alliance.project (
        id text PRIMARY KEY CHECK (id <> ''),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
        title text NOT NULL CHECK (btrim(title) <> ''),
        summary text NOT NULL DEFAULT '',
        stage text NOT NULL CHECK (stage IN ${STAGES}),
        key_project boolean NOT NULL DEFAULT false,
        achievement_id text NOT NULL,
        lead_enterprise_id text NOT NULL,
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX project_created_idx ON alliance.project (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX project_stage_idx ON alliance.project (stage, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX project_achievement_idx ON alliance.project (achievement_id)`);
    await db.query(`CREATE INDEX project_enterprise_idx ON alliance.project (lead_enterprise_id)`);
    await db.query(`
      CREATE TABLE alliance.stage_change (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id text NOT NULL REFERENCES alliance.project (id),
        from_stage text CHECK (from_stage IN ${STAGES}),
        to_stage text NOT NULL CHECK (to_stage IN ${STAGES}),
        changed_by text NOT NULL,
        changed_at timestamptz(3) NOT NULL DEFAULT now(),
        reason text NOT NULL
      )`);
    await db.query(`CREATE INDEX stage_change_project_idx ON alliance.stage_change (project_id, seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alliance.stage_change`);
    await db.query(`DROP TABLE alliance.project`);
  }
}
