import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { buildDemoTemplate, readDemoTemplate, templateKey } from '../services/demo-template';
import { startStack } from '../services/stack';
import { ConfigurationError } from '../shared/environment';
import { logger } from '../shared/logger';

/**
 * `npm run build:template [-- --if-stale]`: builds the demo data set's template, which a
 * fresh `npm start` loads instead of migrating and seeding (services/demo-template.ts),
 * then starts the stack from it once, on free ports, so that the members' supergraph is
 * composed and cached (gateway/composition-cache.ts) before the first start needs it.
 * `npm install` runs it; with `--if-stale` it builds only when this version of the code
 * has no template.
 */
async function main(): Promise<void> {
  const key = templateKey();
  if (process.argv.includes('--if-stale') && readDemoTemplate(key) !== undefined) return;
  const started = performance.now();
  const file = await buildDemoTemplate(key);
  console.log(`demo template built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${file}`);
  // Only a head start: where the stack cannot run here (no port to listen on), the first
  // `npm start` composes, and the install goes on.
  await composeMembersOnce(key).catch((error: unknown) => {
    console.warn(`the members' supergraph was not composed ahead: ${(error as Error).message}`);
  });
}

/** Starts and stops the stack on a copy of the template in memory: what it leaves is the cached supergraph. */
async function composeMembersOnce(key: string): Promise<void> {
  const started = performance.now();
  // An install's output, not a server's: the stack's lines only when something is wrong.
  logger.level = 'warn';
  const stack = await startStack({
    database: {
      kind: 'embedded',
      dataDir: 'memory://',
      template: readDemoTemplate(key),
      sharedBuffers: '16MB',
    },
    gatewayPort: 0,
    gatewayHost: '127.0.0.1',
    gatewaySecret: randomBytes(32).toString('base64url'),
    auth: { issuer: 'build-template', audience: 'build-template', localSecret: randomBytes(32) },
    seedDemoData: 'never',
    pollMs: 0,
    subgraphTimeoutMs: 10_000,
    production: false,
  });
  await stack.stop();
  console.log(`members' supergraph composed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
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
