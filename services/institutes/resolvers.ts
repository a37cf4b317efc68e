import type { DemandProfile } from './matching.repository';
import { idempotentRequest } from '../../shared/idempotency';
import { ForbiddenError } from '../../shared/errors';
import { boundedSize, type ListBound } from '../../shared/list-bounds';
import { keptOrLoad, referenced } from '../../shared/loaders';
import { fieldsAskedOf, perSelection } from '../../shared/selected-columns';
import { pageSize } from '../../shared/pagination';
import type { Resolvers } from './generated/graphql';
import { fieldMatchOf, reasonsFor } from '../../shared/matching-rules';

/** An institute's researchers: `first`, 50 by default, at most 100. */
const RESEARCHERS: ListBound = { default: 50, max: 100 };
/** An achievement's patents and TRL records: `first`, 20 by default, at most 100. */
const CHILDREN: ListBound = { default: 20, max: 100 };
/** Whether a selection of achievements reads their `institute`. Worked out once per selection. */
const instituteAsked = perSelection((info) => fieldsAskedOf(info, 'Achievement').has('institute'));

export const resolvers: Resolvers = {
  Query: {
    institute: (_, { id }, ctx) => ctx.loaders.institute.load(id),
    institutes: (_, __, ctx) => ctx.institutes.all(),
    researcher: (_, { id }, ctx) => ctx.loaders.researcher.load(id),
    achievement: (_, { id }, ctx) => ctx.loaders.achievement.load(id),
    achievements: (_, args, ctx) => ctx.service.list(args.filter, args, ctx.caller),
    searchGraph: (_, args, ctx) => ctx.graphSearch.search(args.text, args.first, args.kinds),
    searchAchievements: (_, args, ctx) => ctx.service.search(args.query, args.filter, args, ctx.caller),
    patent: (_, { id }, ctx) => ctx.loaders.patent.load(id),
  },
  Mutation: {
    registerAchievement: (_, args, ctx, info) =>
      ctx.service.register(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    updateAchievement: (_, { input }, ctx) => ctx.service.update(input, ctx.caller),
    changeTrl: (_, args, ctx, info) =>
      ctx.service.changeTrl(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    addPatent: (_, args, ctx, info) =>
      ctx.patentService.addPatent(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    updatePatent: (_, { input }, ctx) => ctx.patentService.updatePatent(input, ctx.caller),
    setInventors: async (_, { input }, ctx) => {
      await ctx.researcherService.setInventors(input, ctx.caller);
      return referenced(
        ctx.loaders.achievement.load(input.achievementId),
        `achievement ${input.achievementId}`,
      );
    },
    addResearcher: (_, args, ctx, info) =>
      ctx.researcherService.addResearcher(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
  },
  Institute: {
    __resolveReference: (ref, ctx) => ctx.loaders.institute.load(ref.id),
    achievementIds: (institute, _, ctx) => ctx.loaders.achievementIdsOf.load(institute.id),
    achievements: (institute, { first }, ctx) =>
      ctx.loaders.newestAchievementsOf(pageSize(first)).load(institute.id),
    researchers: (institute, { first }, ctx) =>
      ctx.loaders.researchersOf(boundedSize(first, RESEARCHERS)).load(institute.id),
  },
  Researcher: {
    __resolveReference: (ref, ctx) => ctx.loaders.researcher.load(ref.id),
    institute: (researcher, _, ctx) =>
      referenced(ctx.loaders.institute.load(researcher.instituteId), `institute ${researcher.instituteId}`),
  },
  Project: {
    __resolveReference: (ref) => ref,
    /** The project's achievement with the caller's visibility: hidden is FORBIDDEN, not a leak of its id. */
    achievement: async (project, _, ctx) => {
      const achievement = await ctx.loaders.achievement.load(project.achievementId);
      if (achievement) return achievement;
      if (await ctx.loaders.achievementExists.load(project.achievementId)) {
        throw new ForbiddenError("You may not see this project's achievement");
      }
      return null;
    },
  },
  Achievement: {
    // Asked for their institutes, a batch's achievements read them in one statement and
    // keep them, so that each achievement completes at once: no promise turn per achievement.
    __resolveReference: (ref, ctx, info) =>
      (instituteAsked(info) ? ctx.loaders.achievementWithInstitute : ctx.loaders.achievement).load(ref.id),
    institute: (achievement, _, ctx) =>
      referenced(
        keptOrLoad(ctx.loaders.institute, achievement.instituteId),
        `institute ${achievement.instituteId}`,
      ),
    trlHistory: (achievement, { first }, ctx) =>
      ctx.loaders.trlHistoryOf(boundedSize(first, CHILDREN)).load(achievement.id),
    patents: (achievement, { first }, ctx) =>
      ctx.loaders.patentsOf(boundedSize(first, CHILDREN)).load(achievement.id),
    inventors: (achievement, _, ctx) => ctx.loaders.inventorsOf.load(achievement.id),
    createdAt: (achievement) => achievement.createdAt.toISOString(),
    updatedAt: (achievement) => achievement.updatedAt.toISOString(),
  },
  Inventor: {
    researcher: (inventor, _, ctx) =>
      referenced(ctx.loaders.researcher.load(inventor.researcherId), `researcher ${inventor.researcherId}`),
  },
  Patent: {
    __resolveReference: (ref, ctx) => ctx.loaders.patent.load(ref.id),
    achievement: (patent, _, ctx) =>
      referenced(ctx.loaders.achievement.load(patent.achievementId), `achievement ${patent.achievementId}`),
  },
  TechnologyDemand: {
    // The representation carries what @requires asked enterprises for; nothing to load here.
    __resolveReference: (demand) => demand,
    candidateAchievements: (demand, { first }, ctx) => ctx.loaders.candidatesOf(pageSize(first)).load(demand),
  },
  AchievementCandidate: {
    achievement: (candidate, _, ctx) =>
      referenced(
        ctx.loaders.achievement.load(candidate.achievementId),
        `achievement ${candidate.achievementId}`,
      ),
    fieldMatch: (candidate) => fieldMatchOf(candidate.level),
    reasons: (candidate) => reasonsFor(candidate),
  },
  SearchHit: {
    /**
     * The node as its owner knows it: this subgraph's own records through their loaders
     * (with the caller's visibility, as the hit was found), the others as references the
     * gateway resolves from their owners.
     */
    node: async (hit, _, ctx) => {
      switch (hit.kind) {
        case 'ACHIEVEMENT': {
          const achievement = await referenced(ctx.loaders.achievement.load(hit.id), `achievement ${hit.id}`);
          return { ...achievement, __typename: 'Achievement' as const };
        }
        case 'INSTITUTE': {
          const institute = await referenced(ctx.loaders.institute.load(hit.id), `institute ${hit.id}`);
          return { ...institute, __typename: 'Institute' as const };
        }
        case 'TECHNOLOGY_DEMAND':
          // A reference: what candidateAchievements @requires, the gateway fetches from enterprises.
          return { __typename: 'TechnologyDemand' as const, id: hit.id } as DemandProfile & {
            __typename: 'TechnologyDemand';
          };
        case 'ENTERPRISE':
          return { __typename: 'Enterprise' as const, id: hit.id };
        case 'PILOT_BASE':
          return { __typename: 'PilotBase' as const, id: hit.id };
        case 'FACILITY':
          return { __typename: 'Facility' as const, id: hit.id };
        case 'FUND':
          return { __typename: 'Fund' as const, id: hit.id };
      }
    },
  },
  SearchNode: {
    __resolveType: (node) => node.__typename,
  },
  SearchKindCount: {
    count: (count) => {
      if (count.error) throw count.error;
      return count.count;
    },
  },
};
