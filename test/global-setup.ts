import { buildTemplates } from './templates';

/** Once per jest run: the migrated and seeded templates every test file starts from. */
export default async function globalSetup(): Promise<void> {
  const started = performance.now();
  await buildTemplates();
  console.log(`\ntemplates built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
