import { readFileSync } from 'node:fs';
import { canvasInk, openPage, useBrowserStack } from './browser';

const stack = useBrowserStack();

test("the dashboard draws the funnel and shows the CAS alliance's own goals with their exact figures", async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
  await page.goto('/dashboard');
  const goals = page.getByRole('region', { name: 'Progress towards its goals' });
  await goals.waitFor();
  expect(await goals.locator('.target-label').allInnerTexts()).toEqual([
    'Grow the governing council from 16 founding units to 22\n22 of 22 · 100.00%',
    'Dock and analyse 47 projects through the technical expert committee\n47 of 47 · 100.00%',
    'Bring 3 projects into pilot or industrialization\n3 of 3 · 100.00%',
  ]);
  // The consortium's "10 / 100 / 1,000 / one trillion" are not this alliance's.
  expect(await goals.innerText()).not.toMatch(/central|trillion|1,000,000,000,000/i);

  const funnel = page.getByRole('region', { name: 'Projects by how far they got' });
  const rows = await funnel.locator('tbody tr').allInnerTexts();
  expect(rows.map((r) => r.split('\t'))).toEqual([
    ['Docked', '47'],
    ['Evaluated', '16'],
    ['Proof of concept', '6'],
    ['Pilot', '3'],
    ['Industrialization', '1'],
    ['Commercialized', '0'],
  ]);
  // The chart is drawn: its canvas has a size and pixels that are not blank.
  const canvas = funnel.getByRole('img', { name: 'Bar chart of projects by how far they got' });
  const drawn = await canvasInk(canvas);
  expect(drawn.width).toBeGreaterThan(100);
  expect(drawn.inked).toBeGreaterThan(1000);

  const capital = page.getByRole('region', { name: 'Capital committed by fund and stage' });
  await capital.getByText('120,000,000.00 CNY').waitFor();
  await page.getByRole('region', { name: 'Governing units over time' }).getByText('2019-06-18').waitFor();

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '联盟仪表盘' }).waitFor();
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});

test('the dashboard downloads as CSV: UTF-8 with a byte order mark, exact decimal strings', async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
  await page.goto('/dashboard');
  const button = page.getByRole('button', { name: 'Download CSV' });
  await page.getByRole('region', { name: 'Capital committed by fund and stage' }).locator('table').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('alliance-dashboard.csv');
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe('section,item,value,goal,percent,unit');
  expect(lines).toContain('goal,Bring 3 projects into pilot or industrialization,3,3,100.00,projects');
  expect(lines).toContain('funnel,docked,47,,,projects');
  expect(lines).toContain(
    'capital,CAS Advanced Materials Industry Fund / INDUSTRIALIZATION,120000000.00,,,CNY',
  );
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});

test("with the funds subgraph's database gone, the dashboard shows the rest and marks the parts it lacks", async () => {
  const funds = stack.federation.stack.subgraphs.get('funds')!.dataSource;
  await funds.destroy();
  try {
    const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
    await page.goto('/dashboard');
    const capital = page.getByRole('region', { name: 'Capital committed by fund and stage' });
    await capital.getByRole('alert').waitFor();
    expect(await capital.getAttribute('data-partial')).toBe('true');
    // An unknown failure names the request id to quote to support.
    expect(await capital.getByRole('alert').innerText()).toMatch(/Quote request id [0-9a-f-]{36} to support/);
    // The goals are the alliance's own figures: they do not need the funds subgraph.
    const goals = page.getByRole('region', { name: 'Progress towards its goals' });
    expect(await goals.getAttribute('data-partial')).toBe('false');
    expect(await goals.locator('li[data-measure="PILOT_PROJECTS"] .target-label').innerText()).toBe(
      'Bring 3 projects into pilot or industrialization\n3 of 3 · 100.00%',
    );
    const funnel = page.getByRole('region', { name: 'Projects by how far they got' });
    expect(await funnel.getAttribute('data-partial')).toBe('false');
    expect(await funnel.locator('tbody tr').first().innerText()).toBe('Docked\t47');
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    await close();
  } finally {
    await funds.initialize();
  }
});

test('at phone size the dashboard and the search fit the width of the screen', async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin, {
    width: 390,
    height: 844,
  });
  // Nothing of the view sticks out sideways: no horizontal scrolling to read a figure.
  const overflow = (selector: string) =>
    page
      .locator(selector)
      .evaluate(
        (element: { scrollWidth: number; clientWidth: number }) => element.scrollWidth - element.clientWidth,
      );
  await page.goto('/dashboard');
  await page.getByRole('region', { name: 'Capital committed by fund and stage' }).locator('table').waitFor();
  expect(await overflow('.dashboard-view')).toBeLessThanOrEqual(0);
  const canvas = await page
    .getByRole('img', { name: 'Bar chart of projects by how far they got' })
    .boundingBox();
  expect(canvas!.x + canvas!.width).toBeLessThanOrEqual(390);
  await page.goto('/search?q=film');
  await page.getByText('4 results').waitFor();
  expect(await overflow('.search-view')).toBeLessThanOrEqual(0);
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});
