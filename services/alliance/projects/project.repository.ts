import type { DataSource, EntityManager } from 'typeorm';
import { type PageRequest, type SortKey, keysetPage } from '../../../shared/pagination';
import { ProjectEntity, type KeyProjectKind, type ProjectStage } from './project.entity';
import { StageChangeEntity } from './stage-change.entity';
import type { LifecycleState } from './lifecycle';
import type { ProjectFilter, ProjectKey, ProjectOrder, ProjectOrderField } from './project-board';
import { rowsByIds, selectList } from '../../../shared/selected-columns';

export interface NewProject {
  id: string;
  allianceId: string;
  code: string;
  title: string;
  summary: string;
  keyProject: boolean;
  keyProjectKind: KeyProjectKind | null;
  achievementId: string;
  leadEnterpriseId: string;
}

/** The board's orders, each total: the sort key, then the id the same way. */
const PROJECT_ORDERS: Record<ProjectOrderField, (descending: boolean) => SortKey[]> = {
  DOCKED_AT: (descending) => [
    { expr: 'p.created_at', descending, cast: 'timestamptz' },
    { expr: 'p.id', descending },
  ],
  STAGE_CHANGED_AT: (descending) => [
    { expr: 'p.stage_changed_at', descending, cast: 'timestamptz' },
    { expr: 'p.id', descending },
  ],
  CODE: (descending) => [
    { expr: 'p.code', descending },
    { expr: 'p.id', descending },
  ],
  TITLE: (descending) => [
    { expr: 'p.title', descending },
    { expr: 'p.id', descending },
  ],
};

/** The filter fields `project_tally` has columns for. */
const TALLIED_FILTERS: ReadonlySet<string> = new Set(['stages', 'keyProject', 'allianceIds']);

/** Whether the tally can count what `filter` matches: it sets no other field. */
function talliedOnly(filter: ProjectFilter): boolean {
  return Object.entries(filter).every(([field, value]) => value === undefined || TALLIED_FILTERS.has(field));
}

/** How each property of a stage change is read from `alliance.stage_change`. */
const STAGE_CHANGE_SQL: Record<keyof StageChangeEntity, string> = {
  seq: 'seq',
  projectId: 'project_id AS "projectId"',
  from: 'from_stage AS "from"',
  to: 'to_stage AS "to"',
  by: 'changed_by AS "by"',
  at: 'changed_at AS "at"',
  reason: 'reason',
};

/** A project as its lead's party scope knows it. */
export interface LedProject {
  id: string;
  achievementId: string;
  leadEnterpriseId: string;
}

export class ProjectRepository {
  constructor(private readonly db: DataSource) {}

  /** By id; with `columns`, only those properties are read and set. */
  async findByIds(
    ids: readonly string[],
    columns: readonly (keyof ProjectEntity)[] | null = null,
  ): Promise<ProjectEntity[]> {
    return rowsByIds(this.db, ProjectEntity, ids, columns);
  }

  /**
   * One page of the board and the total that matches: two statements whatever the page.
   * The filter is all conditions on this table's columns (the peers' answers arrive as id
   * arrays compared with `= ANY`), the order a keyset over `(sort key, id)`, which the
   * migration's indexes answer without sorting.
   */
  async page(
    filter: ProjectFilter,
    order: ProjectOrder,
    page: PageRequest<ProjectKey>,
  ): Promise<{ rows: ProjectEntity[]; total: number }> {
    const query = this.db.createQueryBuilder(ProjectEntity, 'p');
    if (filter.stages) query.andWhere('p.stage = ANY(:stages)', { stages: filter.stages });
    if (filter.keyProject !== undefined)
      query.andWhere('p.key_project = :keyProject', { keyProject: filter.keyProject });
    if (filter.allianceIds)
      query.andWhere('p.alliance_id = ANY(:alliances)', { alliances: filter.allianceIds });
    if (filter.leadEnterpriseIds)
      query.andWhere('p.lead_enterprise_id = ANY(:leads)', { leads: filter.leadEnterpriseIds });
    if (filter.achievementIds)
      query.andWhere('p.achievement_id = ANY(:achievements)', { achievements: filter.achievementIds });
    filter.achievementIdSets?.forEach((ids, i) =>
      query.andWhere(`p.achievement_id = ANY(:achievementSet${i})`, { [`achievementSet${i}`]: ids }),
    );
    filter.projectIdSets?.forEach((ids, i) =>
      query.andWhere(`p.id = ANY(:projectSet${i})`, { [`projectSet${i}`]: ids }),
    );
    if (filter.dockedFrom) query.andWhere('p.created_at >= :dockedFrom', { dockedFrom: filter.dockedFrom });
    if (filter.dockedBefore)
      query.andWhere('p.created_at < :dockedBefore', { dockedBefore: filter.dockedBefore });
    if (filter.stageChangedFrom)
      query.andWhere('p.stage_changed_at >= :changedFrom', { changedFrom: filter.stageChangedFrom });
    if (filter.stageChangedBefore)
      query.andWhere('p.stage_changed_at < :changedBefore', { changedBefore: filter.stageChangedBefore });
    if (filter.textPattern)
      query.andWhere('(p.code ILIKE :text OR p.title ILIKE :text)', { text: filter.textPattern });
    const sort = PROJECT_ORDERS[order.field](order.direction === 'DESC');
    return keysetPage(query, sort, page, talliedOnly(filter) ? () => this.talliedTotal(filter) : undefined);
  }

