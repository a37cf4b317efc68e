import 'reflect-metadata';
import path from 'node:path';
import { EmbeddedDatabase, ensurePostgresDatabase, openSubgraphDatabase, schemaOf } from '../shared/database';
import { environment, stackDatabaseUrls } from '../shared/environment';
import { memberSubgraphs } from './index';

/**
 * `npm run seed`: migrates each subgraph's database and loads the demo data set,
 * idempotently (rows that exist are left as they are). Uses the same configuration as
 * `npm start`: the PostgreSQL URLs when given, else the embedded database under DATA_DIR.
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
    await module.seedDemoData(dataSource);
    await dataSource.destroy();
    console.log(
      `seeded ${module.name} (${url ? new URL(url).pathname.slice(1) : path.resolve(env.DATA_DIR)})`,
    );
  }
  await embedded?.close();
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${(error as Error).message}`);
  process.exit(1);
});
