import type { Browser } from 'playwright-core';
import { startFederation, type Federation } from '../federation';
import { buildWebAppIfStale, launchChromium, openPage } from './browser';

let federation: Federation;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  buildWebAppIfStale();
  [federation, browser] = await Promise.all([startFederation(), launchChromium()]);
  origin = new URL(federation.url).origin;
});
afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

test('the app at / shows the demo projects, loading nothing from another origin', async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(browser, origin);
  await page.goto('/');
  await page.getByText('DMTO industrialization at Levima Advanced Materials').first().waitFor();
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});
