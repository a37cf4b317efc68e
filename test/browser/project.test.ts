import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { database, givenFund } from '../builders-capital';
import { openPage, type RecordedPage, useBrowserStack } from './browser';

/**
 * The project page and its actions as people see them, on the demo data, signed in through
 * the header's demo menu.
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

/** Signs in as a demo member through the header's "Sign in as" menu, as a person would. */
async function signIn(persona: string): Promise<void> {
  const { page } = opened;
  await page.goto('/');
  const header = page.getByRole('banner');
  await header.getByRole('option', { name: persona }).waitFor({ state: 'attached' });
  await header.getByLabel('Sign in as').selectOption({ label: persona });
  await header.getByText(`Signed in as ${persona}`).waitFor();
}

const section = (name: string) => opened.page.getByRole('region', { name });

test('DMTO on one page: institute, lead enterprise, pilot base and fund; members-only parts marked', async () => {
  const { page } = opened;
  await page.goto('/projects/dmto-industrialization');
  await page.getByRole('heading', { name: 'DMTO industrialization at Levima Advanced Materials' }).waitFor();
  const body = await page.locator('main').textContent();
  expect(body).toContain('Dalian Institute of Chemical Physics');
  expect(body).toContain('Levima Advanced Materials Corporation');
  expect(body).toContain('Tengzhou Pilot Transformation Base');
  expect(body).toContain('CAS Advanced Materials Industry Fund');
  expect(body).toContain('CNY 120,000,000.00');
  expect(body).toContain('National Technological Invention Award');
  // Anonymous: no error page, the hidden parts are marked where they would be.
  await expect(section('Benefit agreement').textContent()).resolves.toContain(
    "Visible to the agreement's parties.",
  );
  await expect(section('Expert reviews').textContent()).resolves.toContain('Visible to members');
  await expect(section('Pilot bookings').textContent()).resolves.toContain('Visible to members');
  await expect(page.getByRole('alert').count()).resolves.toBe(0);
  await expect(page.getByRole('region', { name: 'Actions' }).count()).resolves.toBe(0);
  // The stage history as a timeline.
  await expect(section('Stage history').textContent()).resolves.toContain('created: Industrialization');
});

test('a party of the agreement sees its terms and shares', async () => {
  await signIn('Levima Advanced Materials · viewer');
  const { page } = opened;
  await page.goto('/projects/dmto-industrialization');
  const agreement = section('Benefit agreement');
  await agreement.getByRole('table').waitFor();
  const text = await agreement.textContent();
  expect(text).toContain('Dalian Institute of Chemical Physics');
  expect(text).toContain('2/5 (40%)');
  // Each party's committed risk beside its share of the benefits.
  const levima = await agreement.getByRole('row', { name: /Levima/ }).innerText();
  expect(levima.split('\t')).toEqual([
    'Levima Advanced Materials Corporation',
    'operator',
    '9/20 (45%)',
    'CNY 36,000,000.00',
  ]);
  await expect(agreement.textContent()).resolves.toContain(
    'Industrialization: CNY 60,000,000.00 committed of CNY 60,000,000.00',
  );
  // A viewer may not act.
  await expect(page.getByRole('region', { name: 'Actions' }).count()).resolves.toBe(0);
});

test('the secretariat tries to advance past EVALUATION without a recommending review and reads why not', async () => {
  await signIn('Alliance secretariat');
  const { page } = opened;
  await page.goto('/projects/ppc-3d-printing-filament-chengdu');
  const actions = page.getByRole('region', { name: 'Actions' });
  await actions.getByLabel('Reason (recorded in the history)').fill('Looks promising');
  await actions.getByRole('button', { name: /Move to Proof of concept/ }).click();
  const alert = actions.getByRole('alert');
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toContain(
    'Advancing past EVALUATION needs an expert review recommending ADVANCE',
  );
  await expect(page.getByText('Stage: Evaluation').count()).resolves.toBe(1);
});

