import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm run build:web [-- --if-stale]`: builds the web app into web/dist with Vite. With
 * `--if-stale` (what `npm start` runs first) it builds only when a source is newer than the
 * last build, so a newcomer never runs a build by hand and a warm start costs nothing.
 */
const root = resolve(__dirname, '..');
const web = join(root, 'web');
const stamp = join(web, 'dist', 'index.html');

function newestIn(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestIn(join(path, name))), stat.mtimeMs);
}

function stale(): boolean {
  if (!existsSync(stamp)) return true;
  return newestIn(web) > statSync(stamp).mtimeMs;
}

if (!process.argv.includes('--if-stale') || stale()) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    console.error('web/dist is missing or stale and Vite is not installed (npm install builds it).');
    process.exit(existsSync(stamp) ? 0 : 1);
  }
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', join(web, 'vite.config.mts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      // Vite bundles React for the NODE_ENV it inherits: jest's `test` (the browser tests
      // build when stale) gave a development React, whose StrictMode runs every effect twice
      // — each view asked the API twice — and the build stayed in web/dist for `npm start`.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}
