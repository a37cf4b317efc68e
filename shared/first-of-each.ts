import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Narrows `query` (rows of `alias`, keyed by `key`) to the first `limit` rows of each
 * `partition` in `order`: one statement for every parent of a DataLoader batch, ranked by
 * `row_number()` in a subquery over the same rows.
 */
export function firstOfEach<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  {
    alias,
    key = 'id',
    partition,
    order,
    limit,
  }: {
    alias: string;
    key?: string;
    partition: string;
    order: string;
    limit: number;
  },
): SelectQueryBuilder<T> {
  const ranked = query
    .clone()
    .orderBy()
    .select(`${alias}.${key}`, 'k')
    .addSelect(`row_number() OVER (PARTITION BY ${alias}.${partition} ORDER BY ${order})`, 'rank');
  return query
    .andWhere(
      `${alias}.${key} IN (SELECT ranked.k FROM (${ranked.getQuery()}) ranked WHERE ranked.rank <= :rankLimit)`,
    )
    .setParameter('rankLimit', limit);
}
