import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { openPage, type RecordedPage, useBrowserStack } from './browser';

/**
 * The pipeline board as a person uses it, on the demo data: every alliance's projects, the
 * CAS alliance's 47 and the consortium's 4 (one each docking, in evaluation, at proof of
 * concept and in pilot): 29 docking, 7 in evaluation, DMTO (DICP's achievement) the one in
 * industrialization; the alliance filter narrows it to one alliance.
 *
 * The institute, pilot-base, fund, enterprise, text, date and multi-stage filters need the
 * board API (branch board-api: `ProjectFilter` resolved beyond `stage` and `keyProject`);
 * until it is merged their tests fail with every project matching.
 */

let opened: RecordedPage;

const stack = useBrowserStack();
beforeEach(async () => {
  opened = await openPage(stack.browser, stack.origin);
  opened.page.setDefaultTimeout(30_000);
});
afterEach(async () => {
  expect(opened.foreignRequests).toEqual([]);
  expect(opened.pageErrors).toEqual([]);
  await opened.close();
});

const column = (name: string) => opened.page.getByRole('region', { name: new RegExp(`^${name} `) });

test('the board shows a column per stage with its count, the folded stages behind a disclosure', async () => {
  const { page } = opened;
  await page.goto('/');
  await column('Industrialization')
    .getByText('DMTO industrialization at Levima Advanced Materials')
    .waitFor();
  const dmto = page.getByRole('article', { name: 'AMA-2018-001' });
  await expect(dmto.textContent()).resolves.toContain('Dalian Institute of Chemical Physics');
  await expect(dmto.textContent()).resolves.toContain('Levima Advanced Materials Corporation');
  await expect(dmto.textContent()).resolves.toContain('TRL 9');
  await expect(column('Docking').getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
    'Docking 29',
  );
  await expect(column('Evaluation').getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
    'Evaluation 7',
  );
  // On hold and terminated are folded away, their counts in the summary.
  const summary = page.getByText(/On hold and terminated/);
  await expect(summary.textContent()).resolves.toContain('On hold 3 · Terminated 4');
  await expect(column('On hold').isVisible()).resolves.toBe(false);
  await summary.click();
  await column('On hold').getByRole('listitem').first().waitFor();
  await expect(column('On hold').getByRole('listitem').count()).resolves.toBe(3);
});

test('filtering by stage puts the stages in the URL and shows only their cards; back undoes it', async () => {
  const { page } = opened;
  await page.goto('/');
  await column('Docking').getByRole('listitem').first().waitFor();
  await page.getByRole('checkbox', { name: 'Evaluation' }).check();
  await page.waitForURL(/\?stages=EVALUATION$/);
  await column('Evaluation').getByRole('listitem').first().waitFor();
  await expect(column('Docking').count()).resolves.toBe(0);
  await expect(column('Evaluation').getByRole('listitem').count()).resolves.toBe(7);
  await expect(page.getByRole('article').count()).resolves.toBe(7);

  await page.goBack();
  await page.waitForURL(`${stack.origin}/`);
  await column('Docking').getByRole('listitem').first().waitFor();
  await expect(page.getByRole('checkbox', { name: 'Evaluation' }).isChecked()).resolves.toBe(false);
});

test('filtering by institute keeps only its projects, in every alliance; the URL can be bookmarked', async () => {
  const { page } = opened;
  await page.goto('/');
  await page
    .getByRole('option', { name: 'Dalian Institute of Chemical Physics', exact: true })
    .waitFor({ state: 'attached' });
  await page.getByLabel('Institute').selectOption({ label: 'Dalian Institute of Chemical Physics' });
  await page.waitForURL(/\?institute=dicp$/);
  await column('Docking').getByText('No projects').waitFor();
  await column('Pilot').getByRole('listitem').first().waitFor();
  // DMTO in the CAS alliance, the perovskite field trial in the consortium.
  const codes = await page
    .getByRole('article')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
  expect(codes.sort()).toEqual(['AMA-2018-001', 'CEC-2025-002']);

  // The same URL in a fresh page shows the same board.
  await page.goto('/?institute=dicp&stages=INDUSTRIALIZATION');
  await column('Industrialization').getByRole('listitem').first().waitFor();
  await expect(page.getByRole('article').count()).resolves.toBe(1);
  await expect(page.getByRole('article').textContent()).resolves.toContain('AMA-2018-001');
  await expect(page.getByLabel('Institute').inputValue()).resolves.toBe('dicp');
});

