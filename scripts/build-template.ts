import 'reflect-metadata';
import { buildDemoTemplate, readDemoTemplate, templateKey } from '../services/demo-template';
import { ConfigurationError } from '../shared/environment';

/**
 * `npm run build:template [-- --if-stale]`: builds the demo data set's template, which a
 * fresh `npm start` loads instead of migrating and seeding (services/demo-template.ts).
 * `npm install` runs it; with `--if-stale` it builds only when this version of the code
 * has none.
 */
async function main(): Promise<void> {
  const key = templateKey();
  if (process.argv.includes('--if-stale') && readDemoTemplate(key) !== undefined) return;
  const started = performance.now();
  const file = await buildDemoTemplate(key);
  console.log(`demo template built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${file}`);
}

main().catch((error: unknown) => {
  // Without PGlite (an install without optional packages) there is nothing to build for:
  // a fresh start migrates and seeds, as it would anyway.
  if (error instanceof ConfigurationError) {
    console.warn(`no demo template: ${error.message}`);
    return;
  }
  console.error(error);
  process.exit(1);
});
