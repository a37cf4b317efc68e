import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startFederation, type Federation, type FederationOptions } from '../federation';

/**
 * Real Chromium for the web app's tests: Debian's `chromium` (installed by `.ci/run`),
 * driven by playwright-core — no browser is ever downloaded. CHROMIUM_PATH overrides.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How long a build lock may stand before it is taken for a crashed run's. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Builds web/dist when a source is newer than the last build (what `npm start` does). Two
 * jest workers often open their first browser file at once, and Vite empties web/dist
 * before it writes: without a lock, one worker's build removed the pages the other was
 * serving. The lock is a directory (mkdir is atomic); the second worker waits for it, then
 * finds the build fresh.
 */
export function buildWebAppIfStale(): void {
  const root = resolve(__dirname, '..', '..');
  // Outside web/: build-web.ts takes anything newer there for a changed source.
  const lock = resolve(root, 'node_modules', '.web-build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS)
        rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    execFileSync(
      process.execPath,
      [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-web.ts', '--if-stale'],
      { cwd: root, stdio: 'inherit' },
    );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No background traffic to Google's hosts: this machine's network is closed, and a
    // test must see only the requests the page itself makes.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a fresh browser context, and every request it made to another origin. */
export interface RecordedPage {
  page: Page;
  /** URLs of requests that left the gateway's origin (must stay empty). */
  foreignRequests: string[];
  /** Uncaught errors in the page's scripts. */
  pageErrors: string[];
  close: () => Promise<void>;
}

/**
 * Opens a page on `origin` (the gateway's, e.g. `http://127.0.0.1:40123`) that records any
 * request to another origin and aborts it, so a test fails on a CDN load rather than
 * silently passing with the network open.
 */
export async function openPage(
  browser: Browser,
  origin: string,
  viewport = { width: 1280, height: 800 },
): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport, baseURL: origin, acceptDownloads: true });
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
    } else {
      foreignRequests.push(url);
      await route.abort();
    }
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, foreignRequests, pageErrors, close: () => context.close() };
}

/** The federation and Chromium one browser test file runs against. */
export interface BrowserStack {
  readonly federation: Federation;
  readonly browser: Browser;
  /** The gateway's origin, e.g. `http://127.0.0.1:40123`: the only one a page may reach. */
  readonly origin: string;
}

/**
 * Starts the whole federation (demo data unless `options` say otherwise) and Chromium before
 * the file's tests, with the web app built when stale, and stops both after them.
 */
export function useBrowserStack(options: FederationOptions = {}): BrowserStack {
  const stack = {} as { federation: Federation; browser: Browser; origin: string };
  beforeAll(async () => {
    buildWebAppIfStale();
    [stack.federation, stack.browser] = await Promise.all([startFederation(options), launchChromium()]);
    stack.origin = new URL(stack.federation.url).origin;
  });
  afterAll(async () => {
    await stack.browser?.close();
    await stack.federation?.stop();
  });
  return stack;
}

/**
 * How much of a chart's canvas is drawn: its size and the pixels that are not blank, so a
 * test can tell a drawn chart from an empty one.
 */
export function canvasInk(canvas: Locator): Promise<{ width: number; height: number; inked: number }> {
  return canvas.evaluate((element) => {
    // This runs in the page: the Node side's types know no DOM, so the canvas is described here.
    const c = element as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked += 1;
    return { width: c.width, height: c.height, inked };
  });
}
