import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { groupedInKeyOrder, loaderFamily } from '../loaders';
import { keysetSql, toConnection, type Connection } from '../pagination';
import type { AuditActor } from './actor';
import { changedFields, type AuditChange } from './changes';
import {
  AUDIT_ORDER,
  ORDERING,
  auditPage,
  type AuditEntryRow,
  type AuditPage,
  type AuditTrailArgs,
} from './trail-page';

/**
 * One request's audit log in one subgraph: it writes the request's changes (with the
 * caller and the request's ids) and reads entities' trails, one statement pair per batch
 * of entities that ask for the same page.
 */
export class AuditLog {
  private readonly pages: (key: string) => DataLoader<string, Connection<AuditEntryRow>>;

  constructor(
    private readonly db: DataSource,
    private readonly schema: string,
    private readonly actor: AuditActor,
  ) {
    this.pages = loaderFamily(
      (key: string) =>
        new DataLoader<string, Connection<AuditEntryRow>>((ids) => {
          const { entityType, page } = JSON.parse(key) as { entityType: string; page: AuditPage };
          return this.fetchPages(entityType, ids, page);
        }),
    );
  }

  /** Records one change in `tx`, the transaction that makes it. */
  async record(tx: EntityManager, change: AuditChange): Promise<void> {
    const { before, after } = changedFields(change.before, change.after);
    await tx.query(
      `INSERT INTO ${this.schema}.audit_entry
         (actor, organization, request_id, idempotency_key, operation, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        this.actor.subject,
        this.actor.organization,
        this.actor.requestId,
        this.actor.idempotencyKey,
        change.operation,
        change.entityType,
        change.entityId,
        before === null ? null : JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
      ],
    );
  }

  /** A page of one entity's trail, newest first. */
  trail(entityType: string, entityId: string, args: AuditTrailArgs): Promise<Connection<AuditEntryRow>> {
    const page = auditPage(args);
    return this.pages(JSON.stringify({ entityType, page })).load(entityId);
  }

  private async fetchPages(
    entityType: string,
    ids: readonly string[],
    page: AuditPage,
  ): Promise<Connection<AuditEntryRow>[]> {
    const request = { limit: page.limit, backward: false, cursor: page.cursor, ordering: ORDERING };
    const keyset = keysetSql(AUDIT_ORDER, request);
    const entries = this.db
      .createQueryBuilder()
      .select('e.*')
      .addSelect('row_number() OVER (PARTITION BY e.entity_id ORDER BY e.id DESC)', 'rank')
      .from(`${this.schema}.audit_entry`, 'e')
      .where('e.entity_type = :entityType', { entityType })
      .andWhere('e.entity_id IN (:...ids)', { ids });
    if (keyset.where) entries.andWhere(keyset.where, keyset.params);
    const [rows, counts] = await Promise.all([
      this.db
        .createQueryBuilder()
        .select('r.*')
        .from(`(${entries.getQuery()})`, 'r')
        .where('r.rank <= :upTo', { upTo: page.limit + 1 })
        .setParameters(entries.getParameters())
        .orderBy('r.entity_id')
        .addOrderBy('r.id', 'DESC')
        .getRawMany<AuditEntryRow>(),
      this.db
        .createQueryBuilder()
        .select('e.entity_id', 'entityId')
        .addSelect('count(*)::int', 'total')
        .from(`${this.schema}.audit_entry`, 'e')
        .where('e.entity_type = :entityType', { entityType })
        .andWhere('e.entity_id IN (:...ids)', { ids })
        .groupBy('e.entity_id')
        .getRawMany<{ entityId: string; total: number }>(),
    ]);
    const totals = new Map(counts.map((c) => [c.entityId, Number(c.total)]));
    const groups = groupedInKeyOrder(ids, rows, (row) => row.entity_id);
    return ids.map((id, i) =>
      toConnection(groups[i] ?? [], request, (row) => [String(row.id)], totals.get(id) ?? 0),
    );
  }
}
