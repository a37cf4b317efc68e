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
  const firstLoads: Record<string, string[]> = {};
  for (const path of [
    '/',
    '/dashboard',
    '/alliances',
    '/search?q=photovoltaic',
    '/projects/dmto-industrialization',
  ]) {
    const { page, close } = await openPage(stack.browser, stack.origin);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql'))
        asked.push(/\b(?:query|mutation)\s+(\w+)/.exec(request.postData() ?? '')?.[1] ?? 'anonymous');
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    firstLoads[path] = asked.sort();
    await close();
  }
  // A development build of React runs every effect twice under StrictMode: two requests each.
  expect(firstLoads).toEqual({
    '/': ['BoardColumns', 'BoardFilterOptions'],
    '/dashboard': ['DashboardCapital', 'DashboardMetrics'],
    '/alliances': ['AllianceResults', 'AlliancesCompared'],
    '/search?q=photovoltaic': ['SearchAchievements', 'SearchChoices'],
    '/projects/dmto-industrialization': ['ProjectPage'],
  });
}, 120_000);
