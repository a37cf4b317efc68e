import type { Page } from 'playwright-core';
import { startFederation, type Federation } from '../federation';
import { openPage, useBrowserStack } from './browser';

/**
 * The offline explorer: a browser that opens the API's URL gets GraphiQL from the gateway's
 * own origin, runs a query and sees the answer; production shows no explorer.
 */

const stack = useBrowserStack();

/**
 * Types `query` into GraphiQL's editor, runs it and waits for `answer` in the result pane.
 * Monaco may still be starting on a loaded machine: type until the editor shows the query,
 * then run it, and try again if the first run went out before the editor held it.
 */
async function runInEditor(page: Page, query: string, answer: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  const result = page.locator('.result-window').getByText(answer);
  for (let attempt = 1; ; attempt += 1) {
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(query);
    // The query's quoted id: one token, which Monaco renders in one element.
    await editor
      .getByText(query.slice(query.indexOf('"') + 1, query.lastIndexOf('"')))
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /Execute query/i }).click();
    try {
      await result.waitFor({ timeout: 20_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

test('GraphiQL at /graphql runs a query typed into it, loading nothing from another origin', async () => {
  const { page, foreignRequests, pageErrors, close } = await openPage(stack.browser, stack.origin);
  await page.goto('/graphql');
  await page.getByRole('button', { name: /Execute query/i }).waitFor();
  expect(await page.title()).toBe('Alliance Graph · API explorer');

  await runInEditor(
    page,
    '{ project(id: "dmto-industrialization") { title } }',
    'DMTO industrialization at Levima Advanced Materials',
  );
  expect(foreignRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
  await close();
}, 150_000);

test('the schema docs list the root fields, read through introspection', async () => {
  const { page, foreignRequests, close } = await openPage(stack.browser, stack.origin);
  await page.goto('/graphql');
  await page.getByRole('button', { name: /documentation explorer/i }).click();
  await page.getByText('Query', { exact: true }).first().click();
  await page.getByText('allianceMetrics', { exact: true }).first().waitFor();
  expect(foreignRequests).toEqual([]);
  await close();
});

test('signing in as a demo member puts its token into the request headers', async () => {
  const { page, close } = await openPage(stack.browser, stack.origin);
  await page.goto('/graphql');
  await page.getByLabel('Sign in as').selectOption({ label: 'Levima Advanced Materials · viewer' });
  await page.locator('.graphiql-editor-tool').getByText('Authorization').first().waitFor();

  await runInEditor(
    page,
    '{ achievement(id: "iccas-photoresist") { title } }',
    'High-end photoresist resins (illustrative)',
  );
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

  test('a browser opening /graphql gets no explorer and nothing pointing at a CDN', async () => {
    const response = await fetch(production.url, { headers: { accept: 'text/html' } });
    const body = await response.text();
    expect(body).not.toContain('API explorer');
    expect(body).not.toMatch(/cdn|apollographql\.com|https?:\/\//i);
  });
});

describe('in production with EXPLORER=on and INTROSPECTION=on', () => {
  let configured: Federation;
  beforeAll(async () => {
    configured = await startFederation({
      production: true,
      introspection: true,
      explorer: true,
      seed: false,
    });
  });
  afterAll(async () => {
    await configured?.stop();
  });

  test('a browser opening /graphql gets the explorer, and a client still gets the API', async () => {
    const page = await fetch(configured.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<title>Alliance Graph · API explorer</title>');
    const api = await fetch(`${configured.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
