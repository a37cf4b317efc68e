import { givenInvestment, givenProject } from './builders';
import { database, givenBase, givenBooking, givenFacility, givenFund } from './builders-capital';
import { givenAchievement } from './builders-innovation';
import { startFederation, type Federation } from './federation';
import { dataOf, idsOf, TWO_WAY_PAGE_OF_IDS, walkPages, walkPagesBackward, type Page } from './graphql';

/**
 * The project board (`Query.projects`): every filter, four orders both ways, and keyset
 * pages forward and backward that visit each project once, also while projects are
 * docked between pages.
 */
const BOARD = /* GraphQL */ `
  query Board(
    $filter: ProjectFilter
    $orderBy: ProjectOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    projects(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      ${TWO_WAY_PAGE_OF_IDS}
    }
  }
`;

type Field = 'DOCKED_AT' | 'STAGE_CHANGED_AT' | 'CODE' | 'TITLE';
type Direction = 'ASC' | 'DESC';
const ORDERS: [Field, Direction][] = (['DOCKED_AT', 'STAGE_CHANGED_AT', 'CODE', 'TITLE'] as const).flatMap(
  (field) => (['ASC', 'DESC'] as const).map((direction): [Field, Direction] => [field, direction]),
);
/** The SQL column of each order, to compute the expected order in the database's own collation. */
const COLUMN: Record<Field, string> = {
  DOCKED_AT: 'created_at',
  STAGE_CHANGED_AT: 'stage_changed_at',
  CODE: 'code',
  TITLE: 'title',
};

const BULK = 500;
let federation: Federation;

async function board(variables: Record<string, unknown>, token?: string): Promise<Page> {
  return dataOf(await federation.query<{ projects: Page }>(BOARD, variables, token)).projects;
}

/** Project ids in an order, straight from the alliance's database (`where` on `project p`). */
async function expectedOrder(field: Field, direction: Direction, where = 'true'): Promise<string[]> {
  const rows = await database(federation, 'alliance').query<{ id: string }[]>(
    `SELECT p.id FROM alliance.project p WHERE ${where}
     ORDER BY p.${COLUMN[field]} ${direction}, p.id ${direction}`,
  );
  return rows.map((row) => row.id);
}

beforeAll(async () => {
  federation = await startFederation();
  // 500 projects in two statements: docking days repeat (every 97th) and titles repeat (every
  // 50th), so ties must be broken by id; a third changed stage on a later day.
  const alliance = database(federation, 'alliance');
  await alliance.query(
    `INSERT INTO alliance.project
       (id, code, title, summary, stage, key_project, achievement_id, lead_enterprise_id, illustrative, created_at, updated_at)
     SELECT 'board-' || lpad(n::text, 4, '0'), 'BRD-' || lpad(((n * 7) % 1000)::text, 4, '0'),
            (ARRAY['Alpha', 'beta', 'Gamma'])[n % 3 + 1] || ' line ' || (n % 50), '',
            CASE WHEN n % 3 = 0 THEN 'EVALUATION' ELSE 'DOCKING' END, n % 5 = 0, 'dmto', 'levima', true,
            timestamptz '2021-01-01 00:00:00+00' + (n % 97) * interval '1 day',
            timestamptz '2021-01-01 00:00:00+00' + (n % 97) * interval '1 day'
     FROM generate_series(1, ${BULK}) n`,
  );
  await alliance.query(
    `INSERT INTO alliance.stage_change (project_id, from_stage, to_stage, changed_by, changed_at, reason)
     SELECT p.id, s.from_stage, s.to_stage, 'test', s.at, 'test data'
     FROM alliance.project p
     CROSS JOIN LATERAL (VALUES (NULL, 'DOCKING', p.created_at),
       ('DOCKING', 'EVALUATION', p.created_at + (substr(p.id, 7)::int % 11 + 1) * interval '1 day')) s(from_stage, to_stage, at)
     WHERE p.id LIKE 'board-%' AND (s.to_stage = 'DOCKING' OR p.stage = 'EVALUATION')`,
  );
});
afterAll(async () => {
  await federation.stop();
});

