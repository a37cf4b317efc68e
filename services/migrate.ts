import 'reflect-metadata';
import { environment, exitOnStartFailure } from '../shared/environment';
import { logger } from '../shared/logger';
import { migrateAll, migrationTargets } from '../shared/migrate';
import { memberSubgraphs } from './index';

/**
 * `npm run migrate [-- <subgraph>…]` (`node dist/services/migrate.js` in the image): applies
 * the pending migrations of each named member subgraph's PostgreSQL database — all five
 * when none is named — and exits. Nothing else: no demo data, no server. It is the
 * Kubernetes migration Job's command; a subgraph still checks for pending migrations as it
 * starts, and finds none once this has run.
 */
async function main(): Promise<void> {
  const env = environment();
  const targets = migrationTargets(memberSubgraphs, process.argv.slice(2), env);
  await migrateAll(targets, env.CREATE_DATABASE, (subgraph, applied) => {
    console.log(
      applied.length === 0
        ? `${subgraph}: up to date`
        : `${subgraph}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'} (${applied.join(', ')})`,
    );
  });
}

main().catch((error: unknown) =>
  exitOnStartFailure('migrate', error, (err) => logger.fatal({ err }, 'migration failed')),
);
