import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * `npm run build [-- --out-dir DIR]`: the JavaScript the production image runs, in `dist/`
 * (or DIR), laid out as the sources are, so that every path the code finds from its own
 * `__dirname` still holds:
 *
 * - `tsc -p tsconfig.build.json`: services/, gateway/ and shared/ without tests, CommonJS,
 *   with the decorator metadata TypeORM reads (tsc emits it; tsx/esbuild do not);
 * - every `.graphql` beside them: a subgraph reads its SDL from its own folder and the parts
 *   it imports from `shared/schema/` at start (shared/type-defs.ts);
 * - the built web app and explorer, at `web/dist` beside the compiled `gateway/`
 *   (gateway/web.ts serves `<gateway>/../web/dist` when it is there).
 *
 * Configuration files (the supergraph config) are read from the working directory, not
 * from here, and are not copied.
 */
const root = resolve(__dirname, '..');
const at = process.argv.indexOf('--out-dir');
const outDir = at >= 0 ? process.argv[at + 1] : undefined;
const out = resolve(outDir ?? join(root, 'dist'));

if (out === root || root.startsWith(`${out}/`)) throw new Error(`refusing to build into ${out}`);
rmSync(out, { recursive: true, force: true });

const started = Date.now();
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out],
  { stdio: 'inherit' },
);

/** Every SDL file under `dir`, tests' fixtures left out. */
function graphqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : graphqlFiles(path);
    return name.endsWith('.graphql') ? [path] : [];
  });
}
const sdl = ['services', 'shared'].flatMap((dir) => graphqlFiles(join(root, dir)));
for (const file of sdl) cpSync(file, join(out, relative(root, file)));

// The web app, rebuilt first when a source is newer than the last build.
execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-web.ts'), '--if-stale'], {
  cwd: root,
  stdio: 'inherit',
});
const web = join(root, 'web', 'dist');
if (existsSync(join(web, 'index.html'))) cpSync(web, join(out, 'web', 'dist'), { recursive: true });

console.log(
  `built ${relative(process.cwd(), out) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s (${sdl.length} SDL files, web app ${existsSync(join(out, 'web')) ? 'included' : 'not built'})`,
);
