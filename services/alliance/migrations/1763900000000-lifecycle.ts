import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legal stage transitions as a table that every recorded stage change references, so
 * PostgreSQL itself refuses an illegal step (the rules in lifecycle.ts say the same).
 * Creation records (`from_stage` NULL) are not transitions and pass the foreign key.
 */
export class Lifecycle1763900000000 implements MigrationInterface {
  name = 'Lifecycle1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alliance.stage_transition (
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        PRIMARY KEY (from_stage, to_stage)
      )`);
    await db.query(`
      INSERT INTO alliance.stage_transition (from_stage, to_stage)
      SELECT pairs.from_stage, pairs.to_stage FROM (VALUES
        ('DOCKING', 'EVALUATION'),
        ('EVALUATION', 'PROOF_OF_CONCEPT'),
        ('PROOF_OF_CONCEPT', 'PILOT'),
        ('PILOT', 'INDUSTRIALIZATION'),
        ('INDUSTRIALIZATION', 'COMMERCIALIZED')
      ) AS pairs (from_stage, to_stage)
      UNION ALL
      SELECT active.stage, held.to_stage
      FROM (VALUES ('DOCKING'), ('EVALUATION'), ('PROOF_OF_CONCEPT'), ('PILOT'), ('INDUSTRIALIZATION'))
        AS active (stage)
      CROSS JOIN (VALUES ('ON_HOLD'), ('TERMINATED')) AS held (to_stage)
      UNION ALL
      -- Resuming: ON_HOLD back to an active stage (the service picks the one it left).
      SELECT 'ON_HOLD', active.stage
      FROM (VALUES ('DOCKING'), ('EVALUATION'), ('PROOF_OF_CONCEPT'), ('PILOT'), ('INDUSTRIALIZATION'))
        AS active (stage)
      UNION ALL
      SELECT 'ON_HOLD', 'TERMINATED'`);
    await db.query(`
      ALTER TABLE alliance.stage_change
        ADD CONSTRAINT stage_change_legal_transition
          FOREIGN KEY (from_stage, to_stage) REFERENCES alliance.stage_transition (from_stage, to_stage),
        ADD CONSTRAINT stage_change_reason_given CHECK (btrim(reason) <> '')`);
    // The resume stage of an ON_HOLD project is the from_stage of its latest change.
    await db.query(
      `CREATE INDEX stage_change_to_idx ON alliance.stage_change (project_id, to_stage, seq DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX alliance.stage_change_to_idx`);
    await db.query(`
      ALTER TABLE alliance.stage_change
        DROP CONSTRAINT stage_change_reason_given,
        DROP CONSTRAINT stage_change_legal_transition`);
    await db.query(`DROP TABLE alliance.stage_transition`);
  }
}
