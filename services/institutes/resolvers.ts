import type { GraphQLResolveInfo } from 'graphql';
import { idempotentRequest } from '../../shared/idempotency';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { ForbiddenError } from '../../shared/errors';
import { boundedSize, type ChildListArgs, type ListBound } from '../../shared/list-bounds';
import { pageSize, type PageArgs } from '../../shared/pagination';
import type {
  AchievementFilterInput,
  AddPatentInput,
  AddResearcherInput,
  ChangeTrlInput,
  RegisterAchievementInput,
  SetInventorsInput,
  UpdateAchievementInput,
  UpdatePatentInput,
} from './achievement.service';
import type { InstitutesContext } from './context';
import type { AchievementEntity } from './entities/achievement.entity';
import type { InstituteEntity } from './entities/institute.entity';
import type { InventorEntity } from './entities/inventor.entity';
import type { PatentEntity } from './entities/patent.entity';
import type { ResearcherEntity } from './entities/researcher.entity';
import type { CandidateRow, DemandProfile } from './matching.repository';
import { fieldMatchOf, reasonsFor } from '../../shared/matching-rules';

type Ref = { id: string };

/** An institute's researchers: `first`, 50 by default, at most 100. */
const RESEARCHERS: ListBound = { default: 50, max: 100 };
/** An achievement's patents and TRL records: `first`, 20 by default, at most 100. */
const CHILDREN: ListBound = { default: 20, max: 100 };
type Input<T> = { input: T };
type ListArgs = PageArgs & { filter?: AchievementFilterInput | null };

export const resolvers: GraphQLResolverMap<InstitutesContext> = {
  Query: {
    institute: (_: unknown, { id }: Ref, ctx: InstitutesContext) => ctx.loaders.institute.load(id),
    institutes: (_: unknown, __: unknown, ctx: InstitutesContext) => ctx.institutes.all(),
    researcher: (_: unknown, { id }: Ref, ctx: InstitutesContext) => ctx.loaders.researcher.load(id),
    achievement: (_: unknown, { id }: Ref, ctx: InstitutesContext) => ctx.loaders.achievement.load(id),
    achievements: (_: unknown, args: ListArgs, ctx: InstitutesContext) =>
      ctx.service.list(args.filter, args, ctx.caller),
    searchAchievements: (_: unknown, args: ListArgs & { query: string }, ctx: InstitutesContext) =>
      ctx.service.search(args.query, args.filter, args, ctx.caller),
    patent: (_: unknown, { id }: Ref, ctx: InstitutesContext) => ctx.loaders.patent.load(id),
  },
  Mutation: {
    registerAchievement: (
      _: unknown,
      args: Input<RegisterAchievementInput>,
      ctx: InstitutesContext,
      info: GraphQLResolveInfo,
    ) =>
      ctx.service.register(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    updateAchievement: (_: unknown, { input }: Input<UpdateAchievementInput>, ctx: InstitutesContext) =>
      ctx.service.update(input, ctx.caller),
    changeTrl: (_: unknown, { input }: Input<ChangeTrlInput>, ctx: InstitutesContext) =>
      ctx.service.changeTrl(input, ctx.caller),
    addPatent: (_: unknown, { input }: Input<AddPatentInput>, ctx: InstitutesContext) =>
      ctx.service.addPatent(input, ctx.caller),
    updatePatent: (_: unknown, { input }: Input<UpdatePatentInput>, ctx: InstitutesContext) =>
      ctx.service.updatePatent(input, ctx.caller),
    setInventors: async (_: unknown, { input }: Input<SetInventorsInput>, ctx: InstitutesContext) => {
      await ctx.service.setInventors(input, ctx.caller);
      return ctx.loaders.achievement.load(input.achievementId);
    },
    addResearcher: (_: unknown, { input }: Input<AddResearcherInput>, ctx: InstitutesContext) =>
      ctx.service.addResearcher(input, ctx.caller),
  },
  Institute: {
    __resolveReference: (ref: Ref, ctx: InstitutesContext) => ctx.loaders.institute.load(ref.id),
    achievements: (
      institute: InstituteEntity,
      { first }: { first?: number | null },
      ctx: InstitutesContext,
    ) => ctx.loaders.newestAchievementsOf(pageSize(first)).load(institute.id),
    researchers: (institute: InstituteEntity, { first }: ChildListArgs, ctx: InstitutesContext) =>
      ctx.loaders.researchersOf(boundedSize(first, RESEARCHERS)).load(institute.id),
  },
  Researcher: {
    __resolveReference: (ref: Ref, ctx: InstitutesContext) => ctx.loaders.researcher.load(ref.id),
    institute: (researcher: ResearcherEntity, _: unknown, ctx: InstitutesContext) =>
      ctx.loaders.institute.load(researcher.instituteId),
  },
  Project: {
    __resolveReference: (ref: { id: string; achievementId?: string }) => ref,
    /** The project's achievement with the caller's visibility: hidden is FORBIDDEN, not a leak of its id. */
    achievement: async (project: { achievementId: string }, _: unknown, ctx: InstitutesContext) => {
      const achievement = await ctx.loaders.achievement.load(project.achievementId);
      if (achievement) return achievement;
      if (await ctx.loaders.achievementExists.load(project.achievementId)) {
        throw new ForbiddenError("You may not see this project's achievement");
      }
      return null;
    },
  },
  Achievement: {
    __resolveReference: (ref: Ref, ctx: InstitutesContext) => ctx.loaders.achievement.load(ref.id),
    institute: (achievement: AchievementEntity, _: unknown, ctx: InstitutesContext) =>
      ctx.loaders.institute.load(achievement.instituteId),
    trlHistory: (achievement: AchievementEntity, { first }: ChildListArgs, ctx: InstitutesContext) =>
      ctx.loaders.trlHistoryOf(boundedSize(first, CHILDREN)).load(achievement.id),
    patents: (achievement: AchievementEntity, { first }: ChildListArgs, ctx: InstitutesContext) =>
      ctx.loaders.patentsOf(boundedSize(first, CHILDREN)).load(achievement.id),
    inventors: (achievement: AchievementEntity, _: unknown, ctx: InstitutesContext) =>
      ctx.loaders.inventorsOf.load(achievement.id),
    createdAt: (achievement: AchievementEntity) => achievement.createdAt.toISOString(),
    updatedAt: (achievement: AchievementEntity) => achievement.updatedAt.toISOString(),
  },
  Inventor: {
    researcher: (inventor: InventorEntity, _: unknown, ctx: InstitutesContext) =>
      ctx.loaders.researcher.load(inventor.researcherId),
  },
  Patent: {
    __resolveReference: (ref: Ref, ctx: InstitutesContext) => ctx.loaders.patent.load(ref.id),
    achievement: (patent: PatentEntity, _: unknown, ctx: InstitutesContext) =>
      ctx.loaders.achievement.load(patent.achievementId),
  },
  TechnologyDemand: {
    // The representation carries what @requires asked enterprises for; nothing to load here.
    __resolveReference: (demand: DemandProfile) => demand,
    candidateAchievements: (
      demand: DemandProfile,
      { first }: { first?: number | null },
      ctx: InstitutesContext,
    ) => ctx.loaders.candidatesOf(pageSize(first)).load(demand),
  },
  AchievementCandidate: {
    achievement: (candidate: CandidateRow, _: unknown, ctx: InstitutesContext) =>
      ctx.loaders.achievement.load(candidate.achievementId),
    fieldMatch: (candidate: CandidateRow) => fieldMatchOf(candidate.level),
    reasons: (candidate: CandidateRow) => reasonsFor(candidate),
  },
};
