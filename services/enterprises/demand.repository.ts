import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { type PageRequest, type SortKey, keysetPage } from '../../shared/pagination';
import { TechnologyDemandEntity } from './entities/technology-demand.entity';
import type { DemandStatus } from './generated/graphql';

/** Newest first, ties by id. */
const DEMAND_ORDER: SortKey[] = [
  { expr: 'd.created_at', descending: true },
  { expr: 'd.id', descending: true },
];

/** A validated demand filter; every given condition must hold. */
export interface DemandFilter {
  enterpriseId?: string | null;
  status?: DemandStatus | null;
  /** Canonical start of an IPC code, e.g. `C08` or `C08J 5/`. */
  ipcPrefix?: string | null;
  /** A lower-case keyword the demand lists. */
  keyword?: string | null;
  /** Only demands whose minimum TRL an achievement at this level meets. */
  achievableAtTrl?: number | null;
}

/** Keyset of the newest-first order: [createdAt ISO string, id]. */
export type DemandKey = [string, string];

export const demandKey = (d: TechnologyDemandEntity): DemandKey => [d.createdAt.toISOString(), d.id];

export type NewDemand = Omit<TechnologyDemandEntity, 'createdAt' | 'updatedAt'>;

export type DemandChanges = Partial<
  Pick<
    TechnologyDemandEntity,
    | 'title'
    | 'description'
    | 'ipcCode'
    | 'keywords'
    | 'minTrl'
    | 'budgetAmount'
    | 'budgetCurrency'
    | 'deadline'
    | 'status'
  >
>;

/** Technology demands are public notices: no visibility rule applies to reading them. */
export class DemandRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<TechnologyDemandEntity[]> {
    return this.db
      .createQueryBuilder(TechnologyDemandEntity, 'd')
      .where('d.id IN (:...ids)', { ids })
      .getMany();
  }

  private filtered(filter: DemandFilter): SelectQueryBuilder<TechnologyDemandEntity> {
    const query = this.db.createQueryBuilder(TechnologyDemandEntity, 'd');
    if (filter.enterpriseId)
      query.andWhere('d.enterprise_id = :enterpriseId', { enterpriseId: filter.enterpriseId });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.keyword) query.andWhere('d.keywords @> ARRAY[:keyword]::text[]', { keyword: filter.keyword });
    if (filter.achievableAtTrl) query.andWhere('d.min_trl <= :trl', { trl: filter.achievableAtTrl });
    if (filter.ipcPrefix) {
      query.andWhere('d.ipc_code LIKE :ipcPrefix', {
        ipcPrefix: `${filter.ipcPrefix.replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    return query;
  }

  /** One page in newest-first order, plus the total that matches the filter. */
  async page(
    filter: DemandFilter,
    page: PageRequest<DemandKey>,
  ): Promise<{ rows: TechnologyDemandEntity[]; total: number }> {
    const query = this.filtered(filter);
    return keysetPage(query, DEMAND_ORDER, page);
  }

  /** The newest `limit` demands of each enterprise (optionally of one status), in one statement. */
  async newestOfEnterprises(
    enterpriseIds: readonly string[],
    status: DemandStatus | null,
    limit: number,
  ): Promise<TechnologyDemandEntity[]> {
    const ranked = this.db
      .createQueryBuilder(TechnologyDemandEntity, 'v')
      .select('v.id', 'id')
      .addSelect(
        'row_number() OVER (PARTITION BY v.enterprise_id ORDER BY v.created_at DESC, v.id DESC)',
        'rank',
      )
      .where('v.enterprise_id IN (:...enterpriseIds)', { enterpriseIds });
    if (status) ranked.andWhere('v.status = :status', { status });
    return this.db
      .createQueryBuilder(TechnologyDemandEntity, 'd')
      .where(`d.id IN (SELECT r.id FROM (${ranked.getQuery()}) r WHERE r.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .getMany();
  }

  async insert(demand: NewDemand, within: EntityManager = this.db.manager): Promise<TechnologyDemandEntity> {
    return within.transaction(async (tx) => {
      await tx.insert(TechnologyDemandEntity, demand);
      return tx.findOneByOrFail(TechnologyDemandEntity, { id: demand.id });
    });
  }

  /**
   * Changes a demand in one transaction: locks its row, lets `decide` check the rules
   * against the current state (throwing refuses the write) and stores what it returns;
   * `recorded` then writes the audit entry in the same transaction. Null when there is no
   * such demand.
   */
  async change(
    id: string,
    decide: (current: TechnologyDemandEntity) => DemandChanges,
    recorded: (
      tx: EntityManager,
      before: TechnologyDemandEntity,
      after: TechnologyDemandEntity,
    ) => Promise<void>,
  ): Promise<TechnologyDemandEntity | null> {
    return this.db.transaction(async (tx) => {
      const current = await tx
        .createQueryBuilder(TechnologyDemandEntity, 'd')
        .where('d.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) return null;
      const changes = decide(current);
      await tx
        .createQueryBuilder()
        .update(TechnologyDemandEntity)
        .set({ ...changes, updatedAt: () => 'now()' })
        .where('id = :id', { id })
        .execute();
      const after = await tx.findOneByOrFail(TechnologyDemandEntity, { id });
      await recorded(tx, current, after);
      return after;
    });
  }
}
