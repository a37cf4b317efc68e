import { readmeExamples } from './examples';
import { startFederation, type Federation } from './federation';

/**
 * The README shows real queries with their real answers: every anonymous read it sends
 * with curl (test/examples.ts) is sent here to a fresh graph with the demo data, and must
 * answer exactly the JSON the README prints after it.
 */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
});

test('the README has anonymous examples with answers', () => {
  expect(readmeExamples().length).toBeGreaterThanOrEqual(2);
});

test.each(readmeExamples().map((example, i) => [i + 1, example] as const))(
  'README example %i answers as printed',
  async (_n, example) => {
    const response = await fetch(federation.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: example.body,
    });
    expect(await response.json()).toEqual(example.answer);
  },
);
