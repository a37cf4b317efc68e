import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DataSource } from 'typeorm';
import { money } from '../../shared/money';
import type { FundsContext } from './context';

/**
 * The funds' part of the alliance dashboard (`AllianceMetrics`, owned by the alliance
 * subgraph): the capital the funds committed and disbursed.
 */

export interface CapitalTotals {
  /** Investments that still bind money (COMMITTED or DISBURSED), as `Fund.committed` counts them. */
  committed: string;
  /** Investments paid out (DISBURSED). */
  disbursed: string;
}

/**
 * Committed and disbursed capital of the CNY funds, exact: one statement over the funds,
 * whose `committed` and `disbursed` their investments' triggers keep (one row per fund,
 * however many investments).
 */
export async function capitalTotals(db: DataSource): Promise<CapitalTotals> {
  const [row] = await db.query<CapitalTotals[]>(`
    SELECT coalesce(sum(committed), 0)::text AS committed, coalesce(sum(disbursed), 0)::text AS disbursed
    FROM funds.fund
    WHERE currency = 'CNY'`);
  return row;
}

/** The funds' dashboard figures for one request; both capital fields share one statement. */
export class FundsMetrics {
  private totals: Promise<CapitalTotals> | undefined;

  constructor(private readonly db: DataSource) {}

  capitalTotals(): Promise<CapitalTotals> {
    this.totals ??= capitalTotals(this.db);
    return this.totals;
  }
}

export const metricsResolvers: GraphQLResolverMap<FundsContext> = {
  AllianceMetrics: {
    __resolveReference: (ref: { id: string }) => (ref.id === 'alliance' ? { id: ref.id } : null),
    capitalCommitted: async (_: unknown, __: unknown, ctx: FundsContext) =>
      money((await ctx.metrics.capitalTotals()).committed),
    capitalDisbursed: async (_: unknown, __: unknown, ctx: FundsContext) =>
      money((await ctx.metrics.capitalTotals()).disbursed),
  },
};
