import { ACHIEVEMENT_DETAILS, databaseOf, givenAchievement } from './builders-innovation';
import { startFederation, type Federation } from './federation';
import { dataOf, idsOf, statementsOf, walkPages } from './graphql';

/**
 * Full-text search over achievements (PostgreSQL tsvector + GIN, websearch syntax), ranked by
 * relevance, through the gateway: the order on the demo data, who sees what, filters,
 * pagination over ties (also while achievements are added), and a statement count that does
 * not grow with the page size.
 */
const SEARCH = /* GraphQL */ `
  query Search($query: String!, $filter: AchievementFilter, $first: Int, $after: String) {
    searchAchievements(query: $query, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        relevance
        node {
          id
        }
      }
    }
  }
`;

interface SearchPage {
  searchAchievements: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; relevance: number; node: { id: string } }[];
  };
}

let federation: Federation;
let member: string;

beforeAll(async () => {
  federation = await startFederation();
  member = await federation.token('enterprise:levima', 'VIEWER');
});
afterAll(async () => {
  await federation.stop();
});

async function search(
  query: string,
  options: { filter?: Record<string, unknown>; first?: number; after?: string; token?: string } = {},
): Promise<SearchPage['searchAchievements']> {
  const { token, ...variables } = options;
  return dataOf(await federation.query<SearchPage>(SEARCH, { query, ...variables }, token))
    .searchAchievements;
}

describe('ranking on the demo data', () => {
  test('"photovoltaic or film": the title outweighs keywords, keywords outweigh the summary', async () => {
    const page = await search('photovoltaic or film');
    expect(idsOf(page)).toEqual([
      // "photovoltaic" and "film" in the title
      'ciac-pv-encapsulant',
      // "film" in the title, "photovoltaic" in the keywords and summary
      'ciac-eva-crosslinking',
      // "film" alone, in the title (and keywords and summary)
      'iccas-polyimide-film',
      // one of the words in the keywords and summary, not the title: a tie, broken by id
      'ciac-ppc',
      'dicp-perovskite-pv',
    ]);
    expect(page.totalCount).toBe(5);
    const relevance = page.edges.map((e) => e.relevance);
    expect([...relevance].sort((a, b) => b - a)).toEqual(relevance);
    expect(relevance[3]).toBe(relevance[4]);
    expect(relevance[0]).toBeGreaterThan(relevance[1]!);
  });

  test('all words must occur unless `or` is said; words match by their English stem', async () => {
    expect(idsOf(await search('photovoltaic adhesive film'))).toEqual([
      'ciac-eva-crosslinking',
      'ciac-pv-encapsulant',
    ]);
    // "degradable materials" and "films" (ciac-ppc), "degradation" and "film" (ciac-pv-encapsulant)
    expect(idsOf(await search('degradable films'))).toEqual(['ciac-ppc', 'ciac-pv-encapsulant']);
  });

  test('quoted phrases and excluded words', async () => {
    expect(idsOf(await search('"adhesive film" -eva'))).toEqual(['ciac-pv-encapsulant']);
  });

  test('an anonymous caller finds only PUBLIC achievements; members also MEMBERS; the owner its CONFIDENTIAL ones', async () => {
    expect(idsOf(await search('photoresist'))).toEqual(['iccas-arf-photoresist']);
    expect(idsOf(await search('photoresist', { token: member }))).toEqual([
      'iccas-arf-photoresist',
      'iccas-photoresist',
    ]);
    expect(idsOf(await search('methanol olefins', { token: member }))).toEqual(['dmto']);
    const dicp = await federation.token('institute:dicp', 'VIEWER');
    expect(idsOf(await search('methanol olefins', { token: dicp }))).toEqual([
      'dmto',
      'dicp-sapo34-catalyst',
    ]);
  });

  test('filters narrow a search', async () => {
    expect(
      idsOf(await search('photovoltaic or film', { filter: { minTrl: 6, instituteId: 'ciac' } })),
    ).toEqual(['ciac-pv-encapsulant', 'ciac-ppc']);
    expect(idsOf(await search('photovoltaic or film', { filter: { ipcPrefix: 'H01L' } }))).toEqual([
      'ciac-pv-encapsulant',
      'dicp-perovskite-pv',
    ]);
  });

  test('pages of one walk the same order, ties included, without duplicates or gaps', async () => {
    const all = idsOf(await search('photovoltaic or film'));
    const walked = await walkPages((after) =>
      search('photovoltaic or film', { first: 1, after: after ?? undefined }),
    );
    expect(walked).toEqual(all);
  });

  test('every page tells how many match, the one past the last match too', async () => {
    const counts: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await search('photovoltaic or film', { first: 2, after });
      counts.push(page.totalCount);
      if (page.edges.length === 0) break;
      after = page.edges.at(-1)!.cursor;
    }
    // Three pages of 2, 2 and 1 matches, then an empty one past the end: each counts all 5.
    expect(counts).toEqual([5, 5, 5, 5]);
    expect((await search('photoresist', { first: 1 })).totalCount).toBe(1);
    expect((await search('photoresist', { first: 1, token: member })).totalCount).toBe(2);
    expect((await search('no such word anywhere')).totalCount).toBe(0);
  });
});

