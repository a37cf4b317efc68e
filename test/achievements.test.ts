import { ACHIEVEMENT_DETAILS, databaseOf, givenAchievement } from './builders-innovation';
import { startFederation, type Federation } from './federation';
import { PAGE_OF_IDS, dataOf, idsOf, statementsOf, walkPages, type Page } from './graphql';

/**
 * Achievement lists through the gateway: the filters (field by IPC prefix, minimum TRL,
 * institute, development status, keyword), who sees what, keyset pagination without
 * duplicates or gaps (also while achievements are added), the nested details, and statement
 * counts that do not grow with the page size.
 */
const LIST = /* GraphQL */ `
  query List($filter: AchievementFilter, $first: Int, $after: String) {
    achievements(filter: $filter, first: $first, after: $after) {
      ${PAGE_OF_IDS}
    }
  }
`;

let federation: Federation;
let member: string;

beforeAll(async () => {
  federation = await startFederation();
  member = await federation.token('enterprise:levima', 'VIEWER');
});
afterAll(async () => {
  await federation.stop();
});

async function list(
  variables: { filter?: Record<string, unknown>; first?: number; after?: string | null } = {},
  token?: string,
): Promise<Page> {
  return dataOf(await federation.query<{ achievements: Page }>(LIST, variables, token)).achievements;
}

/** Every page of a list, walked with `first`, concatenated. */
function walk(
  first: number,
  filter?: Record<string, unknown>,
  between?: (pageNumber: number) => Promise<void>,
): Promise<string[]> {
  return walkPages((after) => list({ filter, first, after }), between);
}

/** The demo achievements an anonymous caller sees (PUBLIC), newest first. */
const PUBLIC_NEWEST_FIRST = [
  'dicp-perovskite-pv',
  'iccas-arf-photoresist',
  'iccas-silicon-anode',
  'ciac-eva-crosslinking',
  'iccas-polyimide-film',
  'ciac-pv-encapsulant',
  'ciac-halogen-free-cable',
  'ciac-pla-tableware',
  'ciac-ppc',
  'dmto',
];

