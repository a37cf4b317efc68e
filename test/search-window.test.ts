import type { DataSource } from 'typeorm';
import { SEARCH_WINDOW } from '../services/institutes/search-window';
import { givenAchievement } from './builders-innovation';
import { startFederation, type Federation } from './federation';
import { dataOf, idsOf, statementsOf, walkPages } from './graphql';

/**
 * A search without filters reads only its window (services/institutes/search-window.ts):
 * the achievements each word weighs most in. With more matches than the window holds, the
 * page is the window's best and says its count is not exact; with few matches, or a filter,
 * it is exact. The words table the window walks is kept by trigger as achievements change.
 *
 * The data: a made-up word, "zorbium", in the summary of 700 public achievements of DICP, in
 * the title of three more (and of two for members only), with a second rare word in one, and
 * in the summary of five of CIAC's.
 */
const SEARCH = /* GraphQL */ `
  query Search($query: String!, $filter: AchievementFilter, $first: Int, $after: String) {
    searchAchievements(query: $query, filter: $filter, first: $first, after: $after) {
      totalCount
      totalCountIsExact
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
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
    totalCountIsExact: boolean;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { relevance: number; node: { id: string } }[];
  };
}

const BULK = 700;
let federation: Federation;
let institutes: DataSource;
let member: string;

beforeAll(async () => {
  federation = await startFederation();
  institutes = federation.stack.subgraphs.get('institutes')!.dataSource;
  member = await federation.token('enterprise:levima', 'VIEWER');
  await institutes.query(
    `INSERT INTO institutes.achievement (id, institute_id, title, summary, ipc_codes, trl, trl_changed_on, visibility)
     SELECT 'zw-bulk-' || lpad(n::text, 4, '0'), 'dicp', 'Bulk sample ' || n,
            'A sample holding zorbium, number ' || n || '.', '{C07C 1/20}', 4, '2024-01-01', 'PUBLIC'
     FROM generate_series(1, $1) n`,
    [BULK],
  );
  for (const n of [1, 2, 3]) {
    await givenAchievement(federation, {
      id: `zw-title-${n}`,
      title: `Zorbium catalyst ${n}`,
      summary: 'Zorbium.',
    });
  }
  for (const n of [1, 2]) {
    await givenAchievement(federation, {
      id: `zw-members-${n}`,
      title: `Zorbium zorbium membrane ${n}`,
      visibility: 'MEMBERS',
    });
  }
  await givenAchievement(federation, {
    id: 'zw-rare',
    title: 'A rare one',
    summary: 'Zorbium with quellite.',
  });
  for (const n of [1, 2, 3, 4, 5]) {
    await givenAchievement(federation, {
      id: `zw-ciac-${n}`,
      instituteId: 'ciac',
      title: `CIAC sample ${n}`,
      summary: n === 5 ? 'Zorbium, twice zorbium.' : 'Zorbium.',
    });
  }
});
afterAll(async () => {
  await federation.stop();
});

async function search(
  query: string,
  options: { filter?: Record<string, unknown>; first?: number; after?: string | null; token?: string } = {},
): Promise<SearchPage['searchAchievements']> {
  const { token, ...variables } = options;
  return dataOf(await federation.query<SearchPage>(SEARCH, { query, ...variables }, token))
    .searchAchievements;
}

/** Every visible match ranked by `ts_rank`, as a search that read them all would order them. */
async function rankedInFull(query: string, visibilities: string[]): Promise<string[]> {
  const rows = await institutes.query<{ id: string }[]>(
    `SELECT id FROM institutes.achievement
     WHERE search @@ websearch_to_tsquery('english', $1) AND visibility = ANY($2)
     ORDER BY round(CAST(ts_rank(search, websearch_to_tsquery('english', $1)) AS numeric), 6) DESC, id`,
    [query, visibilities],
  );
  return rows.map((row) => row.id);
}

describe('more matches than the window', () => {
  test('the page is the best of the window, titles first, and the count says it is a lower bound', async () => {
    const page = await search('zorbium', { first: 5 });
    expect(page.totalCountIsExact).toBe(false);
    expect(page.totalCount).toBe(SEARCH_WINDOW);
    // The three public titles outrank every summary; members' titles are not the public's.
    expect(idsOf(page).slice(0, 3)).toEqual(['zw-title-1', 'zw-title-2', 'zw-title-3']);
    expect((await rankedInFull('zorbium', ['PUBLIC'])).slice(0, 5)).toEqual(idsOf(page));
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  test('a member sees the members-only titles first: the window is walked with the caller’s visibility', async () => {
    const page = await search('zorbium', { first: 5, token: member });
    expect(idsOf(page)).toEqual((await rankedInFull('zorbium', ['PUBLIC', 'MEMBERS'])).slice(0, 5));
    expect(idsOf(page).slice(0, 2)).toEqual(['zw-members-1', 'zw-members-2']);
    expect(page.totalCountIsExact).toBe(false);
  });

  test('paging ends with the window: every candidate once, in relevance order', async () => {
    const seen = await walkPages((after) => search('zorbium', { first: 100, after }));
    expect(seen).toHaveLength(SEARCH_WINDOW);
    expect(new Set(seen).size).toBe(SEARCH_WINDOW);
    expect(seen.slice(0, 3)).toEqual(['zw-title-1', 'zw-title-2', 'zw-title-3']);
  });

  test('with `or`, the window is exact only when every word ran out before its share', async () => {
    const page = await search('zorbium or quellite', { first: 3 });
    expect(page.totalCountIsExact).toBe(false);
    expect(idsOf(page)).toEqual(['zw-title-1', 'zw-title-2', 'zw-title-3']);
  });

  test('the search reads only the window, in one statement', async () => {
    const { counts, data } = await statementsOf<SearchPage>(federation, SEARCH, {
      query: 'zorbium',
      first: 20,
    });
    expect(data.searchAchievements.edges).toHaveLength(20);
    expect(counts['institutes']).toBe(1);
  });
});

describe('exact when the window holds every match', () => {
  test('a rare word among the words: every match holds it, so its short walk holds them all', async () => {
    const page = await search('zorbium quellite');
    expect(page).toMatchObject({ totalCount: 1, totalCountIsExact: true });
    expect(idsOf(page)).toEqual(['zw-rare']);
  });

  test('a filter the words table does not carry ranks every match, and counts them exactly', async () => {
    const page = await search('zorbium', { filter: { minTrl: 1 }, first: 5 });
    const all = await rankedInFull('zorbium', ['PUBLIC']);
    expect(page).toMatchObject({ totalCount: all.length, totalCountIsExact: true });
    expect(all.length).toBe(BULK + 9);
    expect(idsOf(page)).toEqual(all.slice(0, 5));
  });

  test("filtered by institute, each walk keeps to the institute's achievements", async () => {
    // CIAC's five run out before the window does: exact, the one that says it twice first.
    const ciac = await search('zorbium', { filter: { instituteId: 'ciac' } });
    expect(ciac).toMatchObject({ totalCount: 5, totalCountIsExact: true });
    expect(idsOf(ciac)).toEqual(['zw-ciac-5', 'zw-ciac-1', 'zw-ciac-2', 'zw-ciac-3', 'zw-ciac-4']);
    // DICP's 704 fill it: a window of DICP's, none of CIAC's.
    const dicp = await search('zorbium', { filter: { instituteId: 'dicp' }, first: 100 });
    expect(dicp).toMatchObject({ totalCount: SEARCH_WINDOW, totalCountIsExact: false });
    expect(idsOf(dicp).slice(0, 3)).toEqual(['zw-title-1', 'zw-title-2', 'zw-title-3']);
    expect(idsOf(dicp).some((id) => id.startsWith('zw-ciac-'))).toBe(false);
  });

  test('a query of negated words only has nothing to walk: every achievement is a candidate', async () => {
    const page = await search('-zorbium', { first: 100 });
    const [row] = await institutes.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM institutes.achievement
       WHERE visibility = 'PUBLIC' AND NOT search @@ to_tsquery('english', 'zorbium')`,
    );
    expect(page).toMatchObject({ totalCount: row!.count, totalCountIsExact: true });
    expect(idsOf(page).some((id) => id.startsWith('zw-'))).toBe(false);
  });

  test('a word nobody holds: no hits, exactly none', async () => {
    expect(await search('zorbium xylquaddle')).toMatchObject({
      totalCount: 0,
      totalCountIsExact: true,
      edges: [],
    });
  });
});