describe('walking the board', () => {
  test('the trigger keeps when each project last changed stage', async () => {
    // A count: always one row.
    const [row] = await database(federation, 'alliance').query<[{ wrong: number }]>(
      `SELECT count(*)::int AS wrong FROM alliance.project p
       WHERE p.stage_changed_at <> (SELECT max(s.changed_at) FROM alliance.stage_change s WHERE s.project_id = p.id)`,
    );
    expect(row.wrong).toBe(0);
  });

  test.each(ORDERS)(
    'by %s %s, 7 and 100 a page, forward and backward, visits every project once',
    async (field, direction) => {
      const expected = await expectedOrder(field, direction);
      expect(expected.length).toBeGreaterThanOrEqual(BULK);
      const orderBy = { field, direction };
      for (const size of [7, 100]) {
        const forward = await walkPages((after) => board({ orderBy, first: size, after }));
        expect(forward).toEqual(expected);
        const backward = await walkPagesBackward((before) => board({ orderBy, last: size, before }));
        expect(backward).toEqual(expected);
      }
    },
  );

  test.each(ORDERS)('by %s %s, 1 a page through a filtered subset, both ways', async (field, direction) => {
    const filter = { text: 'LINE 7', stages: ['DOCKING', 'EVALUATION'] };
    const expected = await expectedOrder(
      field,
      direction,
      `(p.code ILIKE '%line 7%' OR p.title ILIKE '%line 7%') AND p.stage IN ('DOCKING', 'EVALUATION')`,
    );
    expect(expected.length).toBeGreaterThan(5);
    const orderBy = { field, direction };
    expect(await walkPages((after) => board({ filter, orderBy, first: 1, after }))).toEqual(expected);
    expect(await walkPagesBackward((before) => board({ filter, orderBy, last: 1, before }))).toEqual(
      expected,
    );
  });

  test('a backward page holds its edges in the list order and says what precedes it', async () => {
    const orderBy = { field: 'CODE', direction: 'ASC' };
    const expected = await expectedOrder('CODE', 'ASC');
    const last = await board({ orderBy, last: 3 });
    expect(idsOf(last)).toEqual(expected.slice(-3));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await board({ orderBy, last: 2, before: last.pageInfo.startCursor });
    expect(idsOf(before)).toEqual(expected.slice(-5, -3));
  });

  test.each([
    ['DOCKED_AT', 'DESC'],
    ['CODE', 'ASC'],
  ] as [Field, Direction][])(
    'by %s %s with projects docked between pages: each one there at the start is visited once, in order',
    async (field, direction) => {
      const orderBy = { field, direction };
      const filter = { stages: ['DOCKING'] };
      const before = await expectedOrder(field, direction, `p.stage = 'DOCKING'`);
      const dock = () => givenProject(federation, { stage: 'DOCKING' });
      const forward = await walkPages((after) => board({ filter, orderBy, first: 40, after }), dock);
      const backward = await walkPagesBackward(
        (cursor) => board({ filter, orderBy, last: 40, before: cursor }),
        dock,
      );
      const after = await expectedOrder(field, direction, `p.stage = 'DOCKING'`);
      for (const walk of [forward, backward]) {
        expect(new Set(walk).size).toBe(walk.length);
        expect(walk.filter((id) => before.includes(id))).toEqual(before);
        // What the walk saw is in the final order: newcomers only ever appear in their place.
        expect(walk).toEqual(after.filter((id) => walk.includes(id)));
      }
    },
  );
});

