import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, openPage } from '../browser/browser';

/** Vite's build manifest (`build.manifest: true`): one entry per source module that became a chunk. */
type Manifest = Record<
  string,
  { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }
>;

/** The JavaScript one route loads before its first render, gzipped as a server would send it. */
export interface RouteBundle {
  route: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/** First render of the board in Chromium: navigation start → the cards visible. */
export interface FirstRender {
  cards: number;
  runsMs: number[];
  medianMs: number;
  /** Per run, when the board's answer from /graphql had arrived (ms from navigation start). */
  apiAnsweredMs: number[];
  /** Per run, when the last script had arrived. */
  scriptsLoadedMs: number[];
}

export interface WebResult {
  routes: RouteBundle[];
  firstRender: FirstRender | null;
}

export const WEB_DIST = path.resolve(__dirname, '..', '..', 'web', 'dist');

/**
 * The chunks a route's lazy view adds, by its source module in the manifest; the board is
 * the entry itself (app.tsx imports it statically).
 */
const LAZY_ROUTES: { route: string; module: string }[] = [
  { route: '/search', module: 'src/views/search.tsx' },
  { route: '/dashboard', module: 'src/views/dashboard.tsx' },
  { route: '/projects/:id', module: 'src/views/project.tsx' },
];

/** A chunk and everything it imports statically: what the browser fetches before running it. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

function sizeOf(file: string): RouteBundle['files'][number] {
  const content = readFileSync(path.join(WEB_DIST, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

function bundleOf(route: string, files: Iterable<string>): RouteBundle {
  const sized = [...new Set(files)].filter((file) => file.endsWith('.js')).map(sizeOf);
  return {
    route,
    files: sized,
    bytes: sized.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: sized.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

/**
 * The JS each route ships, from web/dist after a build: the board's is every script the built
 * index.html loads (its module script and modulepreloads) together with the entry's static
 * imports in Vite's manifest (they must agree); a lazy route's adds its view's chunk and that
 * chunk's static imports that the board did not already load.
 */
export function measureRouteBundles(dist = WEB_DIST): RouteBundle[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const fromHtml = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+)"/g),
  ].flatMap((m) => m[1] ?? []);
  const [entry] =
    Object.entries(manifest).find(([key, chunk]) => chunk.isEntry && key.endsWith('index.html')) ?? [];
  if (!entry) throw new Error('web/dist/.vite/manifest.json has no index.html entry: is build.manifest on?');
  const fromManifest = [...staticClosure(manifest, entry)].map((key) => manifest[key]!.file);
  const missing = fromManifest.filter((file) => file.endsWith('.js') && !fromHtml.includes(file));
  if (missing.length) throw new Error(`index.html does not load ${missing.join(', ')}`);
  const board = bundleOf('/', [...fromHtml, ...fromManifest]);
  const routes = [board];
  for (const { route, module } of LAZY_ROUTES) {
    if (!manifest[module]) continue;
    const added = [...staticClosure(manifest, module)].map((key) => manifest[key]!.file);
    routes.push(bundleOf(route, [...board.files.map((f) => f.file), ...added]));
  }
  return routes;
}

/**
 * The board's cards, in the skeleton (`ul > li`) and in the pipeline board (`ol.cards > li`,
 * a column per stage): what "cards visible" counts.
 */
export const BOARD_CARDS = 'main ol.cards > li, main > ul > li';

/**
 * Opens the board `runs` times in Chromium at 1280×800, each in a fresh context (nothing
 * cached), and times navigation start → `cards` cards in the page, by the page's own clock
 * (`performance.now()` counts from navigation start).
 */
export async function measureFirstRender(origin: string, cards = 50, runs = 5): Promise<FirstRender> {
  const browser = await launchChromium();
  const runsMs: number[] = [];
  const apiAnsweredMs: number[] = [];
  const scriptsLoadedMs: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const { page, foreignRequests, pageErrors, close } = await openPage(browser, origin);
      await page.goto('/', { waitUntil: 'commit' });
      // A string: it runs in the page, whose DOM the Node side's types do not know.
      const handle = await page.waitForFunction(
        `document.querySelectorAll(${JSON.stringify(BOARD_CARDS)}).length >= ${cards} && performance.now()`,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      runsMs.push(Math.round((await handle.jsonValue()) as number));
      // Where the time went: the resource timings of the API call and of the scripts.
      const [api, scripts] = await page.evaluate<[number, number]>(`(() => {
        const entries = performance.getEntriesByType('resource');
        const end = (test) => Math.max(0, ...entries.filter((e) => test(e.name)).map((e) => e.responseEnd));
        return [end((name) => name.endsWith('/graphql')), end((name) => name.endsWith('.js'))];
      })()`);
      apiAnsweredMs.push(Math.round(api));
      scriptsLoadedMs.push(Math.round(scripts));
      await close();
      if (foreignRequests.length || pageErrors.length) {
        throw new Error(`the board: ${JSON.stringify({ foreignRequests, pageErrors })}`);
      }
    }
  } finally {
    await browser.close();
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return {
    cards,
    runsMs,
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    apiAnsweredMs,
    scriptsLoadedMs,
  };
}