describe('the words table follows the achievements', () => {
  /** Rows of `achievement_term` that a recomputation from `achievement` lacks, and the other way round. */
  async function drift(): Promise<unknown[]> {
    return institutes.query(`
      (SELECT id, lexeme, impact, visibility, institute_id FROM institutes.achievement_term
       EXCEPT SELECT a.id, w.lexeme, w.impact, a.visibility, a.institute_id
              FROM institutes.achievement a, institutes.achievement_words(a.search) w)
      UNION ALL
      (SELECT a.id, w.lexeme, w.impact, a.visibility, a.institute_id
              FROM institutes.achievement a, institutes.achievement_words(a.search) w
       EXCEPT SELECT id, lexeme, impact, visibility, institute_id FROM institutes.achievement_term)`);
  }

  test('after edits, a visibility change, a deletion and a rolled-back write, it equals a recount', async () => {
    const editor = await federation.token('institute:dicp', 'EDITOR');
    const edited = await givenAchievement(federation, { title: 'Plain title', summary: 'Nothing special.' });
    const UPDATE = /* GraphQL */ `
      mutation ($input: UpdateAchievementInput!) {
        updateAchievement(input: $input) {
          id
        }
      }
    `;
    dataOf(
      await federation.query(
        UPDATE,
        { input: { achievementId: edited.id, title: 'Quellite reactor', visibility: 'MEMBERS' } },
        editor,
      ),
    );
    await institutes.query(
      `UPDATE institutes.achievement SET summary = 'Zorbium again' WHERE id = 'zw-bulk-0001'`,
    );
    await institutes.query(`UPDATE institutes.achievement SET trl = 5 WHERE id = 'zw-bulk-0002'`);
    await institutes.query(`DELETE FROM institutes.achievement WHERE id = 'zw-bulk-0003'`);
    await expect(
      institutes.transaction(async (tx) => {
        await tx.query(`UPDATE institutes.achievement SET title = 'Gone wrong' WHERE id = 'zw-bulk-0004'`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await drift()).toEqual([]);

    // The edit is what the search finds: the new title word for members, not for the public.
    expect(idsOf(await search('quellite reactor', { token: member }))).toEqual([edited.id]);
    expect(await search('quellite reactor')).toMatchObject({ totalCount: 0, totalCountIsExact: true });
  });

  test('a title word weighs what ts_rank gives a title; the summary a fifth of it', async () => {
    const rows = await institutes.query<{ id: string; impact: number }[]>(
      `SELECT id, impact FROM institutes.achievement_term
       WHERE lexeme = 'zorbium' AND id IN ('zw-title-1', 'zw-bulk-0005') ORDER BY id`,
    );
    // zw-title-1: once in the title, once in the summary; zw-bulk-0005: once in the summary.
    expect(rows.map((row) => row.id)).toEqual(['zw-bulk-0005', 'zw-title-1']);
    expect(rows[0]!.impact).toBeCloseTo(0.2, 5);
    expect(rows[1]!.impact).toBeCloseTo(1.2, 5);
  });
});

test('the migration undone and applied again fills the words table from the achievements there', async () => {
  const before = await search('zorbium', { first: 10 });
  await institutes.undoLastMigration({ transaction: 'each' });
  expect(await institutes.query(`SELECT to_regclass('institutes.achievement_term') IS NULL AS gone`)).toEqual(
    [{ gone: true }],
  );
  const applied = await institutes.runMigrations({ transaction: 'each' });
  expect(applied.map((m) => m.name)).toEqual(['SearchWindow1766900000000']);
  const [row] = await institutes.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM institutes.achievement a, institutes.achievement_words(a.search) w`,
  );
  const [terms] = await institutes.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM institutes.achievement_term`,
  );
  expect(terms!.n).toBe(row!.n);
  expect(await search('zorbium', { first: 10 })).toEqual(before);
});