describe('filters', () => {
  const ids: Record<string, string> = {};
  const achievementOf: Record<string, string> = {};
  let fundId: string;
  let baseId: string;

  beforeAll(async () => {
    const dicpPublic = await givenAchievement(federation, { instituteId: 'dicp', visibility: 'PUBLIC' });
    const dicpSecret = await givenAchievement(federation, {
      instituteId: 'dicp',
      visibility: 'CONFIDENTIAL',
    });
    const ciac = await givenAchievement(federation, { instituteId: 'ciac', visibility: 'PUBLIC' });
    const project = async (name: string, overrides: Parameters<typeof givenProject>[1]) => {
      const created = await givenProject(federation, { code: `FLT-${name.toUpperCase()}`, ...overrides });
      ids[name] = created.id;
      achievementOf[name] = created.achievementId;
    };
    // 2021-03-01T16:30Z is already 2 March in China.
    await project('a', {
      achievementId: dicpPublic.id,
      stage: 'PILOT',
      keyProject: true,
      title: 'Catalyst 100% yield',
      createdAt: new Date('2021-03-01T16:30:00Z'),
    });
    await project('b', {
      achievementId: ciac.id,
      leadEnterpriseId: 'guangzhou-chemical',
      title: 'Film_line',
      createdAt: new Date('2021-03-01T15:30:00Z'),
    });
    await project('c', {
      achievementId: dicpSecret.id,
      title: 'Quiet work',
      createdAt: new Date('2021-05-01T00:00:00Z'),
    });
    const base = await givenBase(federation);
    baseId = base.id;
    const facility = await givenFacility(federation, { baseId });
    await givenBooking(federation, {
      facilityId: facility.id,
      projectId: ids.a!,
      start: '2026-01-01',
      end: '2026-01-05',
    });
    await givenBooking(federation, {
      facilityId: facility.id,
      projectId: ids.b!,
      start: '2026-02-01',
      end: '2026-02-05',
      status: 'CANCELLED',
    });
    fundId = (await givenFund(federation, { size: '100000000.00' })).id;
    await givenInvestment(federation, { fundId, projectId: ids.b, visibility: 'PUBLIC' });
    await givenInvestment(federation, { fundId, projectId: ids.c, visibility: 'CONFIDENTIAL' });
  });

  /** The codes of the filter fixtures (`FLT-…`) that `filter` selects, for `token`'s caller. */
  async function codes(filter: Record<string, unknown>, token?: string): Promise<string[]> {
    const response = await federation.query<{
      projects: { totalCount: number; edges: { node: { code: string } }[] };
    }>(
      `query($filter: ProjectFilter) {
        projects(filter: $filter, orderBy: { field: CODE, direction: ASC }, first: 100) {
          totalCount edges { node { code } }
        }
      }`,
      { filter: { text: 'flt-', ...filter } },
      token,
    );
    const page = dataOf(response).projects;
    expect(page.totalCount).toBe(page.edges.length);
    return page.edges.map((edge) => edge.node.code.slice(4).toLowerCase());
  }

  type FilterCase = [string, Record<string, unknown> | (() => Record<string, unknown>), string[]];
  test.each<FilterCase>([
    ['nothing else', {}, ['a', 'b', 'c']],
    ['several stages', { stages: ['PILOT', 'EVALUATION'] }, ['a']],
    ['the deprecated stage', { stage: 'DOCKING' }, ['b', 'c']],
    ['key projects', { keyProject: true }, ['a']],
    ['other projects', { keyProject: false }, ['b', 'c']],
    ['lead enterprises', { leadEnterpriseIds: ['guangzhou-chemical', 'nobody'] }, ['b']],
    ['docked on a China day', { dockedFrom: '2021-03-02', dockedTo: '2021-03-02' }, ['a']],
    ['docked up to a China day', { dockedTo: '2021-03-01' }, ['b']],
    ['stage changed from a day', { stageChangedFrom: '2021-04-30' }, ['c']],
    ['stage changed up to a day', { stageChangedTo: '2021-03-01' }, ['b']],
    ['text in a title, in any case', { text: 'QUIET' }, ['c']],
    ['a % in the text', { text: '100%' }, ['a']],
    ['an _ in the text', { text: 'm_l' }, ['b']],
    ['a lone % is no wildcard', { text: '%' }, ['a']],
    ['a lone _ is no wildcard', { text: '_' }, ['b']],
    ['a pilot base (cancelled bookings do not count)', () => ({ pilotBaseIds: [baseId] }), ['a']],
  ])('by %s', async (_case, filter, expected) => {
    // A text of its own replaces the `flt-` that keeps the other cases to the fixtures.
    expect(await codes(typeof filter === 'function' ? filter() : filter)).toEqual(expected);
  });

  test('by achievement, and by institute as the caller may see its achievements', async () => {
    expect(await codes({ achievementIds: [achievementOf.a, achievementOf.c] })).toEqual(['a', 'c']);
    expect(await codes({ instituteIds: ['ciac'] })).toEqual(['b']);
    // Project c transforms a CONFIDENTIAL achievement of DICP: it counts only for DICP.
    expect(await codes({ instituteIds: ['dicp'] })).toEqual(['a']);
    expect(
      await codes({ instituteIds: ['dicp'] }, await federation.token('institute:dicp', 'VIEWER')),
    ).toEqual(['a', 'c']);
    expect(await codes({ instituteIds: ['dicp', 'ciac'] })).toEqual(['a', 'b']);
  });

  test('by fund: a CONFIDENTIAL investment does not reveal its project to an outsider', async () => {
    expect(await codes({ fundIds: [fundId] })).toEqual(['b']);
    expect(await codes({ fundIds: [fundId] }, await federation.token('institute:ciac', 'VIEWER'))).toEqual([
      'b',
    ]);
    expect(await codes({ fundIds: [fundId] }, await federation.token(`fund:${fundId}`, 'VIEWER'))).toEqual([
      'b',
      'c',
    ]);
  });

  test('filters from three subgraphs at once', async () => {
    expect(await codes({ fundIds: [fundId], instituteIds: ['ciac'], stages: ['DOCKING'] })).toEqual(['b']);
    expect(await codes({ fundIds: [fundId], pilotBaseIds: [baseId] })).toEqual([]);
  });
});

