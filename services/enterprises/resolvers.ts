import type { GraphQLResolveInfo } from 'graphql';
import { idempotentRequest } from '../../shared/idempotency';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { money } from '../../shared/money';
import { isStringPair, pageRequest, pageSize, toConnection, type PageArgs } from '../../shared/pagination';
import { fieldMatchOf, reasonsFor } from '../../shared/matching-rules';
import type { EnterprisesContext } from './context';
import type { DemandFilterInput, PostDemandInput, UpdateDemandInput } from './demand.service';
import { enterpriseKey, type EnterpriseFilter } from './enterprise.repository';
import type { EnterpriseEntity } from './entities/enterprise.entity';
import type { DemandStatus, TechnologyDemandEntity } from './entities/technology-demand.entity';
import type { AchievementProfile, DemandMatchRow } from './matching.repository';

type Ref = { id: string };
type Input<T> = { input: T };

export const resolvers: GraphQLResolverMap<EnterprisesContext> = {
  Query: {
    enterprise: (_: unknown, { id }: Ref, ctx: EnterprisesContext) => ctx.loaders.enterprise.load(id),
    enterprises: async (
      _: unknown,
      args: PageArgs & { filter?: EnterpriseFilter | null },
      ctx: EnterprisesContext,
    ) => {
      const page = pageRequest(args, isStringPair);
      const { rows, total } = await ctx.enterprises.page(args.filter ?? {}, page);
      return toConnection(rows, page.limit, enterpriseKey, total);
    },
    technologyDemand: (_: unknown, { id }: Ref, ctx: EnterprisesContext) => ctx.loaders.demand.load(id),
    technologyDemands: (
      _: unknown,
      args: PageArgs & { filter?: DemandFilterInput | null },
      ctx: EnterprisesContext,
    ) => ctx.demands.list(args.filter, args),
  },
  Mutation: {
    postTechnologyDemand: (
      _: unknown,
      args: Input<PostDemandInput>,
      ctx: EnterprisesContext,
      info: GraphQLResolveInfo,
    ) =>
      ctx.demands.post(args.input, ctx.caller, idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args)),
    updateTechnologyDemand: (_: unknown, { input }: Input<UpdateDemandInput>, ctx: EnterprisesContext) =>
      ctx.demands.update(input, ctx.caller),
  },
  Enterprise: {
    __resolveReference: (ref: Ref, ctx: EnterprisesContext) => ctx.loaders.enterprise.load(ref.id),
    demands: (
      enterprise: EnterpriseEntity,
      args: { status?: DemandStatus | null; first?: number | null },
      ctx: EnterprisesContext,
    ) => ctx.loaders.demandsOf(args.status ?? null, pageSize(args.first)).load(enterprise.id),
  },
  TechnologyDemand: {
    __resolveReference: (ref: Ref, ctx: EnterprisesContext) => ctx.loaders.demand.load(ref.id),
    enterprise: (demand: TechnologyDemandEntity, _: unknown, ctx: EnterprisesContext) =>
      ctx.loaders.enterprise.load(demand.enterpriseId),
    budget: (demand: TechnologyDemandEntity) => money(demand.budgetAmount, demand.budgetCurrency),
    createdAt: (demand: TechnologyDemandEntity) => demand.createdAt.toISOString(),
    updatedAt: (demand: TechnologyDemandEntity) => demand.updatedAt.toISOString(),
  },
  Achievement: {
    // The representation carries what @requires asked institutes for; nothing to load here.
    __resolveReference: (achievement: AchievementProfile) => achievement,
    matchingDemands: (
      achievement: AchievementProfile,
      { first }: { first?: number | null },
      ctx: EnterprisesContext,
    ) => ctx.loaders.matchingDemandsOf(pageSize(first)).load(achievement),
  },
  DemandCandidate: {
    demand: (match: DemandMatchRow, _: unknown, ctx: EnterprisesContext) =>
      ctx.loaders.demand.load(match.demandId),
    fieldMatch: (match: DemandMatchRow) => fieldMatchOf(match.level),
    reasons: (match: DemandMatchRow) => reasonsFor(match),
  },
};
