import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTallySql, dropTallySql, type TallyDefinition } from '../../../shared/tally';

/**
 * The dashboard's achievements per TRL kept as they change instead of counted over every
 * achievement on each read: `achievement_tally` holds how many achievements there are of
 * each (TRL, visibility), at most 27 rows. Writers of achievements of one TRL queue on that
 * TRL's lock (shared/tally.ts): registering achievements is an institute's pace.
 */
const ACHIEVEMENT_TALLY: TallyDefinition = {
  schema: 'institutes',
  table: 'achievement',
  tally: 'achievement_tally',
  groupBy: [
    { column: 'trl', type: 'integer' },
    { column: 'visibility', type: 'text' },
  ],
};

export class TrlTally1766100000000 implements MigrationInterface {
  name = 'TrlTally1766100000000';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of createTallySql(ACHIEVEMENT_TALLY)) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of dropTallySql(ACHIEVEMENT_TALLY)) await db.query(statement);
  }
}