describe('bad arguments', () => {
  const cursorOfAnotherOrder = async () =>
    (await board({ orderBy: { field: 'CODE', direction: 'ASC' }, first: 1 })).pageInfo.endCursor;

  test.each([
    [
      'an unknown stage (the gateway)',
      async () => ({ filter: { stages: ['LAUNCHED'] } }),
      'filter.stages[0]',
    ],
    ['no stages', async () => ({ filter: { stages: [] } }), 'filter.stages'],
    [
      'dockedTo before dockedFrom',
      async () => ({ filter: { dockedFrom: '2021-03-02', dockedTo: '2021-03-01' } }),
      'filter.dockedTo',
    ],
    [
      'a day that is not one',
      async () => ({ filter: { stageChangedFrom: '2021-02-30' } }),
      'filter.stageChangedFrom',
    ],
    [
      'stageChangedTo before stageChangedFrom',
      async () => ({ filter: { stageChangedFrom: '2021-03-02', stageChangedTo: '2021-03-01' } }),
      'filter.stageChangedTo',
    ],
    ['too long a text', async () => ({ filter: { text: 'x'.repeat(101) } }), 'filter.text'],
    ['an empty text', async () => ({ filter: { text: '  ' } }), 'filter.text'],
    ['a malformed cursor', async () => ({ after: 'not-a-cursor' }), 'after'],
    ['a malformed cursor backward', async () => ({ last: 5, before: 'not-a-cursor' }), 'before'],
    ['a cursor of another order', async () => ({ after: await cursorOfAnotherOrder() }), 'after'],
    ['first with last', async () => ({ first: 5, last: 5 }), 'last'],
    ['a page of 101', async () => ({ last: 101 }), 'last'],
    ['a page of 0', async () => ({ first: 0 }), 'first'],
  ])('%s is refused naming the argument, and runs no SQL', async (_case, variablesOf, field) => {
    const variables = await variablesOf();
    let response: Awaited<ReturnType<Federation['query']>> | undefined;
    const statements = await federation.statementsDuring(async () => {
      response = await federation.query(BOARD, variables);
    });
    expect(response?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(Object.values(statements).reduce((sum, n) => sum + n, 0)).toBe(0);
  });
});

describe("an enterprise's and an achievement's newest projects", () => {
  test('ledProjects and Achievement.projects stop at first, newest docked first, one statement per batch', async () => {
    const newest = async (column: string, id: string, limit: number) =>
      (
        await database(federation, 'alliance').query<{ id: string }[]>(
          `SELECT id FROM alliance.project WHERE ${column} = $1 ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
          [id],
        )
      ).map((row) => row.id);
    let data: {
      enterprises: { edges: { node: { id: string; ledProjects: { id: string }[] } }[] };
      achievement: { projects: { id: string }[] };
    } | null = null;
    const statements = await federation.statementsDuring(async () => {
      data = dataOf(
        await federation.query<NonNullable<typeof data>>(`{
          enterprises(first: 100) { edges { node { id ledProjects(first: 3) { id } } } }
          achievement(id: "dmto") { projects(first: 2) { id } }
        }`),
      );
    });
    const answer = data!;
    const levima = answer.enterprises.edges.find((edge) => edge.node.id === 'levima')!;
    expect(levima.node.ledProjects.map((p) => p.id)).toEqual(await newest('lead_enterprise_id', 'levima', 3));
    expect(answer.achievement.projects.map((p) => p.id)).toEqual(await newest('achievement_id', 'dmto', 2));
    // Every enterprise's list in one statement, the achievement's in another.
    expect(statements.alliance).toBe(2);
  });

  test('first outside 1–100 is refused naming it', async () => {
    const response = await federation.query(`{ achievement(id: "dmto") { projects(first: 101) { id } } }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
