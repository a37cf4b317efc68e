import { isMember } from '../../../shared/access';
import { idempotentRequest } from '../../../shared/idempotency';
import { CHILD_LIST, boundedSize } from '../../../shared/list-bounds';
import { referenced } from '../../../shared/loaders';
import { Decimal } from '../../../shared/money';
import { isStringPair, pageRequest, toConnection } from '../../../shared/pagination';
import type { Resolvers } from '../generated/graphql';
import { organizationRef } from '../organizations';
import { expertKey } from './expert.repository';

/** Each alliance's technical expert committee and its reviews, members only. */
export const expertResolvers: Resolvers = {
  Query: {
    expert: (_, { id }, ctx) => ctx.loaders.expert.load(id),
    experts: async (_, { allianceId, ...args }, ctx) => {
      const page = pageRequest(args, isStringPair, 'experts');
      const { rows, total } = await ctx.experts.page({ allianceId }, page);
      return toConnection(rows, page, expertKey, total);
    },
  },
  Alliance: {
    experts: (alliance, { first }, ctx) =>
      ctx.loaders.committeeOf(boundedSize(first, CHILD_LIST)).load(alliance.id),
  },
  Mutation: {
    registerExpert: (_, args, ctx, info) =>
      ctx.reviewService.register(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    submitReview: (_, args, ctx, info) =>
      ctx.reviewService.submit(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
  },
  Project: {
    reviews: (project, { first }, ctx) => {
      const limit = boundedSize(first, CHILD_LIST);
      return isMember(ctx.caller) ? ctx.loaders.firstReviewsOfProject(limit).load(project.id) : [];
    },
  },
  Expert: {
    alliance: (expert, _, ctx) =>
      referenced(ctx.loaders.alliance.load(expert.allianceId), `alliance ${expert.allianceId}`),
    affiliation: (expert) => organizationRef(expert.affiliationType, expert.affiliationId),
    reviews: (expert, { first }, ctx) => {
      const limit = boundedSize(first, CHILD_LIST);
      return isMember(ctx.caller) ? ctx.loaders.firstReviewsOfExpert(limit).load(expert.id) : [];
    },
  },
  ExpertReview: {
    project: (review, _, ctx) =>
      referenced(ctx.loaders.project.load(review.projectId), `project ${review.projectId}`),
    expert: (review, _, ctx) =>
      referenced(ctx.loaders.expert.load(review.expertId), `expert ${review.expertId}`),
    scores: (review) => review,
    averageScore: (review) =>
      new Decimal(review.technicalMaturity + review.marketDemand + review.strategicFit + review.team)
        .div(4)
        .toFixed(2),
    submittedAt: (review) => review.submittedAt.toISOString(),
  },
};
