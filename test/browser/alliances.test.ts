import type { Page } from 'playwright-core';
import { chinaToday } from '../../shared/dates';
import { groupDigits } from '../../web/src/lib/decimal';
import { canvasInk, openPage, useBrowserStack } from './browser';

const stack = useBrowserStack();

/** This year in China, where the alliances count their years: the view's default range ends here. */
const YEAR = Number(chinaToday().slice(0, 4));

const KINDS: Record<string, string> = {
  TECHNOLOGY_INNOVATION_ALLIANCE: 'Technology innovation alliance',
  INDUSTRIALIZATION_CONSORTIUM: 'Industrialization consortium',
};

interface Compared {
  id: string;
  name: string;
  nameZh: string | null;
  kind: string;
  foundedOn: string;
  foundedIn: string;
  memberCount: number;
  projectCount: number;
  funnel: { pilot: number; industrialization: number };
  capitalCommitted: { amount: string; currency: string } | null;
  results: { year: number; projectsDocked: number }[];
}

/** The figures the view shows, as the API gives them to anyone (the page is anonymous). */
async function fromApi(from: number, to: number): Promise<Compared[]> {
  const answer = await stack.federation.query<{ alliances: Compared[] }>(
    `query($from: Int!, $to: Int!) {
      alliances {
        id name nameZh kind foundedOn foundedIn memberCount projectCount
        funnel { pilot industrialization }
        capitalCommitted { amount currency }
        results(fromYear: $from, toYear: $to) { year projectsDocked }
      }
    }`,
    { from, to },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.alliances;
}

/** Each row of a table as its cells' texts (innerText separates cells with tabs). */
async function tableRows(page: Page, region: string): Promise<string[][]> {
  const rows = await page.getByRole('region', { name: region }).locator('table tr').allInnerTexts();
  return rows.map((row) => row.split('\t'));
}

/** The year ranges the page asks the API for (each distinct range once, in order). */
function rangesAsked(page: Page): { ranges: () => unknown[]; count: () => number } {
  const seen = { count: 0, variables: [] as unknown[] };
  page.on('request', (request) => {
    const body = request.postData() ?? '';
    if (request.url().endsWith('/graphql') && body.includes('AllianceResults')) {
      seen.count += 1;
      seen.variables.push((JSON.parse(body) as { variables: unknown }).variables);
    }
  });
  // The app mounts a view again when its lazy route settles, so a range may be asked twice.
  return {
    count: () => seen.count,
    ranges: () =>
      [...new Set(seen.variables.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown),
  };
}

test('the alliances are compared side by side with the figures the API gives, each with its goals, and the docked projects per year are drawn', async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alliances' }).click();
  await page.waitForURL('**/alliances');
  const comparison = page.getByRole('region', { name: 'The alliances side by side' });
  await comparison.locator('tbody tr').first().waitFor();

  const api = await fromApi(YEAR - 9, YEAR);
  expect(api.map((a) => a.name)).toEqual(
    expect.arrayContaining([
      'CAS Advanced Materials Alliance',
      'Central Enterprises Science and Technology Achievements Industrialization Consortium',
      'China Coating Industry Technological Innovation Strategic Alliance',
    ]),
  );
  expect(await tableRows(page, 'The alliances side by side')).toEqual([
    [
      'Alliance',
      'Kind',
      'Founded',
      'Members',
      'Projects',
      'Reaching pilot',
      'Industrialized',
      'Capital committed',
    ],
    ...api.map((a) => [
      a.nameZh ? `${a.name}\n${a.nameZh}` : a.name,
      KINDS[a.kind],
      `${a.foundedOn}\n${a.foundedIn}`,
      String(a.memberCount),
      String(a.projectCount),
      String(a.funnel.pilot),
      String(a.funnel.industrialization),
      `${groupDigits(a.capitalCommitted!.amount)} ${a.capitalCommitted!.currency}`,
    ]),
  ]);
  // Hard facts of the demo data, whatever the API's code says.
  const consortium = comparison.locator('tr[data-alliance="central-soe-consortium"]');
  expect((await consortium.innerText()).split('\t')[4]).toBe('4');
  expect(
    (await comparison.locator('tr[data-alliance="cas-advanced-materials"]').innerText()).split('\t')[4],
  ).toBe('47');

  const consortiumGoals = page.getByRole('region', {
    name: 'Goals of Central Enterprises Science and Technology Achievements Industrialization Consortium',
  });
  expect(await consortiumGoals.locator('.target-label').first().innerText()).toBe(
    'Develop 10 key projects\n4 of 10 · 40.00%',
  );
  // Money goals show the API's exact digits, and the note says how benefits are rounded.
  await consortiumGoals.getByText('of 1,000,000,000,000.00 CNY').waitFor();
  await consortiumGoals.getByText(/rounded down to a whole ¥10,000,000/).waitFor();
  const casGoals = page.getByRole('region', { name: 'Goals of CAS Advanced Materials Alliance' });
  expect(await casGoals.locator('.target-label').allInnerTexts()).toContain(
    'Dock and analyse 47 projects through the technical expert committee\n47 of 47 · 100.00%',
  );
  await page
    .getByRole('region', {
      name: 'Goals of China Coating Industry Technological Innovation Strategic Alliance',
    })
    .getByText('This alliance has set no goals.')
    .waitFor();

  // The last ten years by default, each alliance's docked projects as the API counts them.
  const results = page.getByRole('region', { name: 'Projects docked per year' });
  await results.locator('tbody tr').first().waitFor();
  const years = Array.from({ length: 10 }, (_, i) => String(YEAR - 9 + i));
  expect(await tableRows(page, 'Projects docked per year')).toEqual([
    ['Alliance', ...years],
    ...api.map((a) => [a.name, ...a.results.map((r) => String(r.projectsDocked))]),
  ]);
  // The chart is drawn: its canvas has a size and pixels that are not blank.
  const canvas = results.getByRole('img', {
    name: 'Line chart of projects docked per year by each alliance',
  });
  const drawn = await canvasInk(canvas);
  expect(drawn.width).toBeGreaterThan(100);
  expect(drawn.inked).toBeGreaterThan(1000);

  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '联盟对比', level: 1 }).waitFor();
  await page.getByRole('region', { name: '各年度对接项目数' }).waitFor();
  await page
    .getByRole('region', { name: '中央企业科技成果产业化联合体的目标' })
    .getByText('4 / 10 · 40.00%')
    .waitFor();
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});

