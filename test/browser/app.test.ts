import { openPage, useBrowserStack } from './browser';

const stack = useBrowserStack();

test('the app at / shows the demo projects, loading nothing from another origin', async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
  await page.goto('/');
  await page.getByText('DMTO industrialization at Levima Advanced Materials').first().waitFor();
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});

test('each view asks the API for each of its operations once on first load, with React as built for production', async () => {
  // A development build of React runs every effect twice under StrictMode: two requests each.
  const expected: Record<string, string[]> = {
    '/': ['BoardColumns', 'BoardFilterOptions'],
    '/dashboard': ['DashboardCapital', 'DashboardMetrics'],
    '/alliances': ['AllianceResults', 'AlliancesCompared'],
    '/search?q=photovoltaic': ['SearchAchievements', 'SearchChoices'],
    '/projects/dmto-industrialization': ['ProjectPage'],
  };
  const firstLoads: Record<string, string[]> = {};
  for (const path of Object.keys(expected)) {
    const { page, close } = await openPage(stack.browser, stack.origin);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql'))
        asked.push(/\b(?:query|mutation)\s+(\w+)/.exec(request.postData() ?? '')?.[1] ?? 'anonymous');
    });
    await page.goto(path);
    // A view's operations may start one after another (a lazy chunk, a first answer), more than
    // network idle's half second apart on a busy machine: wait until as many different ones as
    // expected have been asked, then for the network to go quiet, so that a repeat shows too.
    const deadline = Date.now() + 30_000;
    while (new Set(asked).size < expected[path]!.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await page.waitForLoadState('networkidle');
    firstLoads[path] = [...asked].sort();
    await close();
  }
  expect(firstLoads).toEqual(expected);
}, 120_000);