test("filtering by alliance shows that alliance's projects only: the consortium's four key projects", async () => {
  const { page } = opened;
  await page.goto('/');
  const consortium = 'Central Enterprises Science and Technology Achievements Industrialization Consortium';
  await page.getByRole('option', { name: consortium, exact: true }).waitFor({ state: 'attached' });
  await page.getByLabel('Alliance').selectOption({ label: consortium });
  await page.waitForURL(/\?alliance=central-soe-consortium$/);
  await column('Docking').getByText('CEC-2025-004').waitFor();
  await expect(column('Docking').getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Docking 1');
  await column('Pilot').getByRole('listitem').first().waitFor();
  const codes = await page
    .getByRole('article')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
  expect(codes.sort()).toEqual(['CEC-2025-001', 'CEC-2025-002', 'CEC-2025-003', 'CEC-2025-004']);
  await expect(column('Industrialization').getByText('No projects').count()).resolves.toBe(1);
});

test('"Load more" adds the next cards of one column', async () => {
  const { page } = opened;
  await page.goto('/');
  const docking = column('Docking');
  await docking.getByRole('listitem').first().waitFor();
  await expect(docking.getByRole('listitem').count()).resolves.toBe(20);
  await expect(docking.getByText('20 of 29').count()).resolves.toBe(1);
  await docking.getByRole('button', { name: 'Load more' }).click();
  await docking.getByText('29 of 29').waitFor();
  await expect(docking.getByRole('listitem').count()).resolves.toBe(29);
  await expect(docking.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
});

test('a card opens the project page', async () => {
  const { page } = opened;
  await page.goto('/');
  await page.getByRole('link', { name: 'DMTO industrialization at Levima Advanced Materials' }).click();
  await page.waitForURL(/\/projects\/dmto-industrialization$/);
  await page.getByRole('heading', { name: 'DMTO industrialization at Levima Advanced Materials' }).waitFor();
});

/** Downloads the board's CSV and parses it (the BOM checked and removed). */
async function downloadBoardCsv(): Promise<{ bom: boolean; rows: Record<string, string>[] }> {
  const { page } = opened;
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('alliance-board.csv');
  const bytes = await readFile(await download.path());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { bom, rows: parsed.data };
}

test('the CSV of the filtered board holds exactly the projects the filters match, amounts exact', async () => {
  const { page } = opened;
  await page.goto('/?alliance=cas-advanced-materials&key=yes');
  await column('Industrialization').getByRole('listitem').first().waitFor();
  await column('Pilot').getByRole('listitem').first().waitFor();
  const cards = await page.getByRole('article').all();
  const shown = (await Promise.all(cards.map((card) => card.getAttribute('aria-label')))).sort();
  expect(shown).toHaveLength(3);

  const { bom, rows } = await downloadBoardCsv();
  expect(bom).toBe(true);
  expect(rows.map((r) => r.code).sort()).toEqual(shown);
  const dmto = rows.find((r) => r.code === 'AMA-2018-001')!;
  expect(dmto).toMatchObject({
    title: 'DMTO industrialization at Levima Advanced Materials',
    stage: 'INDUSTRIALIZATION',
    'key project': 'yes',
    institute: 'Dalian Institute of Chemical Physics',
    'lead enterprise': 'Levima Advanced Materials Corporation',
    invested: '120000000.00',
    currency: 'CNY',
  });
  await page.getByText('CSV with 3 projects downloaded.').waitFor();
});

test('the CSV of a stage filter holds that stage only', async () => {
  const { page } = opened;
  await page.goto('/?stages=EVALUATION');
  await column('Evaluation').getByRole('listitem').first().waitFor();
  const { bom, rows } = await downloadBoardCsv();
  expect(bom).toBe(true);
  expect(rows).toHaveLength(7);
  expect(new Set(rows.map((r) => r.stage))).toEqual(new Set(['EVALUATION']));
});

/** Every code the board shows, after each shown column finished loading and paged to its end. */
async function codesOnBoard(): Promise<string[]> {
  const { page } = opened;
  const settled = () =>
    page.waitForFunction(`!document.querySelector('main').innerText.includes('Loading…')`);
  await settled();
  for (;;) {
    const more = page.getByRole('button', { name: 'Load more' });
    if ((await more.count()) === 0) break;
    await more.first().click();
    await settled();
  }
  const cards = await page.getByRole('article').all();
  return (await Promise.all(cards.map((card) => card.getAttribute('aria-label')))).map(String).sort();
}

/** The codes the API gives for a filter (the folded stages included, as the board has them). */
async function codesFromApi(filter: Record<string, unknown>): Promise<string[]> {
  const response = await stack.federation.query<{ projects: { edges: { node: { code: string } }[] } }>(
    `query($filter: ProjectFilter) { projects(filter: $filter, first: 100) { edges { node { code } } } }`,
    { filter },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.projects.edges.map((e) => e.node.code).sort();
}

test.each([
  ['/?base=tengzhou', { pilotBaseIds: ['tengzhou'] }],
  ['/?fund=cas-amif', { fundIds: ['cas-amif'] }],
  [
    '/?enterprise=guangzhou-chemical&stages=DOCKING,ON_HOLD',
    { leadEnterpriseIds: ['guangzhou-chemical'], stages: ['DOCKING', 'ON_HOLD'] },
  ],
  ['/?q=3D-printing', { text: '3D-printing' }],
  [
    '/?alliance=central-soe-consortium&stages=PILOT',
    { allianceIds: ['central-soe-consortium'], stages: ['PILOT'] },
  ],
  [
    '/?key=no&from=2018-06-01&to=2018-12-31',
    { keyProject: false, dockedFrom: '2018-06-01', dockedTo: '2018-12-31' },
  ],
])('%s shows exactly the projects the API matches for its filter', async (url, filter) => {
  const { page } = opened;
  await page.goto(url);
  await page.getByRole('checkbox', { name: 'On hold' }).waitFor();
  // The folded stages show their cards once opened (open already when the URL names one).
  const folded = page.locator('details.folded');
  if ((await folded.count()) && (await folded.getAttribute('open')) === null) {
    await folded.locator('summary').click();
  }
  const expected = await codesFromApi(filter);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(47);
  await expect(codesOnBoard()).resolves.toEqual(expected);
});

test('on a phone-sized window the board and a project page fit the width, columns stacked', async () => {
  const phone = await openPage(stack.browser, stack.origin, { width: 390, height: 844 });
  try {
    const { page } = phone;
    page.setDefaultTimeout(30_000);
    for (const path of ['/', '/projects/dmto-industrialization']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForFunction(`!document.querySelector('main').innerText.includes('Loading…')`);
      await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    }
    expect(phone.foreignRequests).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  } finally {
    await phone.close();
  }
});
