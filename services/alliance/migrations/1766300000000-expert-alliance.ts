import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The alliance the graph served alone before alliances were records: every existing expert is its. */
const FIRST_ALLIANCE = 'cas-advanced-materials';

/**
 * Each alliance its own technical expert committee (issue #17): an expert sits on the
 * committee of one alliance, registered by that alliance's secretariat, and reviews that
 * alliance's projects only. The experts already here are the first alliance's. No default:
 * every writer names the alliance (the service, the seed, the scale generator). A token's
 * subject stays one expert (`expert_subject_once`), so a person on two committees needs two
 * subjects. The committee's page, by name, is per alliance now: (alliance_id, name, id);
 * `expert_name_idx` keeps serving the list of every committee.
 */
export class ExpertAlliance1766300000000 implements MigrationInterface {
  name = 'ExpertAlliance1766300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE alliance.expert ADD COLUMN alliance_id text REFERENCES alliance.alliance (id)`,
    );
    await db.query(`UPDATE alliance.expert SET alliance_id = $1`, [FIRST_ALLIANCE]);
    await db.query(`ALTER TABLE alliance.expert ALTER COLUMN alliance_id SET NOT NULL`);
    await db.query(`CREATE INDEX expert_alliance_name_idx ON alliance.expert (alliance_id, name, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The other committees' experts go, with their reviews (the graph had one committee).
    await db.query(
      `DELETE FROM alliance.expert_review r USING alliance.expert e
       WHERE e.id = r.expert_id AND e.alliance_id <> $1`,
      [FIRST_ALLIANCE],
    );
    await db.query(`DELETE FROM alliance.expert WHERE alliance_id <> $1`, [FIRST_ALLIANCE]);
    await db.query(`DROP INDEX alliance.expert_alliance_name_idx`);
    await db.query(`ALTER TABLE alliance.expert DROP COLUMN alliance_id`);
  }
}
