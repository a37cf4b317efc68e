import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { renderKustomization, validateObjects } from './kubernetes-manifests';

/**
 * `npm run check:kubernetes [-- <kustomization dir>…]`: renders the base and every overlay
 * of deploy/kubernetes with kustomize and validates each object against the Kubernetes
 * OpenAPI schema, unknown fields included (scripts/kubernetes-manifests.ts). Exits 1 and
 * names every problem when one object would be refused. No cluster is needed.
 */
const ROOT = path.resolve(__dirname, '..');
const KUBERNETES = path.join(ROOT, 'deploy', 'kubernetes');
const started = Date.now();

const overlays = path.join(KUBERNETES, 'overlays');
const dirs =
  process.argv.length > 2
    ? process.argv.slice(2).map((dir) => path.resolve(dir))
    : [
        path.join(KUBERNETES, 'base'),
        ...(existsSync(overlays) ? readdirSync(overlays).map((name) => path.join(overlays, name)) : []),
      ];

let failed = false;
for (const dir of dirs) {
  const label = path.relative(ROOT, dir) || dir;
  try {
    const objects = renderKustomization(dir);
    const problems = validateObjects(objects);
    if (problems.length > 0) failed = true;
    console.log(
      `${label}: ${objects.length} objects, ${problems.length === 0 ? 'valid' : `${problems.length} problems`}`,
    );
    for (const problem of problems) console.log(`  ${problem}`);
  } catch (error) {
    failed = true;
    console.log(`${label}: ${(error as Error).message}`);
  }
}
console.log(`checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failed) process.exit(1);
