import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startFederation, type Federation } from './federation';

/**
 * The README shows real queries with their real answers: every anonymous read it sends
 * with curl is sent here to a fresh graph with the demo data, and must answer exactly the
 * JSON the README prints after it.
 */
interface Example {
  body: string;
  answer: unknown;
}

function readmeExamples(): Example[] {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  // Both groups of a fence always take part in its match.
  const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(({ 1: lang = '', 2: text = '' }) => ({
    lang,
    text,
  }));
  const examples: Example[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'sh') return;
    const [, body] =
      /curl -s http:\/\/127\.0\.0\.1:4000\/graphql[\s\S]*?--data '([^']+)'/.exec(block.text) ?? [];
    // Member examples need a token, mutations change the data: only anonymous reads.
    if (!body || /authorization/i.test(block.text) || body.includes('mutation')) return;
    const next = blocks.slice(i + 1).find((b) => b.lang === 'json' || b.lang === 'sh');
    if (next?.lang !== 'json') return;
    examples.push({ body, answer: JSON.parse(next.text) });
  });
  return examples;
}

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
