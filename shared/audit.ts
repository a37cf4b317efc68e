import DataLoader from 'dataloader';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { hasRole, isOrganization } from './access';
import { formatOrganization, type Caller, type OrganizationRef } from './identity';
import { groupedInKeyOrder, loaderFamily } from './loaders';
import { boundedSize, type ListBound } from './list-bounds';
import { decodeCursor, keysetSql, toConnection, type Connection, type SortKey } from './pagination';

/**
 * The audit trail: one row per change a mutation makes, written in the mutation's own
 * transaction (so a refused or failed write leaves none), holding who (token subject and
 * organization), when, which request (request id, idempotency key), which root mutation
 * field, which record, and the fields that changed with their values before and after.
 * A trigger refuses UPDATE, DELETE and TRUNCATE of the table, whoever asks. Rows are kept
 * as long as the subgraph's database: nothing purges them (docs/audit.md).
 */

/** The header that carries the request's id from the gateway to a subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The most characters of a request id kept. */
export const MAX_REQUEST_ID = 128;

/**
 * The request id as it arrived, bounded: visible ASCII only (no spaces, no control
 * characters, nothing to forge a log line with), at most 128 characters; null when
 * nothing usable arrived.
 */
export function boundedRequestId(value: string | null | undefined): string | null {
  if (!value) return null;
  const safe = value.replace(/[^\x21-\x7e]/g, '').slice(0, MAX_REQUEST_ID);
  return safe || null;
}

/** Who made a change, and in which request. */
export interface AuditActor {
  /** The token's subject; null for a caller without one. */
  subject: string | null;
  /** `type:id` of the caller's organization. */
  organization: string | null;
  requestId: string | null;
  idempotencyKey: string | null;
}

/** What a subgraph knows of a request besides its caller. */
export interface RequestMeta {
  requestId: string | null;
  idempotencyKey: string | null;
}

export function auditActor(caller: Caller, request: RequestMeta | undefined): AuditActor {
  return {
    subject: caller.subject,
    organization: caller.organization ? formatOrganization(caller.organization) : null,
    requestId: request?.requestId ?? null,
    idempotencyKey: request?.idempotencyKey ?? null,
  };
}

/** A record's fields as a mutation saw them: an entity, or any plain object. */
export type Snapshot = object;

/** One change to one record. */
export interface AuditChange {
  /** The root mutation field that made it, e.g. `commitInvestment`. */
  operation: string;
  /** The GraphQL type of the record, e.g. `Investment`. */
  entityType: string;
  entityId: string;
  /** The record before the change; null when the mutation created it. */
  before: Snapshot | null;
  /** The record after the change; null when the mutation removed it. */
  after: Snapshot | null;
}

/** Fields every update changes and that tell nothing the entry's `at` does not. */
const UNAUDITED_FIELDS = new Set(['updatedAt']);

/** A snapshot as JSON values (dates as ISO strings, decimals as strings). */
function jsonOf(snapshot: Snapshot): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
  for (const field of UNAUDITED_FIELDS) delete json[field];
  return json;
}

/**
 * The fields that differ between two snapshots, each side holding only those; a creation
 * keeps every field of the new record in `after`, a removal every field of the old one in
 * `before`.
 */
export function changedFields(
  before: Snapshot | null,
  after: Snapshot | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) {
    return { before: before && jsonOf(before), after: after && jsonOf(after) };
  }
  const old = jsonOf(before);
  const now = jsonOf(after);
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const field of new Set([...Object.keys(old), ...Object.keys(now)])) {
    if (JSON.stringify(old[field] ?? null) === JSON.stringify(now[field] ?? null)) continue;
    changedBefore[field] = old[field] ?? null;
    changedAfter[field] = now[field] ?? null;
  }
  return { before: changedBefore, after: changedAfter };
}

/** An audit row as read back. */
export interface AuditEntryRow {
  id: string;
  at: Date;
  actor: string | null;
  organization: string | null;
  request_id: string | null;
  idempotency_key: string | null;
  operation: string;
  entity_type: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The arguments of an `auditTrail` field. */
export interface AuditTrailArgs {
  first?: number | null;
  after?: string | null;
}

/** An entity's audit trail: `first`, 20 by default, at most 100. */
export const AUDIT_TRAIL: ListBound = { default: 20, max: 100 };

/** Newest first: the identity column orders the entries as they were written. */
const AUDIT_ORDER: SortKey[] = [{ expr: 'e.id', descending: true, cast: 'bigint' }];
const ORDERING = 'audit';

const isIdKey = (value: unknown): value is [string] =>
  Array.isArray(value) && value.length === 1 && typeof value[0] === 'string';

/** A page of one entity's trail, validated before any SQL runs. */
interface AuditPage {
  limit: number;
  cursor: [string] | null;
}

function auditPage(args: AuditTrailArgs): AuditPage {
  return {
    limit: boundedSize(args.first, AUDIT_TRAIL),
    cursor: args.after ? decodeCursor(args.after, isIdKey, ORDERING, 'after') : null,
  };
}

const EMPTY: Connection<AuditEntryRow> = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: 0,
};

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
    return groupedInKeyOrder(ids, rows, (row) => row.entity_id).map((group, i) =>
      toConnection(group, request, (row) => [String(row.id)], totals.get(ids[i]) ?? 0),
    );
  }
}

