import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's council figures read an alliance's members by role and status: the
 * governing units now, their growth, and the members not withdrawn
 * (`MetricsRepository.membershipStats`). Without this index each of those read every member
 * of every alliance (4 scans of 4,589 rows at the scale data set's 100,000 projects); with
 * it, the governing units (55 there) by index, and the count of members from the index alone.
 */
export class MemberRoles1766700000000 implements MigrationInterface {
  name = 'MemberRoles1766700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX member_alliance_role_idx ON alliance.member (alliance_id, role, status)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX alliance.member_alliance_role_idx`);
  }
}
