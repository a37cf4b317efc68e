import { parseSupergraphConfig } from '../supergraph-config';

test('a valid config parses', () => {
  const config = parseSupergraphConfig({
    subgraphs: [
      { name: 'institutes', url: 'http://127.0.0.1:4001/graphql' },
      {
        name: 'patent-office',
        url: 'https://patents.example.org/graphql',
        secretEnv: 'PATENT_OFFICE_SECRET',
      },
    ],
  });
  expect(config.subgraphs.map((s) => s.name)).toEqual(['institutes', 'patent-office']);
});

test.each([
  [{ subgraphs: [] }, /subgraphs/],
  [{ subgraphs: [{ name: 'Bad Name', url: 'http://x/graphql' }] }, /subgraphs\.0\.name/],
  [{ subgraphs: [{ name: 'ok', url: 'not a url' }] }, /subgraphs\.0\.url/],
  [
    {
      subgraphs: [
        { name: 'ok', url: 'http://a/graphql' },
        { name: 'ok', url: 'http://b/graphql' },
      ],
    },
    /unique/,
  ],
  [{ subgraphs: [{ name: 'ok', url: 'http://a/graphql', secretEnv: 'lower' }] }, /secretEnv/],
])('an invalid config names every problem (%#)', (json, message) => {
  expect(() => parseSupergraphConfig(json, 'test config')).toThrow(message);
});
