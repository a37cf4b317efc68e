import { tallyMigration } from '../../../shared/tally';

/**
 * The dashboard's achievements per TRL kept as they change instead of counted over every
 * achievement on each read: `achievement_tally` holds how many achievements there are of
 * each (TRL, visibility), at most 27 rows. Writers of achievements queue on the tally's one
 * lock (shared/tally.ts; an achievement moves between TRLs, so a lock per TRL could
 * deadlock): registering achievements and changing their TRL is an institute's pace.
 */
export const TrlTally1766100000000 = tallyMigration('TrlTally', 1766100000000, {
  schema: 'institutes',
  table: 'achievement',
  tally: 'achievement_tally',
  groupBy: [
    { column: 'trl', type: 'integer' },
    { column: 'visibility', type: 'text' },
  ],
});
