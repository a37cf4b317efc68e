import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The alliance the graph served alone before alliances were records. */
const FIRST_ALLIANCE = 'cas-advanced-materials';

/**
 * Capital per alliance: an investment in a project records that project's alliance
 * (`alliance_id`), read from the alliance subgraph when the investment is made. A project
 * never changes alliance, so the copy never goes stale, and the funds subgraph can sum each
 * alliance's capital in its own database (`Alliance.capitalCommitted`,
 * `AllianceYear.capitalCommitted`) without asking the alliance for its projects. An
 * investment in an enterprise belongs to no alliance; one in a project always to one
 * (`investment_alliance_of_project`).
 *
 * Backfill: every existing project investment becomes the first alliance's, the CAS
 * Advanced Materials Alliance. Before alliances were records every project was that
 * alliance's (the alliance subgraph's migration 1765300000000 made every earlier project
 * its), and the demo data has no investment in another alliance's project (the other
 * alliances have no demo projects). A migration reads only its own database, so it cannot
 * ask the alliance: a deployment that committed money to another alliance's project between
 * alliances becoming records and this migration must correct those rows by hand, with the
 * project ids the alliance lists for that alliance
 * (`UPDATE funds.investment SET alliance_id = '<alliance>' WHERE project_id IN (…)`).
 */
export class InvestmentAlliance1766100000000 implements MigrationInterface {
  name = 'InvestmentAlliance1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE funds.investment ADD COLUMN alliance_id text`);
    await db.query(`UPDATE funds.investment SET alliance_id = $1 WHERE project_id IS NOT NULL`, [
      FIRST_ALLIANCE,
    ]);
    await db.query(`
      ALTER TABLE funds.investment
        ADD CONSTRAINT investment_alliance_of_project CHECK ((project_id IS NULL) = (alliance_id IS NULL))`);
    // Each alliance's capital, in all and per year of commitment: one range of the index.
    await db.query(`
      CREATE INDEX investment_alliance_idx ON funds.investment (alliance_id, committed_on)
        WHERE alliance_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX funds.investment_alliance_idx`);
    await db.query(`ALTER TABLE funds.investment DROP COLUMN alliance_id`);
  }
}
