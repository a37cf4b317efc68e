import { openSubgraphDatabase, schemaOf, type DatabaseTarget } from './database';
import { ensurePostgresDatabase, requirePostgresDatabase } from './postgres-server';
import { ConfigurationError, databaseUrlFor, databaseVariableFor, type Environment } from './environment';
import type { AnySubgraphModule } from './subgraph-server';

/** One subgraph's PostgreSQL database that `migrate` brings up to date. */
export interface MigrationTarget {
  module: AnySubgraphModule;
  url: string;
  /** The variable the URL came from, named in messages (`FUNDS_DATABASE_URL` or `DATABASE_URL`). */
  variable: string;
}

/**
 * The databases to migrate: those of the named subgraphs (all members when none is named),
 * each on PostgreSQL. An unknown name, or a subgraph without a PostgreSQL URL, is a
 * configuration mistake: an embedded database migrates when its own process starts, so a
 * migration step that silently found nothing to do would hide a missing URL.
 */
export function migrationTargets(
  modules: readonly AnySubgraphModule[],
  names: readonly string[],
  env: Environment,
): MigrationTarget[] {
  const unknown = names.filter((name) => !modules.some((m) => m.name === name));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `unknown subgraph ${unknown.join(', ')}: name some of ${modules.map((m) => m.name).join(', ')}`,
    );
  }
  const chosen = names.length === 0 ? modules : modules.filter((m) => names.includes(m.name));
  return chosen.map((module) => {
    const url = databaseUrlFor(module.name, env);
    if (!url) {
      const own = `${module.name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
      throw new ConfigurationError(
        `${module.name} has no PostgreSQL database to migrate: set ${own} or DATABASE_URL (an embedded database migrates when its subgraph starts)`,
      );
    }
    return { module, url, variable: databaseVariableFor(module.name, env) };
  });
}

/**
 * Applies a subgraph's pending migrations and nothing else (no demo data, no server), and
 * returns the names of those it applied. Safe beside replicas starting at the same time:
 * on PostgreSQL one migrator at a time holds the subgraph's advisory lock.
 */
export async function migrateSubgraph(module: AnySubgraphModule, target: DatabaseTarget): Promise<string[]> {
  const { dataSource, applied } = await openSubgraphDatabase({
    schema: schemaOf(module.name),
    target,
    entities: module.entities,
    migrations: module.migrations,
  });
  await dataSource.destroy();
  return applied;
}

/**
 * Migrates every target in turn. The database must exist (a misspelt name must not become
 * a new, empty one) unless `createDatabase` says to create it. Returns, per subgraph, the
 * migrations applied.
 */
export async function migrateAll(
  targets: readonly MigrationTarget[],
  createDatabase: boolean,
  report: (subgraph: string, applied: string[]) => void = () => undefined,
): Promise<Map<string, string[]>> {
  const done = new Map<string, string[]>();
  for (const { module, url, variable } of targets) {
    if (createDatabase) await ensurePostgresDatabase(url);
    else await requirePostgresDatabase(url, variable);
    const applied = await migrateSubgraph(module, { kind: 'postgres', url });
    done.set(module.name, applied);
    report(module.name, applied);
  }
  return done;
}
