import { EventEmitter } from 'node:events';
import type { PGlite, Extension } from '@electric-sql/pglite';
import pg from 'pg';
import { DataSource, type Logger as OrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from './logger';
import { ConfigurationError } from './environment';
import { pgliteWireConfig } from './pglite-wire';
import { parseTimestamptz } from './timestamps';

/**
 * PGlite, loaded only when an embedded database is opened: it is an optional dependency
 * that the production image leaves out (its services run on PostgreSQL), so a process on
 * PostgreSQL must never load it. Without it, asking for the embedded database is a
 * configuration mistake that names the variables to set.
 */
function pgliteModules(): {
  PGlite: typeof PGlite;
  btree_gist: Extension;
} {
  try {
    // The package types its contrib entry points as ES modules only, though it ships
    // CommonJS builds of every entry point; require those and name their types.
    /* eslint-disable @typescript-eslint/no-require-imports */
    return {
      PGlite: (require('@electric-sql/pglite') as { PGlite: typeof PGlite }).PGlite,
      btree_gist: (require('@electric-sql/pglite/contrib/btree_gist') as { btree_gist: Extension })
        .btree_gist,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new ConfigurationError(
      'the embedded database (PGlite) is not installed here, as in the production image: give each subgraph a PostgreSQL URL (<SUBGRAPH>_DATABASE_URL, or DATABASE_URL)',
    );
  }
}

// DATE columns stay 'YYYY-MM-DD' strings: turning them into JS Dates would shift them by
// the server's time zone. Counts (int8) fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Timestamps: the same instants, read by character codes instead of regular expressions.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

/**
 * Where a subgraph's tables live: a PostgreSQL database reached by URL, or a schema in
 * the process's embedded PGlite.
 */
export type DatabaseTarget =
  { kind: 'postgres'; url: string } | { kind: 'embedded'; database: EmbeddedDatabase };

/**
 * One embedded PostgreSQL (PGlite) for the whole process, shared by the subgraphs that
 * run in it, each in its own schema. A PGlite costs hundreds of MB, so one per subgraph
 * would not fit the embedded stack's memory budget.
 *
 * PGlite is a single database session. Every subgraph reaches it through one node-postgres
 * pool of size one, so a client (and the transaction it holds) is checked out by one
 * caller at a time: no statement of another subgraph can slip into an open transaction.
 */
export class EmbeddedDatabase {
  private constructor(
    readonly pglite: PGlite,
    private readonly pool: pg.Pool,
  ) {}

  /**
   * Opens (or creates) the database under `dataDir`; `memory://` keeps it in memory. A new
   * database starts from `template` when given (a data directory PGlite's `dumpDataDir`
   * wrote, see `dump`) instead of running initdb: the test suite's per-file clone.
   * `sharedBuffers` sets PostgreSQL's `shared_buffers` (PGlite's default is 128MB, which
   * PGlite zeroes at every start: 0.4 s of the 0.8 s a start from the suite's template
   * takes with it, against 16MB).
   */
  static async open(
    dataDir: string,
    template?: Blob,
    { sharedBuffers }: { sharedBuffers?: string } = {},
  ): Promise<EmbeddedDatabase> {
    const { PGlite, btree_gist } = pgliteModules();
    const pglite = await PGlite.create(dataDir, {
      extensions: { btree_gist },
      loadDataDir: template,
      startParams: sharedBuffers
        ? [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`]
        : undefined,
    });
    const pool = new pg.Pool({ ...pgliteWireConfig(pglite), max: 1, idleTimeoutMillis: 0 });
    return new EmbeddedDatabase(pglite, pool);
  }

  /** A node-postgres look-alike for TypeORM's `driver` option, backed by the shared pool. */
  driver(): { Pool: new (options: unknown) => EventEmitter } {
    const pool = this.pool;
    class SharedPool extends EventEmitter {
      constructor(_options?: unknown) {
        super();
      }
      connect(callback: (err: Error | undefined, client: pg.PoolClient, release: () => void) => void): void {
        // TypeORM calls the callback form; pg types that overload's client as possibly undefined.
        pool.connect(callback as Parameters<typeof pool.connect>[0] & object);
      }
      // What the metrics read (shared/metrics.ts): the shared session's pool.
      get totalCount(): number {
        return pool.totalCount;
      }
      get idleCount(): number {
        return pool.idleCount;
      }
      get waitingCount(): number {
        return pool.waitingCount;
      }
      // The pool belongs to the EmbeddedDatabase: one subgraph's DataSource closing must
      // not close it for the others.
      end(callback?: () => void): void {
        callback?.();
      }
    }
    return { Pool: SharedPool };
  }

  /**
   * The whole data directory as an uncompressed tarball, for `open(…, template)`. Checkpoints
   * first, so a database opened from it starts without replaying the write-ahead log.
   */
  async dump(): Promise<Blob> {
    await this.pglite.exec('CHECKPOINT');
    return this.pglite.dumpDataDir('none');
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.pglite.close();
  }
}

/** Counts the SQL statements a subgraph sends, so tests and benchmarks can assert on them. */
export class StatementCounter implements OrmLogger {
  count = 0;
  /** While a test records (an array, not null): each statement sent, with its parameters. */
  recorded: { query: string; parameters: unknown[] }[] | null = null;

  constructor(private readonly output?: Logger) {}

  logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    this.recorded?.push({ query, parameters: parameters ?? [] });
  }
  // A failed statement was already counted by logQuery when it was sent.
  logQueryError(error: string | Error, query: string): void {
    this.output?.debug({ err: error, query }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.output?.warn({ time, query }, 'slow query');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.output?.debug(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.output?.warn(String(message));
  }
}

/** The PostgreSQL schema (and database-name part) of a subgraph: `pilot-bases` → `pilot_bases`. */
export function schemaOf(subgraph: string): string {
  return subgraph.replace(/-/g, '_');
}

export interface SubgraphDatabaseOptions {
  /** The subgraph's name; also the PostgreSQL schema that holds its tables. */
  schema: string;
  target: DatabaseTarget;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  log?: Logger;
}

export interface SubgraphDatabase {
  dataSource: DataSource;
  statements: StatementCounter;
  /** True when this opening created the subgraph's tables (no migration had run before). */
  created: boolean;
  /** The migrations this opening applied, in order (none when the database was up to date). */
  applied: string[];
}

/**
 * Opens a subgraph's DataSource, creates its schema if needed and runs its pending
 * migrations. Migrations, never `synchronize`, shape the tables.
 */
export async function openSubgraphDatabase(options: SubgraphDatabaseOptions): Promise<SubgraphDatabase> {
  const statements = new StatementCounter(options.log);
  const connection =
    options.target.kind === 'postgres'
      ? { url: options.target.url, poolSize: 10 }
      : { driver: options.target.database.driver() };
  const dataSource = new DataSource({
    type: 'postgres',
    ...connection,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logger: statements,
    logging: true,
  });
  await dataSource.initialize();
  const migrate = async () => {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    // A SELECT without FROM: always one row.
    const [{ existing }] = await dataSource.query<[{ existing: string | null }]>(
      `SELECT to_regclass($1) AS existing`,
      [`"${options.schema}".migrations`],
    );
    const applied = await dataSource.runMigrations();
    return { created: existing === null, applied: applied.map((m) => m.name) };
  };
  const outcome =
    options.target.kind === 'postgres'
      ? await oneMigratorAtATime(dataSource, options.schema, migrate)
      : await migrate();
  return { dataSource, statements, ...outcome };
}

/**
 * Runs `migrate` while holding a PostgreSQL advisory lock named after the subgraph's schema:
 * the migration Job and replicas starting at once (Kubernetes, docker-compose's restarts)
 * would otherwise both find a migration pending and both apply it. The later one waits,
 * then finds nothing pending. (The embedded database is one session in one process: no
 * second migrator can exist, and holding its only connection here would deadlock.)
 */
async function oneMigratorAtATime<T>(
  dataSource: DataSource,
  schema: string,
  migrate: () => Promise<T>,
): Promise<T> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [`alliance-graph migrations ${schema}`]);
    return await migrate();
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`alliance-graph migrations ${schema}`]);
    await lock.release();
  }
}

/** The PostgreSQL error behind a failed TypeORM query: its SQLSTATE and constraint. */
export function postgresError(error: unknown): { code?: string; constraint?: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError ?? null;
}

/** True when PostgreSQL refused a row for breaking the named constraint (unique, exclusion, check…). */
export function violates(error: unknown, constraint: string): boolean {
  return postgresError(error)?.constraint === constraint;
}