describe('pagination', () => {
  test('achievements added while a client pages neither repeat nor push others out', async () => {
    // Two tiers of relevance: the word in the title, or only in the summary; ties go by id.
    const title = (id: string) =>
      givenAchievement(federation, { id, title: `Ferrofluid seal ${id.slice(-1)}`, summary: '' });
    const summary = (id: string) =>
      givenAchievement(federation, {
        id,
        title: `Magnetic damper ${id.slice(-1)}`,
        summary: 'A ferrofluid fills the gap.',
      });
    for (const id of ['ferrofluid-t1', 'ferrofluid-t2']) await title(id);
    for (const id of ['ferrofluid-s1', 'ferrofluid-s2', 'ferrofluid-s3', 'ferrofluid-s4']) await summary(id);
    const before = idsOf(await search('ferrofluid'));
    expect(before).toEqual([
      'ferrofluid-t1',
      'ferrofluid-t2',
      'ferrofluid-s1',
      'ferrofluid-s2',
      'ferrofluid-s3',
      'ferrofluid-s4',
    ]);

    const walked = await walkPages(
      (after) => search('ferrofluid', { first: 2, after: after ?? undefined }),
      async (pageNumber) => {
        if (pageNumber !== 1) return;
        // Page 1 ended at (title relevance, ferrofluid-t2). The keyset goes on after it: a
        // match ranked before it stays unseen, one tied with it but with a greater id and
        // one ranked below it come later, each once.
        await title('ferrofluid-t0');
        await title('ferrofluid-t3');
        await summary('ferrofluid-s9');
      },
    );
    expect(walked).toEqual([
      'ferrofluid-t1',
      'ferrofluid-t2',
      'ferrofluid-t3',
      'ferrofluid-s1',
      'ferrofluid-s2',
      'ferrofluid-s3',
      'ferrofluid-s4',
      'ferrofluid-s9',
    ]);
    expect(new Set(walked).size).toBe(walked.length);
    for (const id of before) expect(walked.filter((seen) => seen === id)).toHaveLength(1);
    // A fresh search finds all of them, in the same order.
    expect(idsOf(await search('ferrofluid'))).toEqual(['ferrofluid-t0', ...walked]);
  });
});

describe('bad input', () => {
  test.each([
    ['a blank query', { query: '   ' }, 'query'],
    ['a page of 0', { query: 'film', first: 0 }, 'first'],
    ['a page of 101', { query: 'film', first: 101 }, 'first'],
    ['a forged cursor', { query: 'film', after: 'bm90IGEgY3Vyc29y' }, 'after'],
    ['a TRL filter of 10', { query: 'film', filter: { minTrl: 10 } }, 'filter.minTrl'],
  ])('%s is refused naming the field', async (_case, variables, field) => {
    const response = await federation.query(SEARCH, variables);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('statement counts', () => {
  const DETAILED = /* GraphQL */ `
    ${ACHIEVEMENT_DETAILS}
    query Detailed($first: Int!) {
      searchAchievements(query: "zeolite", first: $first) {
        totalCount
        edges {
          relevance
          node {
            ...AchievementDetails
          }
        }
      }
    }
  `;

  beforeAll(async () => {
    const institutes = ['dicp', 'ciac', 'iccas'];
    const researchers = ['dicp-r1', 'ciac-r1', 'iccas-r1'];
    for (let i = 0; i < 60; i += 1) {
      const achievement = await givenAchievement(federation, {
        instituteId: institutes[i % 3],
        title: `Zeolite membrane variant ${i}`,
        summary: i % 2 ? 'zeolite zeolite' : 'a membrane',
      });
      await databaseOf(federation, 'institutes').query(
        `INSERT INTO institutes.inventor (achievement_id, researcher_id, share, position) VALUES ($1, $2, 100, 0)`,
        [achievement.id, researchers[i % 3]],
      );
    }
  });

  async function statements(first: number): Promise<Record<string, number>> {
    const { counts, data } = await statementsOf<{ searchAchievements: { edges: unknown[] } }>(
      federation,
      DETAILED,
      { first },
    );
    expect(data.searchAchievements.edges).toHaveLength(first);
    return counts;
  }

  test('a search page of 50 costs the statements of a page of 5', async () => {
    const five = await statements(5);
    const fifty = await statements(50);
    expect(fifty).toEqual(five);
    // the page with its count, institutes, patents, inventors, researchers, TRL history; projects in alliance
    expect(five.institutes).toBe(6);
    expect(five.alliance).toBe(1);
  });
});
