import { startFederation, type Federation } from '../federation';
import { openPage, useBrowserStack } from './browser';

/** The web app's header menu: who the app acts as, in the embedded default and in production. */
const stack = useBrowserStack();

test('a person signs in as a demo member, sees who they are, and signs out', async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
  await page.goto('/');
  const header = page.getByRole('banner');
  await header.getByLabel('Sign in as').selectOption({ label: 'Levima Advanced Materials · viewer' });
  await header.getByText('Signed in as Levima Advanced Materials · viewer').waitFor();

  // The session outlives a reload: it is kept in this browser.
  await page.reload();
  await header.getByText('Signed in as Levima Advanced Materials · viewer').waitFor();

  await header.getByRole('button', { name: 'Sign out' }).click();
  await header.getByLabel('Sign in as').waitFor();
  expect(await header.textContent()).not.toContain('Signed in as');
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});

describe('in production', () => {
  let production: Federation;
  beforeAll(async () => {
    production = await startFederation({ production: true, seed: false });
  });
  afterAll(async () => {
    await production?.stop();
  });

  test('with no demo members, a person pastes a token and the header names its organization', async () => {
    const { page, pageErrors, close } = await openPage(stack.browser, new URL(production.url).origin);
    await page.goto('/');
    const header = page.getByRole('banner');
    await header.getByLabel('Member token').fill(await production.token('institute:dicp', 'EDITOR'));
    await header.getByRole('button', { name: 'Sign in' }).click();
    await header.getByText('Signed in as institute:dicp · EDITOR').waitFor();
    expect(await header.getByLabel('Sign in as').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await close();
  });
});

test('an expired session signs the person out and the board shows what anyone may see', async () => {
  const expired = await stack.federation.tokenWith({
    subject: 'enterprise:levima#viewer',
    organization: { type: 'enterprise', id: 'levima' },
    roles: ['VIEWER'],
    expiresIn: Math.floor(Date.now() / 1000) - 60,
  });
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
  const session = JSON.stringify({ token: expired, label: 'Levima (expired)' });
  await page.addInitScript(`localStorage.setItem('alliance-graph.session', ${JSON.stringify(session)});`);
  await page.goto('/');
  await page.getByText('DMTO industrialization at Levima Advanced Materials').first().waitFor();
  await page.getByRole('banner').getByLabel('Sign in as').waitFor();
  expect(await page.getByText('Signed in as Levima (expired)').count()).toBe(0);
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
});
