import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTallySql, dropTallySql, type TallyDefinition } from '../../../shared/tally';

/**
 * The dashboards' project counts kept as they change instead of counted on every read:
 * `project_tally` holds, per alliance, how many projects there are of each (stage, key
 * project, furthest stage). Every figure the dashboards show of projects — per stage, the
 * funnel, key projects, the docked total, an alliance's goals — sums at most a few dozen of
 * its rows, whatever the number of projects. Writers of one alliance's projects queue on
 * that alliance's lock (shared/tally.ts).
 */
const PROJECT_TALLY: TallyDefinition = {
  schema: 'alliance',
  table: 'project',
  tally: 'project_tally',
  groupBy: [
    { column: 'alliance_id', type: 'text' },
    { column: 'stage', type: 'text' },
    { column: 'key_project', type: 'boolean' },
    { column: 'furthest_stage', type: 'smallint' },
  ],
};

export class ProjectTally1765400000000 implements MigrationInterface {
  name = 'ProjectTally1765400000000';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of createTallySql(PROJECT_TALLY)) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of dropTallySql(PROJECT_TALLY)) await db.query(statement);
  }
}
