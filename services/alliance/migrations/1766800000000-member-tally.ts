import { tallyMigration } from '../../../shared/tally';

/**
 * The register's counts kept as memberships change instead of counted on every read:
 * `member_tally` holds, per alliance, how many memberships there are of each (role, status).
 * The dashboard's members and governing units, and each alliance's, sum at most fifteen of
 * its rows, however many organizations join (about 1,600 in the first alliance of the
 * 100,000-project data set, counted on every dashboard request before). Writers of one
 * alliance's register queue on that alliance's lock (shared/tally.ts).
 */
export const MemberTally1766800000000 = tallyMigration('MemberTally', 1766800000000, {
  schema: 'alliance',
  table: 'member',
  tally: 'member_tally',
  groupBy: [
    { column: 'alliance_id', type: 'text' },
    { column: 'role', type: 'text' },
    { column: 'status', type: 'text' },
  ],
  // A membership stays in its alliance: registers of different alliances do not queue.
  lockBy: 'alliance_id',
});
