import { givenAchievement } from './builders-innovation';
import { startFederation, type Federation } from './federation';
import { dataOf, statementsOf } from './graphql';

/**
 * The one search across the graph (`searchGraph`), through the gateway: each member searches
 * what it owns, as the caller, in one statement; institutes merges by one score. English and
 * Chinese queries on the demo data, visibility and totals, the statement count, bad input,
 * and an owner that does not answer.
 */
const SEARCH_GRAPH = /* GraphQL */ `
  query SearchGraph($text: String!, $first: Int, $kinds: [SearchKind!]) {
    searchGraph(text: $text, first: $first, kinds: $kinds) {
      totalCount
      counts {
        kind
        count
      }
      hits {
        kind
        score
        highlight
        node {
          __typename
          ... on Achievement {
            id
            title
            titleZh
          }
          ... on Institute {
            id
            name
          }
          ... on Enterprise {
            id
            name
            products {
              name
              nameZh
            }
          }
          ... on TechnologyDemand {
            id
            title
          }
          ... on PilotBase {
            id
            name
          }
          ... on Facility {
            id
            name
          }
          ... on Fund {
            id
            name
          }
        }
      }
    }
  }
`;

interface Hit {
  kind: string;
  score: number;
  highlight: string | null;
  node: { __typename: string; id: string; title?: string; name?: string; products?: { name: string }[] };
}

interface SearchGraph {
  searchGraph: { totalCount: number; counts: { kind: string; count: number | null }[]; hits: Hit[] };
}

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
});

async function searchGraph(
  text: string,
  options: { first?: number; kinds?: string[]; token?: string } = {},
): Promise<SearchGraph['searchGraph']> {
  const { token, ...variables } = options;
  return dataOf(await federation.query<SearchGraph>(SEARCH_GRAPH, { text, ...variables }, token)).searchGraph;
}

const idsOf = (hits: Hit[]): string[] => hits.map((hit) => `${hit.node.__typename}:${hit.node.id}`);

/** Hits come best first, ties by kind then id: the order every owner and the merge keep. */
function expectRankedOrder(hits: Hit[]): void {
  const sorted = [...hits].sort(
    (a, b) =>
      b.score - a.score ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0),
  );
  expect(hits).toEqual(sorted);
}

describe('on the demo data', () => {
  test('"photovoltaic adhesive film" finds Levima by its FL02528 product among the top results, ranked with achievements and demands', async () => {
    const result = await searchGraph('photovoltaic adhesive film');
    expectRankedOrder(result.hits);
    const levima = result.hits.findIndex((hit) => hit.node.id === 'levima');
    expect(levima).toBeGreaterThanOrEqual(0);
    expect(levima).toBeLessThan(5);
    expect(result.hits[levima]?.kind).toBe('ENTERPRISE');
    expect(result.hits[levima]?.highlight).toMatch(/FL02528/);
    // Levima is found by its capabilities and by its product: one hit, its best.
    expect(new Set(idsOf(result.hits)).size).toBe(result.hits.length);
    // Several kinds, one ranking; the totals add up.
    expect(new Set(result.hits.map((hit) => hit.kind)).size).toBeGreaterThan(1);
    expect(result.totalCount).toBe(result.counts.reduce((sum, { count }) => sum + (count ?? 0), 0));
    expect(result.totalCount).toBeGreaterThanOrEqual(result.hits.length);
  });

  test('光伏胶膜 finds FL02528: Levima, its Chinese product name the highlight', async () => {
    const result = await searchGraph('光伏胶膜');
    const levima = result.hits.find((hit) => hit.node.id === 'levima');
    expect(levima?.highlight).toBe('FL02528光伏胶膜');
    expect(levima?.node.products?.map((product) => product.name)).toContain(
      'FL02528 photovoltaic adhesive film',
    );
  });

  test('甲醇制烯烃 finds DMTO by its Chinese title', async () => {
    const result = await searchGraph('甲醇制烯烃', { kinds: ['ACHIEVEMENT'] });
    const dmto = result.hits.find((hit) => hit.node.id === 'dmto');
    expect(dmto?.node.title).toBe('DMTO: Dalian methanol-to-olefins technology');
    expect(dmto?.highlight).toMatch(/甲醇制烯烃/);
    expect(result.counts).toEqual([{ kind: 'ACHIEVEMENT', count: result.hits.length }]);
  });

  test('kinds narrow the search to the owners asked', async () => {
    const everything = await searchGraph('advanced materials');
    const result = await searchGraph('advanced materials', { kinds: ['FUND', 'PILOT_BASE'] });
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((hit) => hit.kind === 'FUND' || hit.kind === 'PILOT_BASE')).toBe(true);
    // The same totals as in the search of every kind, in the order asked.
    const countOf = (kind: string): number | null | undefined =>
      everything.counts.find((count) => count.kind === kind)?.count;
    expect(result.counts).toEqual([
      { kind: 'FUND', count: countOf('FUND') },
      { kind: 'PILOT_BASE', count: countOf('PILOT_BASE') },
    ]);
  });
});

