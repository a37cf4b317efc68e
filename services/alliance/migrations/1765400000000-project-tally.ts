import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboards' project counts kept as they change instead of counted on every read:
 * `project_tally` holds, per alliance, how many projects there are of each (stage, key
 * project, furthest stage). Every figure the dashboards show of projects — per stage, the
 * funnel, key projects, the docked total, an alliance's goals — is a sum over at most a few
 * dozen of its rows, whatever the number of projects.
 *
 * A row trigger on `project` moves one project from its old group to its new one in the
 * writing transaction, whoever writes (the services, the seeds, the scale generator's bulk
 * inserts, the furthest-stage trigger), so the tally is exact at every commit. Writers of
 * one alliance's projects take that alliance's transaction-level advisory lock before they
 * touch its tally rows: two transitions then never wait on each other's rows in a cycle.
 */
export class ProjectTally1765400000000 implements MigrationInterface {
  name = 'ProjectTally1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alliance.project_tally (
        alliance_id text NOT NULL,
        stage text NOT NULL,
        key_project boolean NOT NULL,
        furthest_stage smallint NOT NULL,
        projects integer NOT NULL CONSTRAINT project_tally_not_negative CHECK (projects >= 0),
        PRIMARY KEY (alliance_id, stage, key_project, furthest_stage)
      )`);
    await db.query(`
      COMMENT ON TABLE alliance.project_tally IS
        'How many projects of each alliance are in each (stage, key_project, furthest_stage) group; kept by the trigger project_keeps_tally'`);
    await db.query(`
      INSERT INTO alliance.project_tally (alliance_id, stage, key_project, furthest_stage, projects)
      SELECT alliance_id, stage, key_project, furthest_stage, count(*)
      FROM alliance.project GROUP BY alliance_id, stage, key_project, furthest_stage`);
    // A project leaving a group finds its row (it was counted when it entered): an UPDATE.
    // One entering may be the group's first: an upsert. (An upsert of -1 would fail the
    // CHECK on the proposed row before PostgreSQL looks for the conflicting one.)
    await db.query(`
      CREATE FUNCTION alliance.add_to_project_tally(
        alliance text, at_stage text, key boolean, furthest smallint, delta integer
      ) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('alliance.project_tally'), hashtext(alliance));
        IF delta < 0 THEN
          UPDATE alliance.project_tally SET projects = projects + delta
          WHERE alliance_id = alliance AND stage = at_stage AND key_project = key AND furthest_stage = furthest;
        ELSE
          INSERT INTO alliance.project_tally AS t (alliance_id, stage, key_project, furthest_stage, projects)
          VALUES (alliance, at_stage, key, furthest, delta)
          ON CONFLICT (alliance_id, stage, key_project, furthest_stage)
          DO UPDATE SET projects = t.projects + excluded.projects;
        END IF;
      END $$`);
    await db.query(`
      CREATE FUNCTION alliance.keep_project_tally() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND (OLD.alliance_id, OLD.stage, OLD.key_project, OLD.furthest_stage)
               IS NOT DISTINCT FROM (NEW.alliance_id, NEW.stage, NEW.key_project, NEW.furthest_stage) THEN
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM alliance.add_to_project_tally(OLD.alliance_id, OLD.stage, OLD.key_project, OLD.furthest_stage, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          PERFORM alliance.add_to_project_tally(NEW.alliance_id, NEW.stage, NEW.key_project, NEW.furthest_stage, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER project_keeps_tally
        AFTER INSERT OR DELETE OR UPDATE OF alliance_id, stage, key_project, furthest_stage
        ON alliance.project
        FOR EACH ROW EXECUTE FUNCTION alliance.keep_project_tally()`);
    // TRUNCATE bypasses row triggers: it empties the tally with the projects.
    await db.query(`
      CREATE FUNCTION alliance.empty_project_tally() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM alliance.project_tally;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER project_truncate_empties_tally
        AFTER TRUNCATE ON alliance.project
        FOR EACH STATEMENT EXECUTE FUNCTION alliance.empty_project_tally()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER project_truncate_empties_tally ON alliance.project`);
    await db.query(`DROP FUNCTION alliance.empty_project_tally()`);
    await db.query(`DROP TRIGGER project_keeps_tally ON alliance.project`);
    await db.query(`DROP FUNCTION alliance.keep_project_tally()`);
    await db.query(`DROP FUNCTION alliance.add_to_project_tally(text, text, boolean, smallint, integer)`);
    await db.query(`DROP TABLE alliance.project_tally`);
  }
}
