import { searchRequest } from '../../shared/search';
import { idempotentRequest } from '../../shared/idempotency';
import type { GraphQLResolveInfo } from 'graphql';
import { keptOrLoad, loadAndKeep, referenced } from '../../shared/loaders';
import { fieldsAskedOf, listAskedOnce, perSelection } from '../../shared/selected-columns';
import { boundedSize, type ListBound } from '../../shared/list-bounds';
import { Decimal, money } from '../../shared/money';
import { isStringPair, pageRequest, toConnection } from '../../shared/pagination';
import type { FundsContext } from './context';
import { committedAsSeen } from './metrics';
import type { InvestmentEntity } from './entities/investment.entity';
import { COUNTING_STATUSES } from './fund.repository';
import type { MutationResolvers, Resolvers } from './generated/graphql';
import { investmentKey } from './investment.repository';
import type { InvestmentAction } from './investment-lifecycle';

/** A fund's, a project's or an enterprise's investments: `first`, 20 by default, at most 100. */
const INVESTMENTS: ListBound = { default: 20, max: 100 };

/**
 * Whether an `investments` selection reads each investment's fund: its `fund`, or its
 * `amount` (in the fund's currency). Worked out once per selection.
 */
const fundsAsked = perSelection((info: GraphQLResolveInfo): boolean => {
  const asked = fieldsAskedOf(info, 'Investment');
  return asked.has('fund') || asked.has('amount');
});

/** How an `_entities` selection asks for each project's `investments` (`listAskedOnce`). */
const investmentsAskedOfProject = perSelection((info: GraphQLResolveInfo) => {
  const investments = listAskedOnce(info, 'Project', 'investments', INVESTMENTS);
  return investments && { limit: investments.limit, withFunds: fundsAsked(investments.info) };
});

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

/** Disburse, exit and write off take the same arguments (`id`, `on`). */
const transition =
  (action: InvestmentAction): MutationResolvers['disburseInvestment'] =>
  (_, { id, on }, ctx) =>
    ctx.investmentService.transition(id, action, on, ctx.caller);

export const resolvers: Resolvers = {
  Query: {
    fundSearchHits: (_, args, ctx) => ctx.search.search(searchRequest(args.text, args.first, args.kinds)),
    fund: (_, { id }, ctx) => ctx.loaders.fund.load(id),
    funds: (_, __, ctx) => ctx.funds.all(),
    investment: (_, { id }, ctx) => ctx.loaders.investment.load(id),
    investments: async (_, args, ctx) => {
      const page = pageRequest(args, isStringPair, 'investments');
      const { rows, total } = await ctx.investments.page(args.filter ?? {}, page, ctx.caller);
      return toConnection(rows, page, investmentKey, total);
    },
  },
  Mutation: {
    commitInvestment: (_, args, ctx, info) =>
      ctx.investmentService.commit(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    disburseInvestment: transition('disburse'),
    exitInvestment: transition('exit'),
    writeOffInvestment: transition('writeOff'),
    setInvestmentVisibility: (_, { id, visibility }, ctx) =>
      ctx.investmentService.setVisibility(id, visibility, ctx.caller),
  },
  Fund: {
    __resolveReference: (ref, ctx) => ctx.loaders.fund.load(ref.id),
    size: (fund) => money(fund.size, fund.currency),
    committed: async (fund, _, ctx) => money(await committedAsSeen(fund, ctx), fund.currency),
    available: async (fund, _, ctx) =>
      money(new Decimal(fund.size).minus(await committedAsSeen(fund, ctx)), fund.currency),
    investments: (fund, { first }, ctx) =>
      ctx.loaders.investmentsOfFund(boundedSize(first, INVESTMENTS)).load(fund.id),
    // Every project the caller may see an investment of, not a page: the board's fund filter.
    investedProjectIds: (fund, _, ctx) => ctx.loaders.projectIdsOfFund.load(fund.id),
  },
  Investment: {
    __resolveReference: (ref, ctx) => ctx.loaders.investment.load(ref.id),
    fund: (investment, _, ctx) =>
      referenced(keptOrLoad(ctx.loaders.fund, investment.fundId), `fund ${investment.fundId}`),
    project: (investment) =>
      investment.projectId ? { __typename: 'Project', id: investment.projectId } : null,
    enterprise: (investment) =>
      investment.enterpriseId ? { __typename: 'Enterprise', id: investment.enterpriseId } : null,
    // In the fund's currency: the fund loader is the one `fund { name }` uses, so no extra statement.
    amount: (investment, _, ctx) => {
      const fund = keptOrLoad(ctx.loaders.fund, investment.fundId);
      return fund instanceof Promise
        ? fund.then((row) => money(investment.amount, row?.currency))
        : money(investment.amount, fund?.currency);
    },
    visibility: (investment) => investment.visibility ?? 'PUBLIC',
    override: (investment) =>
      investment.outsideMandate?.length
        ? { outside: investment.outsideMandate, reason: investment.overrideReason ?? '' }
        : null,
  },
  Project: {
    __resolveReference: (ref, ctx, info) => {
      const investments = investmentsAskedOfProject(info);
      if (!investments) return { id: ref.id };
      // The batch's investments, then their funds, are read in one statement each and kept
      // before any project answers, so that each project completes at once with its
      // investments: no promise turn per investment.
      const loader = ctx.loaders.investmentsOfProject(investments.limit, investments.withFunds);
      return loadAndKeep(loader, ref.id).then(() => ({ id: ref.id }));
    },
    investments: (project, { first }, ctx, info) =>
      keptOrLoad(
        ctx.loaders.investmentsOfProject(boundedSize(first, INVESTMENTS), fundsAsked(info)),
        project.id,
      ),
    totalInvested: async (project, _, ctx) =>
      money(await totalInYuan(await ctx.loaders.allInvestmentsOfProject.load(project.id), ctx), 'CNY'),
  },
  Enterprise: {
    __resolveReference: (ref) => ({ id: ref.id }),
    investments: (enterprise, { first }, ctx) =>
      ctx.loaders.investmentsOfEnterprise(boundedSize(first, INVESTMENTS)).load(enterprise.id),
  },
};