describe('visibility', () => {
  test('a CONFIDENTIAL achievement is neither a hit nor counted for an outsider, and is both for its institute', async () => {
    const word = `zeolite${process.pid}`;
    await givenAchievement(federation, { title: `Public ${word} membrane` });
    const hidden = await givenAchievement(federation, {
      title: `Confidential ${word} catalyst`,
      visibility: 'CONFIDENTIAL',
    });
    const outsider = await federation.token('enterprise:levima', 'VIEWER');
    const owner = await federation.token('institute:dicp', 'VIEWER');
    for (const token of [undefined, outsider]) {
      const result = await searchGraph(word, { token });
      expect(idsOf(result.hits)).not.toContain(`Achievement:${hidden.id}`);
      expect(result.totalCount).toBe(1);
      expect(result.counts.find((count) => count.kind === 'ACHIEVEMENT')?.count).toBe(1);
    }
    const own = await searchGraph(word, { token: owner });
    expect(idsOf(own.hits)).toContain(`Achievement:${hidden.id}`);
    expect(own.totalCount).toBe(2);
  });
});

test('a write keeps the tokens: a Chinese title registered or changed is found by it at once', async () => {
  const editor = await federation.token('institute:dicp', 'EDITOR');
  const registered = dataOf(
    await federation.query<{ registerAchievement: { id: string } }>(
      `mutation($input: RegisterAchievementInput!) { registerAchievement(input: $input) { id } }`,
      {
        input: {
          instituteId: 'dicp',
          title: 'Methanol to aromatics',
          titleZh: '甲醇制芳烃',
          summary: '',
          ipcCodes: ['C07C 1/20'],
          keywords: [],
          trl: 5,
          developmentStatus: 'PILOT',
          visibility: 'PUBLIC',
        },
      },
      editor,
    ),
  ).registerAchievement;
  const found = async (text: string): Promise<boolean> =>
    idsOf((await searchGraph(text, { kinds: ['ACHIEVEMENT'] })).hits).includes(
      `Achievement:${registered.id}`,
    );
  expect(await found('甲醇制芳烃')).toBe(true);
  dataOf(
    await federation.query(
      `mutation($input: UpdateAchievementInput!) { updateAchievement(input: $input) { id } }`,
      { input: { achievementId: registered.id, titleZh: '甲醇芳构化' } },
      editor,
    ),
  );
  expect(await found('甲醇芳构化')).toBe(true);
  expect(await found('制芳烃')).toBe(false);
});

test('each owner answers a search with one SQL statement, whatever the page size', async () => {
  const word = `perovskite${process.pid}`;
  for (let i = 0; i < 55; i += 1) await givenAchievement(federation, { title: `Stack ${i} ${word}` });
  const small = await statementsOf<SearchGraph>(federation, SEARCH_GRAPH, { text: word, first: 5 });
  const large = await statementsOf<SearchGraph>(federation, SEARCH_GRAPH, { text: word, first: 50 });
  expect(small.data.searchGraph.hits).toHaveLength(5);
  expect(large.data.searchGraph.hits).toHaveLength(50);
  expect(large.data.searchGraph.totalCount).toBe(55);
  expect(large.counts).toEqual(small.counts);
  // The owners that found nothing here ran their one search statement and nothing else.
  for (const owner of ['enterprises', 'pilot-bases', 'funds']) expect(large.counts[owner]).toBe(1);
});

describe('bad input is BAD_USER_INPUT naming the argument', () => {
  test.each([
    ['empty text', { text: '   ' }, 'text'],
    ['text over 200 characters', { text: 'film '.repeat(41) }, 'text'],
    ['text without a searchable character', { text: '!?…' }, 'text'],
    ['first of 0', { text: 'film', first: 0 }, 'first'],
    ['first over 50', { text: 'film', first: 51 }, 'first'],
    ['no kinds', { text: 'film', kinds: [] }, 'kinds'],
  ])('%s', async (_, variables, field) => {
    const response = await federation.query(SEARCH_GRAPH, variables);
    expect(response.data).toEqual({ searchGraph: null });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

test('Chinese names sit beside the English ones', async () => {
  const data = dataOf(
    await federation.query<{
      institute: { nameZh: string };
      enterprise: { nameZh: string };
      fund: { nameZh: string };
      pilotBase: { nameZh: string };
      achievement: { titleZh: string };
    }>(`{
      institute(id: "dicp") { nameZh }
      enterprise(id: "levima") { nameZh }
      fund(id: "cas-amif") { nameZh }
      pilotBase(id: "tengzhou") { nameZh }
      achievement(id: "dmto") { titleZh }
    }`),
  );
  for (const value of Object.values(data)) expect(Object.values(value)[0]).toMatch(/\p{Script=Han}/u);
});

// Last: it stops the funds subgraph for the rest of the file.
test('an owner that does not answer leaves out its kinds, with an error, never the whole search', async () => {
  await federation.stack.subgraphs.get('funds')!.stop();
  const response = await federation.query<SearchGraph>(SEARCH_GRAPH, { text: 'advanced materials' });
  const result = response.data!.searchGraph;
  expect(result.hits.length).toBeGreaterThan(0);
  expect(result.hits.some((hit) => hit.kind === 'FUND')).toBe(false);
  const fundsAt = result.counts.findIndex((count) => count.kind === 'FUND');
  expect(result.counts[fundsAt]?.count).toBeNull();
  expect(result.counts.filter((count) => count.count === null)).toHaveLength(1);
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0]?.path).toEqual(['searchGraph', 'counts', fundsAt, 'count']);
  expect(response.errors?.[0]?.extensions).toMatchObject({
    code: 'SUBGRAPH_UNAVAILABLE',
    dependency: 'funds',
  });
});
