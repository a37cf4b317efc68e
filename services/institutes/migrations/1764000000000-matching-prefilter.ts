import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ipcClassesFunctionSql } from '../../../shared/ipc';

/**
 * Lets matching skip the achievements that cannot score: an index on each achievement's IPC
 * classes, beside the existing ones on keywords and the search vector (see
 * `candidateConditionsSql` in shared/matching-rules.ts).
 */
export class MatchingPrefilter1764000000000 implements MigrationInterface {
  name = 'MatchingPrefilter1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(ipcClassesFunctionSql('institutes'));
    await db.query(
      `CREATE INDEX achievement_ipc_classes_idx ON institutes.achievement USING gin (institutes.ipc_classes(ipc_codes))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX institutes.achievement_ipc_classes_idx`);
    await db.query(`DROP FUNCTION institutes.ipc_classes(text[])`);
  }
}