describe('filters on the demo data', () => {
  test('anonymous callers see the PUBLIC achievements, newest first', async () => {
    const page = await list({ first: 100 });
    expect(idsOf(page)).toEqual(PUBLIC_NEWEST_FIRST);
    expect(page.totalCount).toBe(10);
  });

  test('members also see MEMBERS achievements; only DICP sees its CONFIDENTIAL one', async () => {
    expect((await list({}, member)).totalCount).toBe(12);
    expect(idsOf(await list({ filter: { instituteId: 'dicp' } }, member))).toEqual([
      'dicp-perovskite-pv',
      'dmto',
    ]);
    const dicp = await federation.token('institute:dicp', 'VIEWER');
    expect(idsOf(await list({ filter: { instituteId: 'dicp' } }, dicp))).toEqual([
      'dicp-perovskite-pv',
      'dicp-sapo34-catalyst',
      'dmto',
    ]);
  });

  test.each([
    [
      'the field by IPC class',
      { ipcPrefix: 'c08' },
      [
        'iccas-arf-photoresist',
        'ciac-eva-crosslinking',
        'iccas-polyimide-film',
        'ciac-pv-encapsulant',
        'ciac-halogen-free-cable',
        'ciac-pla-tableware',
        'ciac-ppc',
      ],
    ],
    [
      'the field by IPC main group',
      { ipcPrefix: 'C08J 5/' },
      ['iccas-polyimide-film', 'ciac-pv-encapsulant'],
    ],
    ['a minimum TRL', { minTrl: 7 }, ['ciac-pv-encapsulant', 'ciac-pla-tableware', 'dmto']],
    [
      'an institute',
      { instituteId: 'iccas' },
      ['iccas-arf-photoresist', 'iccas-silicon-anode', 'iccas-polyimide-film'],
    ],
    [
      'a development status',
      { developmentStatus: 'DEMONSTRATION' },
      ['ciac-pv-encapsulant', 'ciac-pla-tableware'],
    ],
    ['a keyword, in any case', { keyword: 'EVA' }, ['ciac-eva-crosslinking', 'ciac-halogen-free-cable']],
    [
      'all of them at once',
      { ipcPrefix: 'C08', minTrl: 6, developmentStatus: 'PILOT' },
      ['iccas-polyimide-film', 'ciac-halogen-free-cable', 'ciac-ppc'],
    ],
    ['nothing', { keyword: 'graphene' }, []],
  ])('filter by %s', async (_case, filter, expected) => {
    const page = await list({ filter, first: 100 });
    expect(idsOf(page)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  test.each([
    ['a malformed IPC prefix', { filter: { ipcPrefix: 'C0-8' } }, 'filter.ipcPrefix'],
    ['a TRL of 0', { filter: { minTrl: 0 } }, 'filter.minTrl'],
    ['an empty keyword', { filter: { keyword: ' ' } }, 'filter.keyword'],
    ['a page of 0', { first: 0 }, 'first'],
    ['a page of 101', { first: 101 }, 'first'],
    ['a cursor of another list', { after: Buffer.from('[1,2]').toString('base64url') }, 'after'],
  ])('%s is refused naming the field', async (_case, variables, field) => {
    const response = await federation.query(LIST, variables);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('the details of an achievement', () => {
  test('DMTO with its patents, inventors and TRL record', async () => {
    const response = await federation.query(`{
      achievement(id: "dmto") {
        title trl trlChangedOn trlNote developmentStatus visibility ipcCodes keywords
        awards { name grade year }
        institute { name researchers { id } }
        patents { number jurisdiction status filedOn grantedOn achievement { id } illustrative }
        inventors { share researcher { id name institute { id } } }
        trlHistory { from to changedOn note by }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      achievement: {
        title: 'DMTO: Dalian methanol-to-olefins technology',
        trl: 9,
        trlChangedOn: '2018-01-10',
        trlNote: 'Industrialized: the DMTO unit is the heart of the Levima base in Tengzhou.',
        developmentStatus: 'INDUSTRIALIZED',
        visibility: 'PUBLIC',
        ipcCodes: ['C07C 1/20', 'C07C 11/04', 'C07C 11/06'],
        keywords: ['methanol', 'olefins', 'ethylene', 'propylene', 'catalysis'],
        awards: [{ name: 'National Technological Invention Award', grade: 'First prize', year: 2014 }],
        institute: {
          name: 'Dalian Institute of Chemical Physics',
          researchers: [{ id: 'dicp-r1' }, { id: 'dicp-r2' }, { id: 'dicp-r3' }],
        },
        patents: [
          {
            number: 'CN-ILLUSTRATIVE-0001',
            jurisdiction: 'CN',
            status: 'GRANTED',
            filedOn: '2006-03-01',
            grantedOn: '2009-09-16',
            achievement: { id: 'dmto' },
            illustrative: true,
          },
          {
            number: 'WO-ILLUSTRATIVE-0002',
            jurisdiction: 'WO',
            status: 'LAPSED',
            filedOn: '2007-02-01',
            grantedOn: null,
            achievement: { id: 'dmto' },
            illustrative: true,
          },
        ],
        inventors: [
          {
            share: '40.00',
            researcher: {
              id: 'dicp-r1',
              name: 'DICP researcher A (illustrative)',
              institute: { id: 'dicp' },
            },
          },
          {
            share: '35.00',
            researcher: {
              id: 'dicp-r2',
              name: 'DICP researcher B (illustrative)',
              institute: { id: 'dicp' },
            },
          },
          {
            share: '25.00',
            researcher: {
              id: 'dicp-r3',
              name: 'DICP researcher C (illustrative)',
              institute: { id: 'dicp' },
            },
          },
        ],
        trlHistory: [
          {
            from: null,
            to: 9,
            changedOn: '2018-01-10',
            note: 'Industrialized: the DMTO unit is the heart of the Levima base in Tengzhou.',
            by: 'seed',
          },
        ],
      },
    });
  });

  test('a patent is seen only by those who see its achievement', async () => {
    const query = '{ patent(id: "ciac-pv-cn-1") { number achievement { id } } }';
    expect((await federation.query(query)).data).toEqual({
      patent: { number: 'CN-ILLUSTRATIVE-0004', achievement: { id: 'ciac-pv-encapsulant' } },
    });
    await databaseOf(federation, 'institutes').query(
      `INSERT INTO institutes.patent (id, achievement_id, number, jurisdiction, title, status, filed_on)
       VALUES ('sapo-secret', 'dicp-sapo34-catalyst', 'CN-TEST-0001', 'CN', 'Secret', 'FILED', '2020-01-01')`,
    );
    const secret = '{ patent(id: "sapo-secret") { number } }';
    expect((await federation.query(secret, {}, member)).data).toEqual({ patent: null });
    const dicp = await federation.token('institute:dicp', 'VIEWER');
    expect((await federation.query(secret, {}, dicp)).data).toEqual({ patent: { number: 'CN-TEST-0001' } });
  });
});

describe('pagination', () => {
  test('pages of 3 walk the whole list without duplicates or gaps', async () => {
    expect(await walk(3)).toEqual(PUBLIC_NEWEST_FIRST);
    expect(await walk(1, { ipcPrefix: 'C08' })).toEqual(
      idsOf(await list({ filter: { ipcPrefix: 'C08' }, first: 100 })),
    );
  });

  test('achievements added while a client pages neither repeat nor push others out', async () => {
    const added: string[] = [];
    const walked = await walk(4, undefined, async (pageNumber) => {
      if (pageNumber !== 1) return;
      // One newer than everything (lands before the cursor), one older (lands after it).
      added.push((await givenAchievement(federation)).id);
      added.push((await givenAchievement(federation, { createdAt: new Date('2017-01-01T00:00:00Z') })).id);
    });
    expect(walked).toEqual([...PUBLIC_NEWEST_FIRST, added[1]]);
    expect(new Set(walked).size).toBe(walked.length);
    expect(idsOf(await list({ first: 100 }))).toEqual([added[0], ...PUBLIC_NEWEST_FIRST, added[1]]);
  });
});

describe('statement counts', () => {
  const DETAILED = /* GraphQL */ `
    ${ACHIEVEMENT_DETAILS}
    query Detailed($first: Int!) {
      achievements(filter: { keyword: "bulk" }, first: $first) {
        totalCount
        edges {
          node {
            ...AchievementDetails
            matchingDemands(first: 3) {
              score
              demand {
                title
                enterprise {
                  name
                }
              }
            }
          }
        }
      }
    }
  `;

  const PER_INSTITUTE = /* GraphQL */ `
    query PerInstitute($first: Int!) {
      institutes {
        # Sized: the institutes are priced at their bound of 100, so nested lists multiply.
        researchers(first: 10) {
          name
        }
        achievements(first: $first) {
          title
          patents(first: 2) {
            number
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
        title: `Photovoltaic film variant ${i}`,
        ipcCodes: ['C08J 5/18'],
        keywords: ['bulk', 'photovoltaic', 'encapsulant'],
        trl: 7,
      });
      await databaseOf(federation, 'institutes').query(
        `INSERT INTO institutes.inventor (achievement_id, researcher_id, share, position) VALUES ($1, $2, 100, 0)`,
        [achievement.id, researchers[i % 3]],
      );
    }
  });

  async function statements(query: string, first: number, count: (data: never) => number) {
    const { counts, data } = await statementsOf<never>(federation, query, { first }, member);
    return { rows: count(data), counts };
  }

  test('a page of 50 with every detail costs the statements of a page of 5', async () => {
    const edges = (data: { achievements: { edges: unknown[] } }) => data.achievements.edges.length;
    const five = await statements(DETAILED, 5, edges);
    const fifty = await statements(DETAILED, 50, edges);
    expect([five.rows, fifty.rows]).toEqual([5, 50]);
    expect(fifty.counts).toEqual(five.counts);
    // institutes: count, page, institute, patents, inventors, researchers, TRL history;
    // enterprises: the matching (the best-score walk, which answers none of these, then the
    // ranking), the demands, their enterprises; alliance: the projects, and the projects the
    // member's enterprise leads (its party scope, once per request).
    expect(five.counts).toMatchObject({ institutes: 7, enterprises: 4, alliance: 2 });
  });

  test("every institute's newest achievements cost the same for 5 as for 50", async () => {
    const rows = (data: { institutes: { achievements: unknown[] }[] }) =>
      data.institutes.reduce((sum, i) => sum + i.achievements.length, 0);
    const five = await statements(PER_INSTITUTE, 5, rows);
    const fifty = await statements(PER_INSTITUTE, 50, rows);
    expect(five.rows).toBe(15);
    expect(fifty.rows).toBeGreaterThan(60);
    expect(fifty.counts).toEqual(five.counts);
  });
});