test("Levima's editor requests an overlapping booking and reads the CONFLICT", async () => {
  await signIn('Levima Advanced Materials · editor');
  const { page } = opened;
  await page.goto('/projects/dmto-industrialization');
  const form = page.getByRole('group', { name: 'Request a pilot booking' });
  await form.getByRole('option', { name: 'Olefin derivatives pilot line' }).waitFor({ state: 'attached' });
  await form.getByLabel('Facility').selectOption({ label: 'Olefin derivatives pilot line' });
  await form.getByLabel('First day').fill('2027-01-10');
  await form.getByLabel('Day after the last day').fill('2027-01-20');
  await form.getByLabel('Purpose').fill('Second grade trial');
  await form.getByRole('button', { name: 'Request booking' }).click();
  const alert = form.getByRole('alert');
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toBe(
    'This clashes with an existing record: the facility is already booked from 2026-12-01 until 2027-03-01 (CONFIRMED); choose other dates or another facility.',
  );
  // Only the lead's editors and the secretariat are offered the form, never the stage moves.
  await expect(page.getByRole('group', { name: 'Move the project' }).count()).resolves.toBe(0);
});

test("a fund's editor is refused an over-commitment with the amount left", async () => {
  await signIn('CAS Advanced Materials Industry Fund · editor');
  const { page } = opened;
  await page.goto('/projects/dmto-industrialization');
  const form = page.getByRole('group', { name: /Commit an investment/ });
  await form.getByLabel(/Amount/).fill('999999999999.00');
  await form.getByRole('button', { name: 'Commit' }).click();
  const alert = form.getByRole('alert');
  await alert.waitFor();
  await expect(alert.textContent()).resolves.toMatch(
    /^This clashes with an existing record: the fund has only \d+\.\d{2} CNY left to commit, less than this amount\.$/,
  );
});

test("a fund's investments open from the project page and download as CSV", async () => {
  const { page } = opened;
  await page.goto('/projects/dmto-industrialization');
  await page.getByRole('link', { name: 'CAS Advanced Materials Industry Fund' }).click();
  await page.waitForURL(/\/funds\/cas-amif$/);
  await page.getByRole('heading', { name: 'CAS Advanced Materials Industry Fund' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = Papa.parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  expect(rows.find((r) => r['project code'] === 'AMA-2018-001')).toMatchObject({
    amount: '120000000.00',
    currency: 'CNY',
    fund: 'CAS Advanced Materials Industry Fund',
  });
});

test('a fund with more investments than one page shows the newest and exports them all', async () => {
  const fund = await givenFund(stack.federation, {
    size: '100000000.00',
    name: 'Test fund with a long book',
  });
  await database(stack.federation, 'funds').query(
    `INSERT INTO funds.investment (id, fund_id, project_id, alliance_id, stage, instrument, amount, status,
                                   committed_on, illustrative, visibility, outside_mandate)
     SELECT 'book-' || lpad(n::text, 3, '0'), $1, 'dmto-industrialization', 'cas-advanced-materials', 'PILOT',
            'EQUITY', n + 0.01,
            'COMMITTED', DATE '2026-01-01' + n, false, 'PUBLIC', '{}'
     FROM generate_series(1, 130) AS n`,
    [fund.id],
  );
  const { page } = opened;
  await page.goto(`/funds/${fund.id}`);
  await page.getByText('The newest 100 of 130; the CSV holds them all.').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const rows = Papa.parse<Record<string, string>>(
    (await readFile(await download.path())).subarray(3).toString('utf8'),
    { header: true, skipEmptyLines: true },
  ).data;
  expect(rows).toHaveLength(130);
  expect(new Set(rows.map((r) => r.amount)).size).toBe(130);
  expect(rows.map((r) => r.amount)).toContain('1.01');
  await page.getByText('CSV with 130 investments downloaded.').waitFor();
});
