import 'reflect-metadata';
import path from 'node:path';
import { EmbeddedDatabase, openSubgraphDatabase, schemaOf } from '../shared/database';
import { ensurePostgresDatabase } from '../shared/postgres-server';
import { environment, stackDatabaseUrls } from '../shared/environment';
import { memberSubgraphs } from './index';

/**
 * `npm run seed`: migrates each subgraph's database and loads the demo data set,
 * idempotently (rows that exist are left as they are). Uses the same configuration as
 * `npm start`: the PostgreSQL URLs when given, else the embedded database under DATA_DIR.
 * With SEED_DEMO_DATA=false it only migrates (docker-compose's `migrate` step): rows an
 * operator deleted do not come back.
 */
async function main(): Promise<void> {
  const env = environment();
  const urls = stackDatabaseUrls(
    memberSubgraphs.map((m) => m.name),
    env,
  );
  const embedded = urls ? undefined : await EmbeddedDatabase.open(env.DATA_DIR);
  for (const module of memberSubgraphs) {
    const url = urls?.get(module.name);
    if (url) await ensurePostgresDatabase(url);
    const { dataSource } = await openSubgraphDatabase({
      schema: schemaOf(module.name),
      target: url ? { kind: 'postgres', url } : { kind: 'embedded', database: embedded! },
      entities: module.entities,
      migrations: module.migrations,
    });
    const seed = env.SEED_DEMO_DATA !== false;
    if (seed) await module.seedDemoData(dataSource);
    await dataSource.destroy();
    console.log(
      `${seed ? 'migrated and seeded' : 'migrated'} ${module.name} (${url ? new URL(url).pathname.slice(1) : path.resolve(env.DATA_DIR)})`,
    );
  }
  await embedded?.close();
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${(error as Error).message}`);
  process.exit(1);
});
