import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the project board filters and orders by, kept cheap at 100,000 projects.
 *
 * `stage_changed_at`: when the project last changed stage, kept on the project so the board
 * orders and filters by it with an index instead of grouping the history. Backfilled from
 * the history; afterwards a statement-level trigger on `alliance.stage_change` sets it in
 * the transaction that records a change, whoever records it (`createProject` and
 * `changeProjectStage` through the repository, the seeds, the scale generator's bulk
 * inserts). Millisecond precision, like `created_at`, so a cursor's timestamp is exact.
 *
 * Indexes: one `(sort key, id)` index per order of the board (a B-tree reads both ways,
 * so ASC and DESC, forward and backward, use the same one); `(stage, stage_changed_at, id)`
 * beside the existing `(stage, created_at, id)` because a stage is the board's usual
 * filter; `(lead_enterprise_id | achievement_id, created_at, id)` for the per-parent
 * newest-first lists and their filters. A substring of code or title cannot use a B-tree:
 * the text filter rides the ordered scan, which stops once a page is full.
 */
export class ProjectBoard1764100000000 implements MigrationInterface {
  name = 'ProjectBoard1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE alliance.project ADD COLUMN stage_changed_at timestamptz(3) NOT NULL DEFAULT now()`,
    );
    await db.query(`
      UPDATE alliance.project p SET stage_changed_at = coalesce(s.last_change, p.created_at)
      FROM (
        SELECT p2.id, max(s2.changed_at) AS last_change
        FROM alliance.project p2 LEFT JOIN alliance.stage_change s2 ON s2.project_id = p2.id
        GROUP BY p2.id
      ) s
      WHERE s.id = p.id`);
    await db.query(`
      CREATE FUNCTION alliance.record_stage_changed_at() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE alliance.project p SET stage_changed_at = s.last_change
        FROM (SELECT project_id, max(changed_at) AS last_change FROM recorded GROUP BY project_id) s
        WHERE s.project_id = p.id;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER stage_change_sets_stage_changed_at
        AFTER INSERT ON alliance.stage_change
        REFERENCING NEW TABLE AS recorded
        FOR EACH STATEMENT EXECUTE FUNCTION alliance.record_stage_changed_at()`);
    await db.query(`CREATE INDEX project_stage_changed_idx ON alliance.project (stage_changed_at, id)`);
    await db.query(
      `CREATE INDEX project_stage_stage_changed_idx ON alliance.project (stage, stage_changed_at, id)`,
    );
    await db.query(`CREATE INDEX project_code_order_idx ON alliance.project (code, id)`);
    await db.query(`CREATE INDEX project_title_order_idx ON alliance.project (title, id)`);
    await db.query(
      `CREATE INDEX project_enterprise_created_idx ON alliance.project (lead_enterprise_id, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX project_achievement_created_idx ON alliance.project (achievement_id, created_at, id)`,
    );
    // Superseded by the two above, which also serve ledProjects' and Achievement.projects' newest first.
    await db.query(`DROP INDEX alliance.project_achievement_idx`);
    await db.query(`DROP INDEX alliance.project_enterprise_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX project_achievement_idx ON alliance.project (achievement_id)`);
    await db.query(`CREATE INDEX project_enterprise_idx ON alliance.project (lead_enterprise_id)`);
    await db.query(`DROP INDEX alliance.project_achievement_created_idx`);
    await db.query(`DROP INDEX alliance.project_enterprise_created_idx`);
    await db.query(`DROP INDEX alliance.project_title_order_idx`);
    await db.query(`DROP INDEX alliance.project_code_order_idx`);
    await db.query(`DROP INDEX alliance.project_stage_stage_changed_idx`);
    await db.query(`DROP INDEX alliance.project_stage_changed_idx`);
    await db.query(`DROP TRIGGER stage_change_sets_stage_changed_at ON alliance.stage_change`);
    await db.query(`DROP FUNCTION alliance.record_stage_changed_at()`);
    await db.query(`ALTER TABLE alliance.project DROP COLUMN stage_changed_at`);
  }
}
