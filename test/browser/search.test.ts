import { openPage, type RecordedPage, useBrowserStack } from './browser';
import { SEARCH_WINDOW } from '../../services/institutes/search-window';

const stack = useBrowserStack();

/** A page signed in the way the "Sign in as" menu does it: the session in localStorage. */
async function openAs(token: string | null): Promise<RecordedPage> {
  const recorded = await openPage(stack.browser, stack.origin);
  if (token) {
    // Runs in the page before the app does (a string: the Node side has no localStorage).
    const session = JSON.stringify({ token, label: 'Levima Advanced Materials · viewer' });
    await recorded.page.addInitScript(
      `localStorage.setItem('alliance-graph.session', ${JSON.stringify(session)});`,
    );
  }
  return recorded;
}

async function resultTitles(recorded: RecordedPage): Promise<string[]> {
  return recorded.page.locator('ol.results > li h2').allInnerTexts();
}

test('a search ranks achievements, marks the matched words, and a TRL filter narrows it', async () => {
  const recorded = await openAs(null);
  const { page } = recorded;
  await page.goto('/search');
  await page.getByLabel('Words to look for').fill('methanol');
  await page.getByLabel('Words to look for').press('Enter');
  const dmto = page.getByRole('article', { name: 'DMTO: Dalian methanol-to-olefins technology' });
  await dmto.waitFor();
  expect(await dmto.locator('h2 mark').allInnerTexts()).toEqual(['methanol']);
  expect(page.url()).toContain('q=methanol');
  // DMTO's one project links to the project page.
  expect(await dmto.getByRole('link', { name: /AMA-2018-001/ }).getAttribute('href')).toBe(
    '/projects/dmto-industrialization',
  );

  await page.getByLabel('Words to look for').fill('film');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('4 results').waitFor();
  expect(await resultTitles(recorded)).toContain('Fast-curing EVA adhesive film formulation (illustrative)');

  await page.getByLabel('Lowest TRL').selectOption('7');
  await page.getByText('1 results').waitFor();
  expect(await resultTitles(recorded)).toEqual([
    'POE photovoltaic encapsulant film with anti-PID additives (illustrative)',
  ]);
  expect(page.url()).toContain('trl=7');
  expect(recorded.foreignRequests).toEqual([]);
  expect(recorded.pageErrors).toEqual([]);
  await recorded.close();
});

test("a member sees ICCAS's members-only photoresist in search; anonymous callers do not", async () => {
  const anonymous = await openAs(null);
  await anonymous.page.goto('/search?q=photoresist');
  await anonymous.page.getByText('1 results').waitFor();
  expect(await resultTitles(anonymous)).toEqual(['ArF photoresist monomers (illustrative)']);
  expect(anonymous.foreignRequests).toEqual([]);
  await anonymous.close();

  const member = await openAs(await stack.federation.token('enterprise:levima', 'VIEWER'));
  await member.page.goto('/search?q=photoresist');
  await member.page.getByText('2 results').waitFor();
  const titles = await resultTitles(member);
  expect(titles).toContain('High-end photoresist resins (illustrative)');
  const hidden = member.page.getByRole('article', { name: 'High-end photoresist resins (illustrative)' });
  await hidden.getByText('members only').waitFor();
  expect(member.foreignRequests).toEqual([]);
  expect(member.pageErrors).toEqual([]);
  await member.close();
});

test("an enterprise's demands list their candidate achievements with scores and reasons", async () => {
  const recorded = await openAs(null);
  const { page } = recorded;
  await page.goto('/search');
  await page.getByRole('link', { name: 'Technology demands' }).click();
  await page.getByLabel('Enterprise').selectOption({ label: 'Levima Advanced Materials Corporation' });
  expect(page.url()).toContain('enterprise=levima');
  const demand = page.getByRole('article', {
    name: 'Anti-PID encapsulant film for double-glass photovoltaic modules (illustrative)',
  });
  await demand.waitFor();
  const best = demand.locator('ol.candidates > li').first();
  await best.getByText('POE photovoltaic encapsulant film with anti-PID additives (illustrative)').waitFor();
  expect(await best.locator('.score').innerText()).toBe('0.88');
  expect(await best.locator('ul.reasons > li').allInnerTexts()).toEqual([
    'IPC C08J 5/18 is the wanted field',
    '4 of 5 keywords: photovoltaic, adhesive film, encapsulant, poe',
    'TRL 7 meets the minimum TRL 6',
  ]);
  expect(await best.locator('a mark').allInnerTexts()).toEqual(['POE', 'photovoltaic', 'encapsulant']);
  expect(recorded.foreignRequests).toEqual([]);
  expect(recorded.pageErrors).toEqual([]);
  await recorded.close();
});

test('a word in more achievements than the search window: the count reads "at least", with a hint to narrow it', async () => {
  const institutes = stack.federation.stack.subgraphs.get('institutes')!.dataSource;
  await institutes.query(
    `INSERT INTO institutes.achievement (id, institute_id, title, summary, ipc_codes, trl, trl_changed_on)
     SELECT 'zw-' || n, 'dicp', CASE WHEN n = 1 THEN 'Zorbium membrane' ELSE 'Sample ' || n END,
            'Holds zorbium.', '{C07C 1/20}', 4, '2024-01-01'
     FROM generate_series(1, 650) n`,
  );
  const recorded = await openAs(null);
  const { page } = recorded;
  await page.goto('/search?q=zorbium');
  await page.getByText(`at least ${SEARCH_WINDOW} results`).waitFor();
  await page.getByText('Too many to rank them all').waitFor();
  await page.getByText('Add words or a filter to narrow the search.').waitFor();
  // The title that holds the word ranks first, though it is one of 650.
  expect((await resultTitles(recorded))[0]).toBe('Zorbium membrane');

  // A TRL filter ranks every match: the count is exact again.
  await page.goto('/search?q=zorbium&trl=4');
  await page.getByText('650 results').waitFor();
  expect(await page.getByText('at least').count()).toBe(0);
  expect(recorded.pageErrors).toEqual([]);
  await recorded.close();
});
