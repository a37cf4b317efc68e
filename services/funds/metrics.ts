import type { DataSource } from 'typeorm';
import { referenced } from '../../shared/loaders';
import { money } from '../../shared/money';
import type { InvestmentStage, Money, Resolvers } from './generated/graphql';

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

/** Binding capital of one fund at one stage, in the fund's currency. */
export interface FundStageCapital {
  fundId: string;
  stage: InvestmentStage;
  currency: string;
  amount: string;
}

/** A `FundStageCapital` as its resolvers get it (the codegen mapper): the fund by id, for the loader. */
export interface FundStageCapitalParent {
  fundId: string;
  stage: InvestmentStage;
  amount: Money;
}

/**
 * Binding capital (COMMITTED or DISBURSED) per fund and stage, exact: one grouped
 * statement, in fund and stage order, for the funds `Query.funds` lists (at most 100).
 */
export async function capitalByFundAndStage(db: DataSource): Promise<FundStageCapital[]> {
  return db.query<FundStageCapital[]>(`
    SELECT i.fund_id AS "fundId", i.stage, f.currency, sum(i.amount)::text AS amount
    FROM funds.investment i
    JOIN (SELECT id, currency FROM funds.fund ORDER BY id LIMIT 100) f ON f.id = i.fund_id
    WHERE i.status IN ('COMMITTED', 'DISBURSED')
    GROUP BY i.fund_id, i.stage, f.currency
    ORDER BY i.fund_id,
      array_position(ARRAY['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH'], i.stage::text)`);
}

/** The funds' dashboard figures for one request; both capital fields share one statement. */
export class FundsMetrics {
  private totals: Promise<CapitalTotals> | undefined;

  constructor(readonly db: DataSource) {}

  capitalTotals(): Promise<CapitalTotals> {
    this.totals ??= capitalTotals(this.db);
    return this.totals;
  }
}

export const metricsResolvers: Resolvers = {
  AllianceMetrics: {
    __resolveReference: (ref) => (ref.id === 'alliance' ? { id: ref.id } : null),
    capitalCommitted: async (_, __, ctx) => money((await ctx.metrics.capitalTotals()).committed),
    capitalDisbursed: async (_, __, ctx) => money((await ctx.metrics.capitalTotals()).disbursed),
    capitalByFundAndStage: async (_, __, ctx) =>
      (await capitalByFundAndStage(ctx.metrics.db)).map((row) => ({
        fundId: row.fundId,
        stage: row.stage,
        amount: money(row.amount, row.currency),
      })),
  },
  FundStageCapital: {
    fund: (row, _, ctx) => referenced(ctx.loaders.fund.load(row.fundId), `fund ${row.fundId}`),
  },
};
