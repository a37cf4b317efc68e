import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order in which matching meets achievements of equal score: TRL descending, then id
 * (`bestScoreMatchesSql` in shared/matching-rules.ts). Walking this index, matching finds a
 * demand's best-scoring candidates in rank order and stops at the page's end, instead of
 * grading every achievement that shares a keyword.
 */
export class BestScoreWalk1766600000000 implements MigrationInterface {
  name = 'BestScoreWalk1766600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX achievement_rank_idx ON institutes.achievement (trl DESC, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX institutes.achievement_rank_idx`);
  }
}
