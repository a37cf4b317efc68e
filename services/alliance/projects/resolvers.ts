import type { GraphQLResolveInfo } from 'graphql';
import { idempotentRequest } from '../../../shared/idempotency';
import { CHILD_LIST, boundedSize } from '../../../shared/list-bounds';
import { pageSize, toConnection } from '../../../shared/pagination';
import { keptOrLoad, loadAndKeep } from '../../../shared/loaders';
import {
  columnsAsked,
  listAskedOnce,
  perSelection,
  type ColumnsKey,
  type ColumnsOfFields,
} from '../../../shared/selected-columns';
import { reviewGateAsSeen, visibleAuthor } from '../access';
import type { AllianceContext } from '../context';
import type { Resolvers } from '../generated/graphql';
import { allowedNextStages } from './lifecycle';
import { askPeers, parseProjectBoard, projectKeyOf } from './project-board';
import type { ProjectEntity, ProjectStage } from './project.entity';
import type { StageChangeEntity } from './stage-change.entity';

/**
 * What each field of `Project` in this module reads of its row: `_entities` batches read
 * only those columns (the gateway's board asks a few of fourteen). Fields of other modules
 * (alliance, agreement, audit trail) are not listed, so asking one reads the whole row; `reviews`
 (experts) reads only the id.
 */
export const PROJECT_COLUMNS: ColumnsOfFields<ProjectEntity> = {
  typename: 'Project',
  always: ['id'],
  fields: {
    id: [],
    code: ['code'],
    title: ['title'],
    summary: ['summary'],
    stage: ['stage'],
    allowedNextStages: ['stage'],
    heldFrom: ['stage'],
    keyProject: ['keyProject'],
    keyProjectKind: ['keyProjectKind'],
    achievementId: ['achievementId'],
    leadEnterprise: ['leadEnterpriseId'],
    history: [],
    illustrative: ['illustrative'],
    createdAt: ['createdAt'],
    updatedAt: ['updatedAt'],
    stageChangedAt: ['stageChangedAt', 'createdAt'],
    reviews: [],
  },
};

/** What each field of `StageChange` reads: `history` reads only those columns. */
export const STAGE_CHANGE_COLUMNS: ColumnsOfFields<StageChangeEntity> = {
  typename: 'StageChange',
  // Ordered and grouped by.
  always: ['seq', 'projectId'],
  fields: { from: ['from'], to: ['to'], by: ['by'], at: ['at'], reason: ['reason'] },
};

/** A `history` asked in one way: the size of each project's list and the columns it reads. */
interface HistoryAsked {
  limit: number;
  columns: ColumnsKey;
}

/**
 * How an `_entities` selection asks for each project's `history`, when it asks it under one
 * name; null when it asks none, asks it under several, or asks a size the bound refuses
 * (the field's own resolver then says so). Worked out once per selection.
 */
export const historyAsked = perSelection(historyAskedOf);

function historyAskedOf(info: GraphQLResolveInfo): HistoryAsked | null {
  const history = listAskedOnce(info, 'Project', 'history', CHILD_LIST);
  return history && { limit: history.limit, columns: columnsAsked(STAGE_CHANGE_COLUMNS, history.info) };
}

/** While ON_HOLD: the stage the project left, read from its last move to ON_HOLD. */
async function heldFrom(project: ProjectEntity, ctx: AllianceContext): Promise<ProjectStage | null> {
  if (project.stage !== 'ON_HOLD') return null;
  const history = await ctx.loaders.historyOf.load(project.id);
  return history.filter((change) => change.to === 'ON_HOLD').at(-1)?.from ?? null;
}

/** Projects and their lifecycle: the board, docking, stage moves, and the projects of an achievement or enterprise. */
export const projectResolvers: Resolvers = {
  Query: {
    project: (_, { id }, ctx) => ctx.loaders.project.load(id),
    projects: async (_, args, ctx) => {
      // Every argument is checked before the peers or the database are asked anything.
      const { filter, peers, order, page } = parseProjectBoard(args);
      const narrowed = await askPeers(filter, peers, ctx.peers, ctx.caller);
      const { rows, total } = await ctx.projects.page(narrowed, order, page);
      return toConnection(rows, page, projectKeyOf(order), total);
    },
  },
  Mutation: {
    createProject: (_, args, ctx, info) =>
      ctx.projectService.create(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    changeProjectStage: (_, { input }, ctx) => ctx.projectService.changeStage(input, ctx.caller),
  },
  Project: {
    __resolveReference: (ref, ctx, info) => {
      const project = ctx.loaders.projectWith(columnsAsked(PROJECT_COLUMNS, info)).load(ref.id);
      const history = historyAsked(info);
      if (!history) return project;
      // The history the selection asks for is read beside the projects (one statement for
      // the batch, at the same time as theirs) and kept, so that each project's `history`
      // answers without a promise: a batch of a hundred saves a hundred turns.
      const changes = ctx.loaders.firstHistoryOf(history.limit, history.columns);
      return Promise.all([project, loadAndKeep(changes, ref.id)]).then(([row]) => row);
    },
    leadEnterprise: (project) => ({ __typename: 'Enterprise', id: project.leadEnterpriseId }),
    history: (project, { first }, ctx, info) =>
      keptOrLoad(
        ctx.loaders.firstHistoryOf(boundedSize(first, CHILD_LIST), columnsAsked(STAGE_CHANGE_COLUMNS, info)),
        project.id,
      ),
    heldFrom: (project, _, ctx) => heldFrom(project, ctx),
    allowedNextStages: async (project, _, ctx) => {
      const [held, advanceRecommended] = await Promise.all([
        heldFrom(project, ctx),
        reviewGateAsSeen(ctx.caller, async () =>
          (await ctx.loaders.reviewsOfProject.load(project.id)).some(
            (r) => r.stage === 'EVALUATION' && r.recommendation === 'ADVANCE',
          ),
        ),
      ]);
      return allowedNextStages({ stage: project.stage, heldFrom: held, advanceRecommended });
    },
    createdAt: (project) => project.createdAt.toISOString(),
    updatedAt: (project) => project.updatedAt.toISOString(),
    stageChangedAt: (project) => (project.stageChangedAt ?? project.createdAt).toISOString(),
  },
  StageChange: {
    by: (change, _, ctx) => visibleAuthor(change.by, ctx.caller),
    at: (change) => change.at.toISOString(),
  },
  Achievement: {
    __resolveReference: (ref) => ({ id: ref.id }),
    projects: (achievement, args, ctx) =>
      ctx.loaders.projectsOfAchievement(pageSize(args.first)).load(achievement.id),
  },
  Enterprise: {
    ledProjects: (enterprise, args, ctx) =>
      ctx.loaders.projectsLedBy(pageSize(args.first)).load(enterprise.id),
    ledProjectIds: async (enterprise, _, ctx) =>
      (await ctx.loaders.allLedBy.load(enterprise.id)).map((project) => project.id),
    ledAchievementIds: async (enterprise, _, ctx) => [
      ...new Set((await ctx.loaders.allLedBy.load(enterprise.id)).map((project) => project.achievementId)),
    ],
  },
};
