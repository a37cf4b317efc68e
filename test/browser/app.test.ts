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
