import { searchRequest } from '../../shared/search';
import { idempotentRequest } from '../../shared/idempotency';
import { referenced } from '../../shared/loaders';
import { money } from '../../shared/money';
import { isStringPair, pageRequest, pageSize, toConnection } from '../../shared/pagination';
import { fieldMatchOf, reasonsFor } from '../../shared/matching-rules';
import { columnsAsked, type ColumnsOfFields } from '../../shared/selected-columns';
import { enterpriseKey } from './enterprise.repository';
import type { EnterpriseEntity } from './entities/enterprise.entity';
import type { Resolvers } from './generated/graphql';

/**
 * What each field of `Enterprise` reads of its row: the gateway's `_entities` batches read
 * only those columns (a board's lead enterprises ask three of ten).
 */
export const ENTERPRISE_COLUMNS: ColumnsOfFields<EnterpriseEntity> = {
  typename: 'Enterprise',
  always: ['id'],
  fields: {
    id: [],
    name: ['name'],
    nameZh: ['nameZh'],
    ownership: ['ownership'],
    sector: ['sector'],
    city: ['city'],
    province: ['province'],
    listed: ['listed'],
    capabilities: ['capabilities'],
    illustrative: ['illustrative'],
    products: [],
    demands: [],
  },
};

export const resolvers: Resolvers = {
  Query: {
    enterpriseSearchHits: (_, args, ctx) =>
      ctx.search.search(searchRequest(args.text, args.first, args.kinds)),
    enterprise: (_, { id }, ctx) => ctx.loaders.enterprise.load(id),
    enterprises: async (_, args, ctx) => {
      const page = pageRequest(args, isStringPair, 'enterprises');
      const { rows, total } = await ctx.enterprises.page(args.filter ?? {}, page);
      return toConnection(rows, page, enterpriseKey, total);
    },
    technologyDemand: (_, { id }, ctx) => ctx.loaders.demand.load(id),
    technologyDemands: (_, args, ctx) => ctx.demands.list(args.filter, args),
  },
  Mutation: {
    postTechnologyDemand: (_, args, ctx, info) =>
      ctx.demands.post(args.input, ctx.caller, idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args)),
    updateTechnologyDemand: (_, { input }, ctx) => ctx.demands.update(input, ctx.caller),
  },
  Enterprise: {
    __resolveReference: (ref, ctx, info) =>
      ctx.loaders.enterpriseWith(columnsAsked(ENTERPRISE_COLUMNS, info)).load(ref.id),
    products: (enterprise, _, ctx) => ctx.loaders.productsOf.load(enterprise.id),
    demands: (enterprise, args, ctx) =>
      ctx.loaders.demandsOf(args.status ?? null, pageSize(args.first)).load(enterprise.id),
  },
  TechnologyDemand: {
    __resolveReference: (ref, ctx) => ctx.loaders.demand.load(ref.id),
    enterprise: (demand, _, ctx) =>
      referenced(ctx.loaders.enterprise.load(demand.enterpriseId), `enterprise ${demand.enterpriseId}`),
    budget: (demand) => money(demand.budgetAmount, demand.budgetCurrency),
    createdAt: (demand) => demand.createdAt.toISOString(),
    updatedAt: (demand) => demand.updatedAt.toISOString(),
  },
  Achievement: {
    // The representation carries what @requires asked institutes for; nothing to load here.
    __resolveReference: (achievement) => achievement,
    matchingDemands: (achievement, { first }, ctx) =>
      ctx.loaders.matchingDemandsOf(pageSize(first)).load(achievement),
  },
  DemandCandidate: {
    demand: (match, _, ctx) =>
      referenced(ctx.loaders.demand.load(match.demandId), `demand ${match.demandId}`),
    fieldMatch: (match) => fieldMatchOf(match.level),
    reasons: (match) => reasonsFor(match),
  },
};
