import type { DataSource } from 'typeorm';
import type { PageRequest } from '../../shared/pagination';
import { EnterpriseEntity, type Ownership } from './entities/enterprise.entity';

export interface EnterpriseFilter {
  ownership?: Ownership | null;
}

/** Keyset of the by-name order: [name, id]. */
export type EnterpriseKey = [string, string];

export const enterpriseKey = (e: EnterpriseEntity): EnterpriseKey => [e.name, e.id];

/** Enterprise profiles are public. */
export class EnterpriseRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<EnterpriseEntity[]> {
    return this.db.createQueryBuilder(EnterpriseEntity, 'e').where('e.id IN (:...ids)', { ids }).getMany();
  }

  async page(
    filter: EnterpriseFilter,
    page: PageRequest<EnterpriseKey>,
  ): Promise<{ rows: EnterpriseEntity[]; total: number }> {
    const query = this.db.createQueryBuilder(EnterpriseEntity, 'e');
    if (filter.ownership) query.andWhere('e.ownership = :ownership', { ownership: filter.ownership });
    const total = await query.clone().getCount();
    if (page.after)
      query.andWhere('(e.name, e.id) > (:afterName, :afterId)', {
        afterName: page.after[0],
        afterId: page.after[1],
      });
    const rows = await query
      .orderBy('e.name', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return { rows, total };
  }
}
