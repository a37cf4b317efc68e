import path from 'node:path';

/**
 * Where the project keeps what it builds for itself — the demo data's template
 * (services/demo-template.ts) and composed supergraphs (gateway/composition-cache.ts) —
 * beside other build tools' caches, under node_modules/.cache: made by `npm install` or on
 * first use, never committed, and gone with a fresh install.
 */
export const BUILD_CACHE = path.join(__dirname, '..', 'node_modules', '.cache', 'alliance-graph');
