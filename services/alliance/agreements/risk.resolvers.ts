import { idempotentRequest } from '../../../shared/idempotency';
import { Decimal, money } from '../../../shared/money';
import type { Resolvers } from '../generated/graphql';
import { apiOfKind, entityRef } from '../organizations';

/** Risk sharing beside benefit sharing: the pools of an agreement, their contributions, each party's committed risk. */
export const riskResolvers: Resolvers = {
  Mutation: {
    openRiskPool: (_, args, ctx, info) =>
      ctx.riskService.open(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    commitRisk: (_, args, ctx, info) =>
      ctx.riskService.commit(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
  },
  // The agreement itself is visible to the secretariat and its parties only (agreements/resolvers.ts).
  BenefitAgreement: {
    riskPools: (agreement, _, ctx) => ctx.loaders.riskPoolsOf.load(agreement.id),
  },
  AgreementParty: {
    riskCommitted: async (view, _, ctx) => {
      const contributions = await ctx.loaders.riskContributionsOf.load(view.agreementId);
      const total = contributions
        .filter((c) => c.partyType === view.kind && c.partyId === view.id)
        .reduce((sum, c) => sum.plus(c.amount), new Decimal(0));
      return money(total.toFixed(2), 'CNY');
    },
  },
  RiskPool: {
    budget: (pool) => money(pool.budget, pool.currency),
    committed: (pool) => money(pool.committed, pool.currency),
    remaining: (pool) => money(new Decimal(pool.budget).minus(pool.committed).toFixed(2), pool.currency),
    contributions: async (pool, _, ctx) =>
      (await ctx.loaders.riskContributionsOf.load(pool.agreementId)).filter((c) => c.stage === pool.stage),
    openedAt: (pool) => pool.openedAt.toISOString(),
  },
  RiskContribution: {
    party: (contribution) => entityRef({ kind: contribution.partyType, id: contribution.partyId }),
    partyType: (contribution) => apiOfKind(contribution.partyType),
    amount: (contribution) => money(contribution.amount, 'CNY'),
    committedAt: (contribution) => contribution.committedAt.toISOString(),
  },
};
