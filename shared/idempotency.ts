import { createHash } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { ClientError, ConflictError } from './errors';
import { formatOrganization, type Caller } from './identity';

/**
 * Idempotent writes, after the IETF `Idempotency-Key` HTTP header draft: a client sends a
 * key with a mutation; the gateway passes it to the subgraph that executes it; the
 * subgraph records (organization, key, root field, hash of the request, the record made)
 * in the same transaction as the write. A retry with the same key and request gets the
 * same record back and writes nothing; the same key with another request is refused.
 * Keys live 24 hours.
 */

/** The header a client sets, and the gateway forwards, on a mutation. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** How long a key is remembered. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** 1–255 visible ASCII characters (a UUID, a ULID, any client-made token). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A key used before for a different request (other field, other arguments). */
export class IdempotencyKeyReusedError extends ClientError {
  constructor() {
    super(
      'This Idempotency-Key was used for a different request: use a new key for a new request',
      'IDEMPOTENCY_KEY_REUSED',
      { field: 'Idempotency-Key' },
    );
  }
}

/** One mutation field's claim on a key. */
export interface IdempotentRequest {
  organization: string;
  key: string;
  /** The root field's response name (alias or name): one key may cover several fields. */
  field: string;
  requestHash: string;
}

/**
 * The claim of one root mutation field on the request's key, or null when the request
 * carries none (or the caller has no organization, who may not write anyway).
 */
export function idempotentRequest(
  key: string | null | undefined,
  caller: Caller,
  info: Pick<GraphQLResolveInfo, 'fieldName' | 'path'>,
  args: unknown,
): IdempotentRequest | null {
  if (!key || !caller.organization) return null;
  return {
    organization: formatOrganization(caller.organization),
    key,
    field: String(info.path.key),
    requestHash: createHash('sha256')
      .update(canonicalJson([info.fieldName, args]))
      .digest('hex'),
  };
}

/**
 * Runs a write at most once per key. Without a key: `prepare()` (checks, lookups with
 * other subgraphs; no transaction held) and then its write in one transaction. With one:
 * a key already recorded for the same request returns the record it made (`load`), with
 * no checks and no write; a key recorded for another request is refused; otherwise the
 * key is claimed in the write's transaction, so the claim and the write commit or vanish
 * together. Two concurrent requests with one key: the second waits on the key's row (a
 * unique index) and then replays the first's record.
 */
export async function once<T>(
  db: DataSource,
  schema: string,
  request: IdempotentRequest | null,
  steps: {
    prepare: () => Promise<(tx: EntityManager) => Promise<T>>;
    idOf: (result: T) => string;
    load: (id: string) => Promise<T>;
  },
): Promise<T> {
  if (!request) {
    const write = await steps.prepare();
    return db.transaction(write);
  }
  purgeExpiredNow(db, schema);
  const recorded = await recordedResult(db.manager, schema, request);
  if (recorded !== null) return steps.load(recorded);
  const write = await steps.prepare();
  type Outcome = { written: true; result: T } | { written: false; replay: string | null };
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    await tx.query(
      `DELETE FROM ${schema}.idempotency_key
        WHERE organization = $1 AND key = $2 AND field = $3
          AND created_at < now() - interval '${IDEMPOTENCY_KEY_TTL_HOURS} hours'`,
      [request.organization, request.key, request.field],
    );
    const claimed = await tx.query<unknown[]>(
      `INSERT INTO ${schema}.idempotency_key (organization, key, field, request_hash)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [request.organization, request.key, request.field, request.requestHash],
    );
    // Another request with this key committed first (we waited on its row): replay it.
    if (claimed.length === 0) return { written: false, replay: await recordedResult(tx, schema, request) };
    const result = await write(tx);
    await tx.query(
      `UPDATE ${schema}.idempotency_key SET result_id = $4
        WHERE organization = $1 AND key = $2 AND field = $3`,
      [request.organization, request.key, request.field, steps.idOf(result)],
    );
    return { written: true, result };
  });
  if (outcome.written) return outcome.result;
  if (outcome.replay === null) throw new ConflictError('A request with this Idempotency-Key is in progress');
  return steps.load(outcome.replay);
}

/** The id of the record a key made for this request, null if the key is new or expired. */
async function recordedResult(
  manager: EntityManager,
  schema: string,
  request: IdempotentRequest,
): Promise<string | null> {
  const [row] = await manager.query<{ request_hash: string; result_id: string | null }[]>(
    `SELECT request_hash, result_id FROM ${schema}.idempotency_key
      WHERE organization = $1 AND key = $2 AND field = $3
        AND created_at >= now() - interval '${IDEMPOTENCY_KEY_TTL_HOURS} hours'`,
    [request.organization, request.key, request.field],
  );
  if (!row) return null;
  if (row.request_hash !== request.requestHash) throw new IdempotencyKeyReusedError();
  return row.result_id;
}

const PURGE_EVERY_MS = 10 * 60_000;
const lastPurge = new WeakMap<DataSource, number>();

/** Forgets expired keys, at most every ten minutes per database, without holding up the write. */
function purgeExpiredNow(db: DataSource, schema: string): void {
  const now = Date.now();
  if (now - (lastPurge.get(db) ?? 0) < PURGE_EVERY_MS) return;
  lastPurge.set(db, now);
  db.query(
    `DELETE FROM ${schema}.idempotency_key WHERE created_at < now() - interval '${IDEMPOTENCY_KEY_TTL_HOURS} hours'`,
  ).catch(() => lastPurge.delete(db));
}

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The migration that gives a subgraph's schema its table of idempotency keys. */
export function idempotencyKeysMigration(schema: string, timestamp: number): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = `IdempotencyKeys${timestamp}`;

    async up(db: QueryRunner): Promise<void> {
      await db.query(`
        CREATE TABLE ${schema}.idempotency_key (
          organization text NOT NULL,
          key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
          field text NOT NULL,
          request_hash text NOT NULL,
          -- Null only inside the claiming transaction: never visible committed.
          result_id text,
          created_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (organization, key, field)
        )`);
      await db.query(`CREATE INDEX idempotency_key_created_at ON ${schema}.idempotency_key (created_at)`);
    }

    async down(db: QueryRunner): Promise<void> {
      await db.query(`DROP TABLE ${schema}.idempotency_key`);
    }
  };
}
