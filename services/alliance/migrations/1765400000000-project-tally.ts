import { tallyMigration } from '../../../shared/tally';

/**
 * The dashboards' project counts kept as they change instead of counted on every read:
 * `project_tally` holds, per alliance, how many projects there are of each (stage, key
 * project, furthest stage). Every figure the dashboards show of projects — per stage, the
 * funnel, key projects, the docked total, an alliance's goals, the board's total — sums at
 * most a few dozen of its rows, whatever the number of projects. Writers of one alliance's
 * projects queue on that alliance's lock (shared/tally.ts).
 */
export const ProjectTally1765400000000 = tallyMigration('ProjectTally', 1765400000000, {
  schema: 'alliance',
  table: 'project',
  tally: 'project_tally',
  groupBy: [
    { column: 'alliance_id', type: 'text' },
    { column: 'stage', type: 'text' },
    { column: 'key_project', type: 'boolean' },
    { column: 'furthest_stage', type: 'smallint' },
  ],
  // A project stays in its alliance: writers of different alliances do not queue.
  lockBy: 'alliance_id',
});