/** The alliance secretariat: organization `alliance:secretariat` with role SECRETARIAT. */
const SECRETARIAT: OrganizationRef = { type: 'alliance', id: 'secretariat' };

/**
 * Who reads a record's audit trail: the secretariat, and members of the organizations
 * that own the record (any of their tokens). Nobody else, and no anonymous caller.
 */
export function mayReadAudit(caller: Caller, owners: readonly (OrganizationRef | null)[]): boolean {
  if (!caller.organization) return false;
  if (isOrganization(caller, SECRETARIAT) && hasRole(caller, 'SECRETARIAT')) return true;
  return owners.some((owner) => owner !== null && isOrganization(caller, owner));
}

/**
 * The resolver of an entity's `auditTrail` field: the page for the record's owners and the
 * secretariat, an empty page for anyone else (who cannot tell a hidden trail from none).
 */
export function auditTrailField<
  TParent extends { id: string },
  TContext extends { caller: Caller; audit: AuditLog },
>(
  entityType: string,
  ownersOf: (
    parent: TParent,
    ctx: TContext,
  ) => readonly (OrganizationRef | null)[] | Promise<readonly (OrganizationRef | null)[]>,
) {
  return async (parent: TParent, args: AuditTrailArgs, ctx: TContext): Promise<Connection<AuditEntryRow>> => {
    // Bad arguments are refused for everyone alike, before anything is looked up.
    auditPage(args);
    if (!mayReadAudit(ctx.caller, await ownersOf(parent, ctx))) return EMPTY;
    return ctx.audit.trail(entityType, parent.id, args);
  };
}

/** The fields of the `AuditEntry` type. */
export const auditEntryResolvers = {
  id: (row: AuditEntryRow) => String(row.id),
  at: (row: AuditEntryRow) => new Date(row.at).toISOString(),
  requestId: (row: AuditEntryRow) => row.request_id,
  idempotencyKey: (row: AuditEntryRow) => row.idempotency_key,
  entityType: (row: AuditEntryRow) => row.entity_type,
  entityId: (row: AuditEntryRow) => row.entity_id,
  before: (row: AuditEntryRow) => (row.before === null ? null : JSON.stringify(row.before)),
  after: (row: AuditEntryRow) => (row.after === null ? null : JSON.stringify(row.after)),
};

/** The migration that gives a subgraph's schema its append-only `audit_entry` table. */
export function auditTrailMigration(schema: string, timestamp: number): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = `AuditTrail${timestamp}`;

    async up(db: QueryRunner): Promise<void> {
      await db.query(`
        CREATE TABLE ${schema}.audit_entry (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at timestamptz NOT NULL DEFAULT now(),
          actor text,
          organization text,
          request_id text CHECK (length(request_id) <= ${MAX_REQUEST_ID}),
          idempotency_key text CHECK (length(idempotency_key) <= 255),
          operation text NOT NULL,
          entity_type text NOT NULL,
          entity_id text NOT NULL,
          before jsonb,
          after jsonb
        )`);
      await db.query(
        `CREATE INDEX audit_entry_by_entity ON ${schema}.audit_entry (entity_type, entity_id, id DESC)`,
      );
      // Append-only for everyone, the application's own role included.
      await db.query(`
        CREATE FUNCTION ${schema}.audit_entry_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit entries cannot be changed or removed (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END
        $$`);
      await db.query(`
        CREATE TRIGGER audit_entry_no_update_or_delete
          BEFORE UPDATE OR DELETE ON ${schema}.audit_entry
          FOR EACH ROW EXECUTE FUNCTION ${schema}.audit_entry_append_only()`);
      await db.query(`
        CREATE TRIGGER audit_entry_no_truncate
          BEFORE TRUNCATE ON ${schema}.audit_entry
          FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.audit_entry_append_only()`);
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${schema}.audit_entry`);
      await db.query(`DROP FUNCTION ${schema}.audit_entry_append_only()`);
    }
  };
}
