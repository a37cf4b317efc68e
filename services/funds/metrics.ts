import type { DataSource } from 'typeorm';
import { isOrganization } from '../../shared/access';
import { referenced } from '../../shared/loaders';
import { Decimal, money } from '../../shared/money';
import type { FundEntity } from './entities/fund.entity';
import type { FundsContext } from './context';
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
 * Committed and disbursed capital of the CNY funds, exact, without CONFIDENTIAL
 * investments: the dashboard is public, and a total that moved by a confidential amount
 * would reveal it by differencing. One statement over `capital_tally` (migration
 * 1766500000000), whose rows the investments' trigger keeps: a few dozen rows a fund,
 * whatever the number of investments.
 */
export async function capitalTotals(db: DataSource): Promise<CapitalTotals> {
  // Aggregates without GROUP BY: always one row.
  const [row] = await db.query<[CapitalTotals]>(`
    SELECT coalesce(sum(t.amount) FILTER (WHERE t.status IN ('COMMITTED', 'DISBURSED')), 0)::text AS committed,
           coalesce(sum(t.amount) FILTER (WHERE t.status = 'DISBURSED'), 0)::text AS disbursed
    FROM funds.capital_tally t JOIN funds.fund f ON f.id = t.fund_id AND f.currency = 'CNY'
    WHERE t.visibility <> 'CONFIDENTIAL'`);
  return row;
}

/**
 * The binding amounts (COMMITTED or DISBURSED) of each fund's CONFIDENTIAL investments:
 * one grouped statement over `capital_tally` for a batch of funds; 0 for a fund without any.
 */
export async function confidentialCommitted(db: DataSource, fundIds: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ fundId: string; amount: string }[]>(
    `SELECT fund_id AS "fundId", sum(amount)::text AS amount
     FROM funds.capital_tally
     WHERE fund_id = ANY($1) AND visibility = 'CONFIDENTIAL' AND status IN ('COMMITTED', 'DISBURSED')
     GROUP BY fund_id`,
    [fundIds],
  );
  const byFund = new Map(rows.map((r) => [r.fundId, r.amount]));
  return fundIds.map((id) => byFund.get(id) ?? '0');
}

/**
 * A fund's committed sum as the caller may see it: the whole for the fund itself, without
 * its CONFIDENTIAL investments for anyone else (who could otherwise recover one by
 * differencing `Fund.committed` or `Fund.available`).
 */
export async function committedAsSeen(fund: FundEntity, ctx: FundsContext): Promise<Decimal> {
  if (isOrganization(ctx.caller, { type: 'fund', id: fund.id })) return new Decimal(fund.committed);
  return new Decimal(fund.committed).minus(await ctx.loaders.confidentialCommitted.load(fund.id));
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
 * Binding capital (COMMITTED or DISBURSED) per fund and stage, exact and without
 * CONFIDENTIAL investments (capitalTotals says why): one grouped statement over
 * `capital_tally`, in fund and stage order, for the funds `Query.funds` lists (at most 100).
 */
export async function capitalByFundAndStage(db: DataSource): Promise<FundStageCapital[]> {
  return db.query<FundStageCapital[]>(`
    SELECT t.fund_id AS "fundId", t.stage, f.currency, sum(t.amount)::text AS amount
    FROM funds.capital_tally t
    JOIN (SELECT id, currency FROM funds.fund ORDER BY id LIMIT 100) f ON f.id = t.fund_id
    WHERE t.status IN ('COMMITTED', 'DISBURSED') AND t.visibility <> 'CONFIDENTIAL'
    GROUP BY t.fund_id, t.stage, f.currency
    HAVING sum(t.row_count) > 0
    ORDER BY t.fund_id,
      array_position(ARRAY['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH'], t.stage)`);
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
