import type { DataSource, EntityManager } from 'typeorm';
import type { PageRequest } from '../../shared/pagination';
import { ProjectEntity, type ProjectStage } from './entities/project.entity';
import { StageChangeEntity } from './entities/stage-change.entity';
import type { LifecycleState } from './lifecycle';

export interface ProjectFilter {
  stage?: ProjectStage | null;
  keyProject?: boolean | null;
}

/** Keyset of the newest-first order: [createdAt ISO string, id]. */
export type ProjectKey = [string, string];

export const projectKey = (p: ProjectEntity): ProjectKey => [p.createdAt.toISOString(), p.id];

export interface NewProject {
  id: string;
  code: string;
  title: string;
  summary: string;
  keyProject: boolean;
  achievementId: string;
  leadEnterpriseId: string;
}

export class ProjectRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<ProjectEntity[]> {
    return this.db.createQueryBuilder(ProjectEntity, 'p').where('p.id IN (:...ids)', { ids }).getMany();
  }

  async page(
    filter: ProjectFilter,
    page: PageRequest<ProjectKey>,
  ): Promise<{ rows: ProjectEntity[]; total: number }> {
    const query = this.db.createQueryBuilder(ProjectEntity, 'p');
    if (filter.stage) query.andWhere('p.stage = :stage', { stage: filter.stage });
    if (typeof filter.keyProject === 'boolean')
      query.andWhere('p.key_project = :keyProject', { keyProject: filter.keyProject });
    const total = await query.clone().getCount();
    if (page.after) {
      query.andWhere('(p.created_at, p.id) < (:afterCreated, :afterId)', {
        afterCreated: page.after[0],
        afterId: page.after[1],
      });
    }
    const rows = await query
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return { rows, total };
  }

  /** Projects whose achievement or lead enterprise is one of `keys`. */
  async byReference(
    column: 'achievement_id' | 'lead_enterprise_id',
    keys: readonly string[],
  ): Promise<ProjectEntity[]> {
    return this.db
      .createQueryBuilder(ProjectEntity, 'p')
      .where(`p.${column} IN (:...keys)`, { keys })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .getMany();
  }

  /** The stage changes of these projects, oldest first; the oldest `limit` of each when given. */
  async historyOf(projectIds: readonly string[], limit?: number): Promise<StageChangeEntity[]> {
    const query = this.db
      .createQueryBuilder(StageChangeEntity, 's')
      .where('s.project_id IN (:...projectIds)', { projectIds });
    if (limit !== undefined) {
      const ranked = this.db
        .createQueryBuilder(StageChangeEntity, 'v')
        .select('v.seq', 'seq')
        .addSelect('row_number() OVER (PARTITION BY v.project_id ORDER BY v.seq)', 'rank')
        .where('v.project_id IN (:...projectIds)', { projectIds });
      query
        .andWhere(`s.seq IN (SELECT r.seq FROM (${ranked.getQuery()}) r WHERE r.rank <= :limit)`)
        .setParameters({ ...ranked.getParameters(), limit });
    }
    return query.orderBy('s.seq').getMany();
  }

  /** Inserts a project at DOCKING and records its creation, in one transaction. */
  async create(project: NewProject, by: string, reason: string): Promise<ProjectEntity> {
    return this.db.transaction(async (tx: EntityManager) => {
      await tx.insert(ProjectEntity, { ...project, stage: 'DOCKING', illustrative: false });
      await tx.insert(StageChangeEntity, { projectId: project.id, from: null, to: 'DOCKING', by, reason });
      return tx.findOneByOrFail(ProjectEntity, { id: project.id });
    });
  }

  /**
   * Moves a project to the stage `decide` picks from its current lifecycle state, in one
   * transaction that holds the project's row lock (SELECT … FOR UPDATE) from reading the
   * state to recording the change: two concurrent moves of one project apply one after
   * the other, the second deciding on the state the first left. `decide` throws to refuse.
   * Returns null when the project does not exist.
   */
  async changeStage(
    projectId: string,
    decide: (project: ProjectEntity, state: LifecycleState) => ProjectStage,
    by: string,
    reason: string,
  ): Promise<ProjectEntity | null> {
    return this.db.transaction(async (tx: EntityManager) => {
      const project = await tx
        .createQueryBuilder(ProjectEntity, 'p')
        .setLock('pessimistic_write')
        .where('p.id = :projectId', { projectId })
        .getOne();
      if (!project) return null;
      const [facts] = await tx.query<{ held_from: ProjectStage | null; advance_recommended: boolean }[]>(
        `SELECT
           (SELECT s.from_stage FROM alliance.stage_change s
             WHERE s.project_id = $1 AND s.to_stage = 'ON_HOLD' ORDER BY s.seq DESC LIMIT 1) AS held_from,
           EXISTS (SELECT 1 FROM alliance.expert_review r
             WHERE r.project_id = $1 AND r.stage = 'EVALUATION' AND r.recommendation = 'ADVANCE')
             AS advance_recommended`,
        [projectId],
      );
      const from = project.stage;
      const to = decide(project, {
        stage: from,
        heldFrom: from === 'ON_HOLD' ? facts.held_from : null,
        advanceRecommended: facts.advance_recommended,
      });
      await tx.update(ProjectEntity, { id: projectId }, { stage: to, updatedAt: () => 'now()' });
      await tx.insert(StageChangeEntity, { projectId, from, to, by, reason });
      return tx.findOneByOrFail(ProjectEntity, { id: projectId });
    });
  }
}
