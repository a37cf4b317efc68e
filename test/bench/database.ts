import path from 'node:path';
import { schemaOf } from '../../shared/database';
import { databaseUrlUnder } from '../../shared/postgres-server';
import { environment } from '../../shared/environment';
import type { StackDatabase } from '../../services/stack';

/** BENCH_DATABASE_URL: the PostgreSQL server of the benchmark's data sets, or the embedded PGlite. */
export function benchDatabaseUrl(): string | undefined {
  return environment().BENCH_DATABASE_URL;
}

/** Where a data set of `projects` projects lives, for `npm run seed:scale` and for the stack. */
export interface DataSetLocation {
  label: string;
  /** The environment that points `npm run seed:scale` (like `npm start`) at it. */
  env: Record<string, string>;
  stack: StackDatabase;
}

const SUBGRAPHS = ['institutes', 'enterprises', 'pilot-bases', 'funds', 'alliance'];

/**
 * A data set's own place, kept between runs so it is generated once: a PGlite data
 * directory under bench-results/data (git-ignored), or databases `bench_<projects>_<subgraph>`
 * on the PostgreSQL server.
 */
export function dataSetLocation(projects: number, serverUrl = benchDatabaseUrl()): DataSetLocation {
  if (serverUrl) {
    const urlOf = (subgraph: string) =>
      databaseUrlUnder(serverUrl, `bench_${projects}_${schemaOf(subgraph)}`);
    return {
      label: `PostgreSQL databases bench_${projects}_*`,
      env: Object.fromEntries(
        SUBGRAPHS.map((name) => [`${schemaOf(name).toUpperCase()}_DATABASE_URL`, urlOf(name)]),
      ),
      stack: { kind: 'postgres', urlOf, create: true },
    };
  }
  const dataDir = path.resolve('bench-results', 'data', `projects-${projects}`);
  return {
    label: `PGlite at ${path.relative(process.cwd(), dataDir)}`,
    env: { DATA_DIR: dataDir },
    stack: { kind: 'embedded', dataDir },
  };
}
