import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far along the pipeline each project ever went, kept on the project itself
 * (`furthest_stage`: 1 = DOCKING … 6 = COMMERCIALIZED; a project on hold or terminated
 * after PILOT still reached PILOT). The dashboard's funnel reads it with one scan of the
 * projects instead of grouping their whole stage history on every request.
 *
 * A statement-level trigger on the history raises it, whoever inserts (the services, the
 * seeds, the scale generator's bulk inserts): the history is append-only, so the furthest
 * stage only ever grows. Written in the project's row, which a transition locks anyway.
 */
export class FurthestStage1764000000000 implements MigrationInterface {
  name = 'FurthestStage1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION alliance.pipeline_position(stage text) RETURNS int
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT array_position(
          ARRAY['DOCKING', 'EVALUATION', 'PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'COMMERCIALIZED'],
          stage)
      $$`);
    await db.query(`
      ALTER TABLE alliance.project
        ADD COLUMN furthest_stage smallint NOT NULL DEFAULT 1
          CONSTRAINT project_furthest_stage_range CHECK (furthest_stage BETWEEN 1 AND 6)`);
    await db.query(`
      UPDATE alliance.project p SET furthest_stage = s.furthest
      FROM (
        SELECT project_id, max(alliance.pipeline_position(to_stage)) AS furthest
        FROM alliance.stage_change GROUP BY project_id
      ) s
      WHERE s.project_id = p.id AND s.furthest > 1`);
    await db.query(`
      CREATE FUNCTION alliance.raise_furthest_stage() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE alliance.project p SET furthest_stage = s.furthest
        FROM (
          SELECT project_id, max(alliance.pipeline_position(to_stage)) AS furthest
          FROM recorded GROUP BY project_id
        ) s
        WHERE s.project_id = p.id AND s.furthest > p.furthest_stage;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER stage_change_raises_furthest_stage
        AFTER INSERT ON alliance.stage_change
        REFERENCING NEW TABLE AS recorded
        FOR EACH STATEMENT EXECUTE FUNCTION alliance.raise_furthest_stage()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER stage_change_raises_furthest_stage ON alliance.stage_change`);
    await db.query(`DROP FUNCTION alliance.raise_furthest_stage()`);
    await db.query(`ALTER TABLE alliance.project DROP COLUMN furthest_stage`);
    await db.query(`DROP FUNCTION alliance.pipeline_position(text)`);
  }
}
