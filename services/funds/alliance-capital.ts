import type { DataSource } from 'typeorm';
import { money } from '../../shared/money';
import { COUNTING_STATUSES } from './fund.repository';
import type { Resolvers } from './generated/graphql';

/**
 * The funds' part of the alliances (`Alliance` and `AllianceYear`, owned by the alliance
 * subgraph): the capital committed to each alliance's projects, from the alliance every
 * investment in a project records. Counted as the dashboard's `capitalCommitted` is
 * (metrics.ts `capitalTotals`): the CNY funds' investments that still bind money, exact,
 * without CONFIDENTIAL ones for anyone, since the figures are public and a total that moved
 * by a confidential amount would reveal it by differencing.
 */

/** One year of one alliance: the key of `AllianceYear`. */
export interface AllianceYearKey {
  allianceId: string;
  year: number;
}

/**
 * The investments an alliance's capital counts, joined to `keys` (aliased `k`, with an
 * `alliance_id`) on `also`; the statuses are parameter $1.
 */
const counted = (also: string): string => `
  LEFT JOIN (funds.investment i JOIN funds.fund f ON f.id = i.fund_id AND f.currency = 'CNY')
    ON i.alliance_id = k.alliance_id AND i.status = ANY($1) AND i.visibility <> 'CONFIDENTIAL' ${also}`;

/** Each alliance's capital, a decimal string in the order asked: one statement for all. */
export async function capitalOfAlliances(db: DataSource, allianceIds: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ amount: string }[]>(
    `SELECT coalesce(sum(i.amount), 0)::text AS amount
     FROM unnest($2::text[]) WITH ORDINALITY AS k (alliance_id, position)
     ${counted('')}
     GROUP BY k.position
     ORDER BY k.position`,
    [COUNTING_STATUSES, allianceIds],
  );
  return rows.map((row) => row.amount);
}

/**
 * The capital committed to each alliance in each year (by `committed_on`), a decimal string
 * in the order asked: one statement for every alliance and year of a request, each a range
 * of `investment_alliance_idx`.
 */
export async function capitalOfAllianceYears(
  db: DataSource,
  keys: readonly AllianceYearKey[],
): Promise<string[]> {
  const rows = await db.query<{ amount: string }[]>(
    `SELECT coalesce(sum(i.amount), 0)::text AS amount
     FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS k (alliance_id, year, position)
     ${counted('AND i.committed_on >= make_date(k.year, 1, 1) AND i.committed_on < make_date(k.year + 1, 1, 1)')}
     GROUP BY k.position
     ORDER BY k.position`,
    [COUNTING_STATUSES, keys.map((k) => k.allianceId), keys.map((k) => k.year)],
  );
  return rows.map((row) => row.amount);
}

export const allianceCapitalResolvers: Resolvers = {
  Alliance: {
    // Any alliance id: one the funds hold no investment for has no capital.
    __resolveReference: (ref) => ({ id: ref.id }),
    capitalCommitted: async (alliance, _, ctx) =>
      money(await ctx.loaders.capitalOfAlliance.load(alliance.id), 'CNY'),
  },
  AllianceYear: {
    __resolveReference: (ref) => ({ allianceId: ref.allianceId, year: ref.year }),
    capitalCommitted: async (key, _, ctx) => money(await ctx.loaders.capitalOfAllianceYear.load(key), 'CNY'),
  },
};
