import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTallySql, dropTallySql, type TallyDefinition } from '../../../shared/tally';

const TALLY: TallyDefinition = {
  schema: 'alliance',
  table: 'distribution',
  tally: 'benefit_tally',
  groupBy: [
    { column: 'alliance_id', type: 'text' },
    { column: 'currency', type: 'text' },
  ],
  // A distribution stays in its project's alliance: writers of different alliances do not queue.
  lockBy: 'alliance_id',
  sums: [{ column: 'amount', type: 'numeric' }],
};

/**
 * The benefits distributed kept as they are executed instead of summed over every
 * distribution, through its agreement, of every project on each read (~90 ms, twice per
 * dashboard, at 100,000 projects).
 *
 * Each distribution records its project's alliance (`alliance_id`), set by the database
 * from the agreement's project whoever inserts it (the service, the seeds, a bulk load):
 * a project never changes alliance, so the copy never goes stale. `benefit_tally` holds,
 * per alliance and currency, how many distributions there are and their exact sum
 * (shared/tally.ts); the dashboard's and each alliance's `benefitsDistributed` read one of
 * its rows, and the alliance's results per year read that alliance's distributions through
 * `distribution_alliance_idx` instead of joining its projects.
 */
export class BenefitTally1766500000000 implements MigrationInterface {
  name = 'BenefitTally1766500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alliance.distribution ADD COLUMN alliance_id text`);
    await db.query(`
      CREATE FUNCTION alliance.distribution_of_alliance() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        SELECT p.alliance_id INTO NEW.alliance_id
        FROM alliance.benefit_agreement g JOIN alliance.project p ON p.id = g.project_id
        WHERE g.id = NEW.agreement_id;
        RETURN NEW;
      END $$`);
    // Distributions are never changed (distribution_immutable refuses it): set on insert.
    await db.query(`
      CREATE TRIGGER distribution_of_alliance
        BEFORE INSERT ON alliance.distribution
        FOR EACH ROW EXECUTE FUNCTION alliance.distribution_of_alliance()`);
    // The rows already there get theirs here, the one time the history is written to: the
    // guard steps aside within this migration's transaction only.
    await db.query(`ALTER TABLE alliance.distribution DISABLE TRIGGER distribution_immutable`);
    await db.query(`
      UPDATE alliance.distribution d SET alliance_id = p.alliance_id
      FROM alliance.benefit_agreement g JOIN alliance.project p ON p.id = g.project_id
      WHERE g.id = d.agreement_id`);
    await db.query(`ALTER TABLE alliance.distribution ENABLE TRIGGER distribution_immutable`);
    await db.query(`ALTER TABLE alliance.distribution ALTER COLUMN alliance_id SET NOT NULL`);
    await db.query(
      `CREATE INDEX distribution_alliance_idx ON alliance.distribution (alliance_id, executed_at)`,
    );
    for (const statement of createTallySql(TALLY)) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of dropTallySql(TALLY)) await db.query(statement);
    await db.query(`DROP INDEX alliance.distribution_alliance_idx`);
    await db.query(`DROP TRIGGER distribution_of_alliance ON alliance.distribution`);
    await db.query(`DROP FUNCTION alliance.distribution_of_alliance()`);
    await db.query(`ALTER TABLE alliance.distribution DROP COLUMN alliance_id`);
  }
}
