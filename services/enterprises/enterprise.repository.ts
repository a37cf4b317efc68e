import { firstOfEach } from '../../shared/first-of-each';
import { ProductEntity } from './entities/product.entity';
import type { DataSource } from 'typeorm';
import { type PageRequest, type SortKey, keysetPage } from '../../shared/pagination';
import { EnterpriseEntity } from './entities/enterprise.entity';
import type { EnterpriseFilter } from './generated/graphql';
import { rowsByIds } from '../../shared/selected-columns';

/** By name, ties by id. */
const ENTERPRISE_ORDER: SortKey[] = [
  { expr: 'e.name', descending: false },
  { expr: 'e.id', descending: false },
];
/** Keyset of the by-name order: [name, id]. */
export type EnterpriseKey = [string, string];

export const enterpriseKey = (e: EnterpriseEntity): EnterpriseKey => [e.name, e.id];

/** Enterprise profiles are public. */
export class EnterpriseRepository {
  constructor(private readonly db: DataSource) {}

  /** By id; with `columns`, only those properties are read and set. */
  async findByIds(
    ids: readonly string[],
    columns: readonly (keyof EnterpriseEntity)[] | null = null,
  ): Promise<EnterpriseEntity[]> {
    return rowsByIds(this.db, EnterpriseEntity, ids, columns);
  }

  /** The first `limit` products of each of these enterprises by name, in one statement. */
  async productsOf(enterpriseIds: readonly string[], limit: number): Promise<ProductEntity[]> {
    const query = this.db
      .createQueryBuilder(ProductEntity, 'p')
      .where('p.enterprise_id IN (:...enterpriseIds)', { enterpriseIds });
    return firstOfEach(query, { alias: 'p', partition: 'enterprise_id', order: 'p.name, p.id', limit })
      .orderBy('p.name')
      .addOrderBy('p.id')
      .getMany();
  }

  async page(
    filter: EnterpriseFilter,
    page: PageRequest<EnterpriseKey>,
  ): Promise<{ rows: EnterpriseEntity[]; total: number }> {
    const query = this.db.createQueryBuilder(EnterpriseEntity, 'e');
    if (filter.ownership) query.andWhere('e.ownership = :ownership', { ownership: filter.ownership });
    return keysetPage(query, ENTERPRISE_ORDER, page);
  }
}