  /**
   * How many projects match a filter of stages, key project and alliances only: a sum over
   * `project_tally` (a few dozen rows per alliance, kept by a trigger) instead of a count of
   * the projects, which grows with them. The unfiltered board is such a filter.
   */
  private async talliedTotal(filter: ProjectFilter): Promise<number> {
    // An aggregate without GROUP BY: always one row.
    const [row] = await this.db.query<[{ total: number }]>(
      `SELECT coalesce(sum(row_count), 0)::int AS total FROM alliance.project_tally
       WHERE ($1::text[] IS NULL OR stage = ANY($1))
         AND ($2::boolean IS NULL OR key_project = $2)
         AND ($3::text[] IS NULL OR alliance_id = ANY($3))`,
      [filter.stages ?? null, filter.keyProject ?? null, filter.allianceIds ?? null],
    );
    return row.total;
  }

  /**
   * The newest `limit` projects of each achievement or lead enterprise, in one statement
   * for the whole batch (numbered per parent by a window function).
   */
  async newestByReference(
    column: 'achievement_id' | 'lead_enterprise_id',
    keys: readonly string[],
    limit: number,
  ): Promise<ProjectEntity[]> {
    return this.db
      .createQueryBuilder(ProjectEntity, 'p')
      .where(
        `p.id IN (SELECT r.id FROM (
           SELECT p2.id, row_number() OVER (PARTITION BY p2.${column} ORDER BY p2.created_at DESC, p2.id DESC) AS rank
           FROM alliance.project p2 WHERE p2.${column} = ANY(:keys)
         ) r WHERE r.rank <= :limit)`,
        { keys, limit },
      )
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .getMany();
  }

  /**
   * Every project these enterprises lead, as its id and achievement (what makes an enterprise
   * a party: shared/parties.ts), in one statement for all of them (`project_enterprise_created_idx`).
   * Not paged: a project left off would leave its lead refused what a party may see.
   */
  async ledBy(enterpriseIds: readonly string[]): Promise<LedProject[]> {
    return this.db.query<LedProject[]>(
      `SELECT id, achievement_id AS "achievementId", lead_enterprise_id AS "leadEnterpriseId"
       FROM alliance.project WHERE lead_enterprise_id = ANY($1)`,
      [enterpriseIds],
    );
  }

  /**
   * The stage changes of these projects, oldest first; the oldest `limit` of each when given.
   * One pass over `stage_change_project_idx`: the window numbers each project's changes in
   * the scan that reads them (filtering the rows by a ranked subquery of the same rows read
   * the index twice and hash-joined the two: 4.9 ms of execution for 100 projects, now 1.3).
   * The rows come in the entity's shape, as TypeORM would hydrate them (`seq` a bigint's text),
   * with only the properties `columns` names (all by default).
   */
  async historyOf(
    projectIds: readonly string[],
    limit?: number,
    columns: readonly (keyof StageChangeEntity)[] | null = null,
  ): Promise<StageChangeEntity[]> {
    return this.db.query<StageChangeEntity[]>(
      `SELECT ${selectList(STAGE_CHANGE_SQL, columns)}
       FROM (SELECT s.*, row_number() OVER (PARTITION BY s.project_id ORDER BY s.seq) AS rank
             FROM alliance.stage_change s WHERE s.project_id = ANY($1)) ranked
       WHERE $2::int IS NULL OR rank <= $2
       ORDER BY seq`,
      [projectIds, limit ?? null],
    );
  }

  /** Inserts a project at DOCKING and records its creation (history and audit), in one transaction. */
  async create(
    project: NewProject,
    by: string,
    reason: string,
    recorded: (tx: EntityManager, created: ProjectEntity) => Promise<void>,
    within: EntityManager = this.db.manager,
  ): Promise<ProjectEntity> {
    return within.transaction(async (tx: EntityManager) => {
      await tx.insert(ProjectEntity, { ...project, stage: 'DOCKING', illustrative: false });
      await tx.insert(StageChangeEntity, { projectId: project.id, from: null, to: 'DOCKING', by, reason });
      const created = await tx.findOneByOrFail(ProjectEntity, { id: project.id });
      await recorded(tx, created);
      return created;
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
    recorded: (tx: EntityManager, before: ProjectEntity, after: ProjectEntity) => Promise<void>,
  ): Promise<ProjectEntity | null> {
    return this.db.transaction(async (tx: EntityManager) => {
      const project = await tx
        .createQueryBuilder(ProjectEntity, 'p')
        .setLock('pessimistic_write')
        .where('p.id = :projectId', { projectId })
        .getOne();
      if (!project) return null;
      // Scalar subqueries without FROM: always one row.
      const [facts] = await tx.query<[{ held_from: ProjectStage | null; advance_recommended: boolean }]>(
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
      const after = await tx.findOneByOrFail(ProjectEntity, { id: projectId });
      await recorded(tx, project, after);
      return after;
    });
  }
}
