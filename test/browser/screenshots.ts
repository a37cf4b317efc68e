import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFederation } from '../federation';
import { buildWebAppIfStale, launchChromium, openPage } from './browser';

/**
 * `npm run screenshots`: the README's pictures, taken by the browser from the real app. Starts
 * the whole stack with the demo data on ephemeral ports, opens the board and the dashboard
 * in Chromium at 1280×800 and writes docs/images/board.png and docs/images/dashboard.png.
 * Fails when a page loads anything from another origin or throws.
 */
const IMAGES = resolve(__dirname, '..', '..', 'docs', 'images');

const SHOTS: { file: string; path: string; ready: string }[] = [
  { file: 'board.png', path: '/', ready: 'DMTO industrialization at Levima Advanced Materials' },
  { file: 'dashboard.png', path: '/dashboard', ready: '120,000,000.00 CNY' },
];

async function main(): Promise<void> {
  buildWebAppIfStale();
  mkdirSync(IMAGES, { recursive: true });
  const [federation, browser] = await Promise.all([startFederation(), launchChromium()]);
  try {
    const origin = new URL(federation.url).origin;
    for (const shot of SHOTS) {
      const { page, foreignRequests, pageErrors, close } = await openPage(browser, origin, {
        width: 1280,
        height: 800,
      });
      // The pictures show the English interface whatever this machine's locale.
      await page.addInitScript("localStorage.setItem('alliance-graph.lang', 'en');");
      await page.goto(shot.path);
      await page.getByText(shot.ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: resolve(IMAGES, shot.file) });
      await close();
      if (foreignRequests.length || pageErrors.length) {
        throw new Error(`${shot.path}: ${JSON.stringify({ foreignRequests, pageErrors })}`);
      }
      console.log(`docs/images/${shot.file}: ${shot.path} at 1280×800`);
    }
  } finally {
    await browser.close();
    await federation.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
