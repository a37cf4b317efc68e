import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The kind of a key project, where an alliance sorts its key projects by kind: the
 * Central Enterprises consortium (article 004) names four — pilot, facility sharing,
 * proof of concept and one-stop services. Only a key project has a kind; the CAS
 * alliance's key projects have none.
 */
export class KeyProjectKind1766400000000 implements MigrationInterface {
  name = 'KeyProjectKind1766400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE alliance.project
        ADD COLUMN key_project_kind text
          CHECK (key_project_kind IN ('PILOT', 'FACILITY_SHARING', 'PROOF_OF_CONCEPT', 'ONE_STOP_SERVICE')),
        ADD CONSTRAINT project_kind_of_key_project CHECK (key_project_kind IS NULL OR key_project)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alliance.project DROP COLUMN key_project_kind`);
  }
}
