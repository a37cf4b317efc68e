import { tallyMigration } from '../../../shared/tally';

/**
 * The dashboard's capital kept as investments change instead of summed over every
 * investment on each read: `capital_tally` holds, per (fund, stage, status, visibility), how
 * many investments there are and the exact sum of their amounts — at most 60 rows a fund,
 * whatever the number of investments. The capital committed and disbursed, the capital by
 * fund and stage and a fund's confidential share all sum these rows. Writers queue on their
 * fund's lock (shared/tally.ts): an investment never moves to another fund, and writers of
 * one fund already queue on its row, which `fund.committed` is kept in.
 */
export const CapitalTally1766500000000 = tallyMigration('CapitalTally', 1766500000000, {
  schema: 'funds',
  table: 'investment',
  tally: 'capital_tally',
  groupBy: [
    { column: 'fund_id', type: 'text' },
    { column: 'stage', type: 'text' },
    { column: 'status', type: 'text' },
    { column: 'visibility', type: 'text' },
  ],
  lockBy: 'fund_id',
  sums: [{ column: 'amount', type: 'numeric' }],
});