test('the year range is in the URL: changing it asks again and updates the table; a range the API would refuse is refused in the form without a request', async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
  const asked = rangesAsked(page);
  await page.goto('/alliances?from=2018&to=2020');
  const results = page.getByRole('region', { name: 'Projects docked per year' });
  await results.locator('tbody tr').first().waitFor();
  const api = await fromApi(2018, 2020);
  expect(await tableRows(page, 'Projects docked per year')).toEqual([
    ['Alliance', '2018', '2019', '2020'],
    ...api.map((a) => [a.name, ...a.results.map((r) => String(r.projectsDocked))]),
  ]);
  // The CAS alliance docked its 47 projects in 2018 and 2019.
  const cas = api.find((a) => a.id === 'cas-advanced-materials')!;
  expect(cas.results.slice(0, 2).reduce((sum, r) => sum + r.projectsDocked, 0)).toBe(47);

  await results.getByLabel('From year').fill('2024');
  await results.getByLabel('To year').fill(String(YEAR));
  await results.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(`**/alliances?from=2024&to=${YEAR}`);
  const later = await fromApi(2024, YEAR);
  const laterYears = Array.from({ length: YEAR - 2024 + 1 }, (_, i) => String(2024 + i));
  await results.locator('thead th', { hasText: '2024' }).waitFor();
  expect(await tableRows(page, 'Projects docked per year')).toEqual([
    ['Alliance', ...laterYears],
    ...later.map((a) => [a.name, ...a.results.map((r) => String(r.projectsDocked))]),
  ]);
  // The consortium's four projects were docked in the range.
  expect(
    later
      .find((a) => a.id === 'central-soe-consortium')!
      .results.reduce((sum, r) => sum + r.projectsDocked, 0),
  ).toBe(4);
  const twoRanges = [
    { from: 2018, to: 2020 },
    { from: 2024, to: YEAR },
  ];
  expect(asked.ranges()).toEqual(twoRanges);

  const before = asked.count();
  // Refused before asking: too many years, backwards, not a year, out of the API's bounds.
  const refusals: [string, string, string][] = [
    ['2000', '2030', 'Choose at most 20 years.'],
    ['2020', '2019', 'The last year must not be before the first.'],
    ['20x0', '2021', 'Enter each year as four digits, e.g. 2019.'],
    ['1899', '1905', 'Years go from 1900 to 2199.'],
  ];
  for (const [from, to, message] of refusals) {
    await results.getByLabel('From year').fill(from);
    await results.getByLabel('To year').fill(to);
    await results.getByRole('button', { name: 'Show' }).click();
    expect(await results.getByRole('alert').innerText()).toBe(message);
    expect(await results.getByLabel('From year').getAttribute('aria-invalid')).toBe('true');
  }
  expect(new URL(page.url()).search).toBe(`?from=2024&to=${YEAR}`);
  expect(asked.count()).toBe(before);

  // A bookmark with a bad range shows why and asks nothing; the back button restores the range.
  await page.goto('/alliances?from=2030&to=2020');
  await results.getByRole('alert').getByText('The last year must not be before the first.').waitFor();
  await page
    .getByRole('region', { name: 'The alliances side by side' })
    .locator('tbody tr')
    .first()
    .waitFor();
  expect(await results.locator('table').count()).toBe(0);
  expect(asked.ranges()).toEqual(twoRanges);
  await page.goBack();
  await page.waitForURL(`**/alliances?from=2024&to=${YEAR}`);
  await results.locator('tbody tr').first().waitFor();
  expect(await results.getByLabel('From year').inputValue()).toBe('2024');
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});
