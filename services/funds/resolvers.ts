import type { GraphQLResolveInfo } from 'graphql';
import { idempotentRequest } from '../../shared/idempotency';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { boundedSize, type ChildListArgs, type ListBound } from '../../shared/list-bounds';
import { Decimal, money } from '../../shared/money';
import { isStringPair, pageRequest, toConnection, type PageArgs } from '../../shared/pagination';
import type { FundsContext } from './context';
import { committedAsSeen } from './metrics';
import type { FundEntity } from './entities/fund.entity';
import type { InvestmentEntity, InvestmentVisibility } from './entities/investment.entity';
import { COUNTING_STATUSES } from './fund.repository';
import { investmentKey, type InvestmentFilter } from './investment.repository';
import type { CommitInvestmentInput, InvestmentAction } from './investment.service';

type Ref = { id: string };
type Change = Ref & { on?: string | null };

/** A fund's, a project's or an enterprise's investments: `first`, 20 by default, at most 100. */
const INVESTMENTS: ListBound = { default: 20, max: 100 };

/** The investments that still count (committed or disbursed). */
function counting(investments: InvestmentEntity[]): InvestmentEntity[] {
  return investments.filter((i) => (COUNTING_STATUSES as readonly string[]).includes(i.status));
}

/**
 * Exact sum of the counting investments made by CNY funds: an amount is in its fund's
 * currency, and yuan are never added to dollars. The funds come through the request's
 * fund loader, one statement for a whole list of projects.
 */
async function totalInYuan(investments: InvestmentEntity[], ctx: FundsContext): Promise<Decimal> {
  const counted = counting(investments);
  const funds = await ctx.loaders.fund.loadMany(counted.map((i) => i.fundId));
  return counted.reduce((sum, investment, index) => {
    const fund = funds[index];
    return fund && !(fund instanceof Error) && fund.currency === 'CNY' ? sum.plus(investment.amount) : sum;
  }, new Decimal(0));
}

const transition =
  (action: InvestmentAction) =>
  (_: unknown, { id, on }: Change, ctx: FundsContext) =>
    ctx.investmentService.transition(id, action, on, ctx.caller);

export const resolvers: GraphQLResolverMap<FundsContext> = {
  Query: {
    fund: (_: unknown, { id }: Ref, ctx: FundsContext) => ctx.loaders.fund.load(id),
    funds: (_: unknown, __: unknown, ctx: FundsContext) => ctx.funds.all(),
    investment: (_: unknown, { id }: Ref, ctx: FundsContext) => ctx.loaders.investment.load(id),
    investments: async (
      _: unknown,
      args: PageArgs & { filter?: InvestmentFilter | null },
      ctx: FundsContext,
    ) => {
      const page = pageRequest(args, isStringPair, 'investments');
      const { rows, total } = await ctx.investments.page(args.filter ?? {}, page, ctx.caller);
      return toConnection(rows, page, investmentKey, total);
    },
  },
  Mutation: {
    commitInvestment: (
      _: unknown,
      args: { input: CommitInvestmentInput },
      ctx: FundsContext,
      info: GraphQLResolveInfo,
    ) =>
      ctx.investmentService.commit(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    disburseInvestment: transition('disburse'),
    exitInvestment: transition('exit'),
    writeOffInvestment: transition('writeOff'),
    setInvestmentVisibility: (
      _: unknown,
      { id, visibility }: Ref & { visibility: InvestmentVisibility },
      ctx: FundsContext,
    ) => ctx.investmentService.setVisibility(id, visibility, ctx.caller),
  },
  Fund: {
    __resolveReference: (ref: Ref, ctx: FundsContext) => ctx.loaders.fund.load(ref.id),
    size: (fund: FundEntity) => money(fund.size, fund.currency),
    committed: async (fund: FundEntity, _: unknown, ctx: FundsContext) =>
      money(await committedAsSeen(fund, ctx), fund.currency),
    available: async (fund: FundEntity, _: unknown, ctx: FundsContext) =>
      money(new Decimal(fund.size).minus(await committedAsSeen(fund, ctx)), fund.currency),
    investments: (fund: FundEntity, { first }: ChildListArgs, ctx: FundsContext) =>
      ctx.loaders.investmentsOfFund(boundedSize(first, INVESTMENTS)).load(fund.id),
    // Every project the caller may see an investment of, not a page: the board's fund filter.
    investedProjectIds: (fund: FundEntity, _: unknown, ctx: FundsContext) =>
      ctx.loaders.projectIdsOfFund.load(fund.id),
  },
  Investment: {
    __resolveReference: (ref: Ref, ctx: FundsContext) => ctx.loaders.investment.load(ref.id),
    fund: (investment: InvestmentEntity, _: unknown, ctx: FundsContext) =>
      ctx.loaders.fund.load(investment.fundId),
    project: (investment: InvestmentEntity) =>
      investment.projectId ? { __typename: 'Project', id: investment.projectId } : null,
    enterprise: (investment: InvestmentEntity) =>
      investment.enterpriseId ? { __typename: 'Enterprise', id: investment.enterpriseId } : null,
    // In the fund's currency: the fund loader is the one `fund { name }` uses, so no extra statement.
    amount: async (investment: InvestmentEntity, _: unknown, ctx: FundsContext) =>
      money(investment.amount, (await ctx.loaders.fund.load(investment.fundId))?.currency),
    visibility: (investment: InvestmentEntity) => investment.visibility ?? 'PUBLIC',
    override: (investment: InvestmentEntity) =>
      investment.outsideMandate?.length
        ? { outside: investment.outsideMandate, reason: investment.overrideReason ?? '' }
        : null,
  },
  Project: {
    __resolveReference: (ref: Ref) => ({ id: ref.id }),
    investments: (project: Ref, { first }: ChildListArgs, ctx: FundsContext) =>
      ctx.loaders.investmentsOfProject(boundedSize(first, INVESTMENTS)).load(project.id),
    totalInvested: async (project: Ref, _: unknown, ctx: FundsContext) =>
      money(await totalInYuan(await ctx.loaders.allInvestmentsOfProject.load(project.id), ctx), 'CNY'),
  },
  Enterprise: {
    __resolveReference: (ref: Ref) => ({ id: ref.id }),
    investments: (enterprise: Ref, { first }: ChildListArgs, ctx: FundsContext) =>
      ctx.loaders.investmentsOfEnterprise(boundedSize(first, INVESTMENTS)).load(enterprise.id),
  },
};
