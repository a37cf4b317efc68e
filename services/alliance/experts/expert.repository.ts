import type { DataSource, EntityManager } from 'typeorm';
import { type PageRequest, type SortKey, keysetPage } from '../../../shared/pagination';
import { ExpertEntity } from './expert.entity';
import { ExpertReviewEntity } from './expert-review.entity';
import { ProjectEntity } from '../projects/project.entity';

/** By name, ties by id. */
const EXPERT_ORDER: SortKey[] = [
  { expr: 'e.name', descending: false },
  { expr: 'e.id', descending: false },
];

/** Keyset of the committees' order: [name, id]. */
export type ExpertKey = [string, string];

export const expertKey = (e: ExpertEntity): ExpertKey => [e.name, e.id];

export type NewExpert = Omit<ExpertEntity, 'illustrative' | 'createdAt'>;

/** Which experts a page holds: one alliance's committee, or every committee when `allianceId` is absent. */
export interface ExpertFilter {
  allianceId?: string | null;
}

export type NewReview = Omit<ExpertReviewEntity, 'stage' | 'illustrative' | 'submittedAt'>;

/** The alliances' technical expert committees and their reviews. */
export class ExpertRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<ExpertEntity[]> {
    return this.db.createQueryBuilder(ExpertEntity, 'e').where('e.id IN (:...ids)', { ids }).getMany();
  }

  /** The expert a token's subject belongs to. */
  async bySubject(subject: string): Promise<ExpertEntity | null> {
    return this.db.createQueryBuilder(ExpertEntity, 'e').where('e.subject = :subject', { subject }).getOne();
  }

  async page(
    filter: ExpertFilter,
    page: PageRequest<ExpertKey>,
  ): Promise<{ rows: ExpertEntity[]; total: number }> {
    const query = this.db.createQueryBuilder(ExpertEntity, 'e');
    // (alliance_id, name, id) answers one committee's page; (name, id) every committee's.
    if (filter.allianceId) query.where('e.alliance_id = :alliance', { alliance: filter.allianceId });
    return keysetPage(query, EXPERT_ORDER, page);
  }

  /**
   * The first `limit` experts by name of each of these alliances' committees, in one
   * statement for the whole batch (numbered per alliance by a window function).
   */
  async firstOfCommittees(allianceIds: readonly string[], limit: number): Promise<ExpertEntity[]> {
    return this.db
      .createQueryBuilder(ExpertEntity, 'e')
      .where(
        `e.id IN (SELECT r.id FROM (
           SELECT e2.id, row_number() OVER (PARTITION BY e2.alliance_id ORDER BY e2.name, e2.id) AS rank
           FROM alliance.expert e2 WHERE e2.alliance_id = ANY(:allianceIds)
         ) r WHERE r.rank <= :limit)`,
        { allianceIds, limit },
      )
      .orderBy('e.name', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  /** Registers an expert; `recorded` writes the audit entry in the same transaction. */
  async create(
    expert: NewExpert,
    recorded: (tx: EntityManager, created: ExpertEntity) => Promise<void>,
    within: EntityManager = this.db.manager,
  ): Promise<ExpertEntity> {
    return within.transaction(async (tx: EntityManager) => {
      await tx.insert(ExpertEntity, { ...expert, illustrative: false });
      const created = await tx.findOneByOrFail(ExpertEntity, { id: expert.id });
      await recorded(tx, created);
      return created;
    });
  }

  async findReviews(ids: readonly string[]): Promise<ExpertReviewEntity[]> {
    return this.db.createQueryBuilder(ExpertReviewEntity, 'r').where('r.id IN (:...ids)', { ids }).getMany();
  }

  /** Reviews of these projects (or by these experts), oldest first, one statement for all. */
  async reviewsBy(
    column: 'project_id' | 'expert_id',
    keys: readonly string[],
    limit?: number,
  ): Promise<ExpertReviewEntity[]> {
    const query = this.db
      .createQueryBuilder(ExpertReviewEntity, 'r')
      .where(`r.${column} IN (:...keys)`, { keys });
    if (limit !== undefined) {
      const ranked = this.db
        .createQueryBuilder(ExpertReviewEntity, 'v')
        .select('v.id', 'id')
        .addSelect(`row_number() OVER (PARTITION BY v.${column} ORDER BY v.submitted_at, v.id)`, 'rank')
        .where(`v.${column} IN (:...keys)`, { keys });
      query
        .andWhere(`r.id IN (SELECT k.id FROM (${ranked.getQuery()}) k WHERE k.rank <= :limit)`)
        .setParameters({ ...ranked.getParameters(), limit });
    }
    return query.orderBy('r.submitted_at', 'ASC').addOrderBy('r.id', 'ASC').getMany();
  }

  /**
   * Records a review at the project's current stage. The project's row is locked (FOR
   * SHARE) so its stage cannot change between reading it and recording the review;
   * `check` refuses a stage the committee does not review; `recorded` writes the audit
   * entry in the same transaction. Null when the project is gone.
   */
  async createReview(
    review: NewReview,
    check: (project: ProjectEntity) => void,
    recorded: (tx: EntityManager, created: ExpertReviewEntity) => Promise<void>,
    within: EntityManager = this.db.manager,
  ): Promise<ExpertReviewEntity | null> {
    return within.transaction(async (tx: EntityManager) => {
      const project = await tx
        .createQueryBuilder(ProjectEntity, 'p')
        .setLock('pessimistic_read')
        .where('p.id = :id', { id: review.projectId })
        .getOne();
      if (!project) return null;
      check(project);
      await tx.insert(ExpertReviewEntity, { ...review, stage: project.stage, illustrative: false });
      const created = await tx.findOneByOrFail(ExpertReviewEntity, { id: review.id });
      await recorded(tx, created);
      return created;
    });
  }
}
