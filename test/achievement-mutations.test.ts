import { databaseOf, snapshotOf } from './builders-innovation';
import { startFederation, type Federation, type GraphQLResponse } from './federation';
import { expectRefused as refused } from './graphql';

/**
 * Writing the innovation chain through the gateway: registering and changing achievements,
 * TRL changes with their record, patents, researchers and inventor shares. Only the owning
 * institute's EDITOR writes; every refused write names its field and leaves the database as
 * it was; the database itself holds the invariants when the service is bypassed.
 */
let federation: Federation;
let dicpEditor: string;
let ciacEditor: string;

beforeAll(async () => {
  federation = await startFederation();
  dicpEditor = await federation.token('institute:dicp', 'EDITOR');
  ciacEditor = await federation.token('institute:ciac', 'EDITOR');
});
afterAll(async () => {
  await federation.stop();
});

async function mutate<T = Record<string, unknown>>(
  mutation: string,
  input: Record<string, unknown>,
  token: string,
): Promise<GraphQLResponse<T>> {
  return federation.query<T>(mutation, { input }, token);
}

/** A write the institutes subgraph must refuse, leaving everything it stores as it was. */
function expectRefused(
  mutation: string,
  input: Record<string, unknown>,
  token: string,
  expected: { code: string; field?: string },
) {
  const snapshot = snapshotOf(federation, 'institutes', [
    'institute',
    'achievement',
    'trl_change',
    'researcher',
    'inventor',
    'patent',
  ]);
  return refused(federation, snapshot, mutation, input, token, expected);
}

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterAchievementInput!) {
    registerAchievement(input: $input) {
      id
      title
      ipcCodes
      keywords
      trl
      trlNote
      trlChangedOn
      developmentStatus
      visibility
      awards {
        name
        year
      }
      institute {
        id
      }
      trlHistory {
        from
        to
        note
        by
      }
    }
  }
`;

const registration = {
  instituteId: 'dicp',
  title: 'Methanol to aromatics (test)',
  summary: 'Converts methanol into aromatics over a zeolite catalyst.',
  ipcCodes: ['c07c1/20', 'B01J 29/40'],
  keywords: ['Methanol', ' aromatics '],
  trl: 5,
  trlNote: 'Pilot unit ran for 1,000 hours',
  trlAssessedOn: '2024-05-01',
  developmentStatus: 'PILOT',
  awards: [{ name: 'Provincial Science Award', grade: 'Second prize', year: 2023 }],
};

describe('registering an achievement', () => {
  test("an institute's editor registers one, in canonical form, with the record of its TRL", async () => {
    const response = await mutate<{ registerAchievement: Record<string, unknown> }>(
      REGISTER,
      registration,
      dicpEditor,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.registerAchievement).toMatchObject({
      title: 'Methanol to aromatics (test)',
      ipcCodes: ['C07C 1/20', 'B01J 29/40'],
      keywords: ['methanol', 'aromatics'],
      trl: 5,
      trlNote: 'Pilot unit ran for 1,000 hours',
      trlChangedOn: '2024-05-01',
      developmentStatus: 'PILOT',
      visibility: 'MEMBERS',
      awards: [{ name: 'Provincial Science Award', year: 2023 }],
      institute: { id: 'dicp' },
      trlHistory: [{ from: null, to: 5, note: 'Pilot unit ran for 1,000 hours', by: 'institute:dicp#user' }],
    });
    // MEMBERS by default: anonymous callers do not find it, members do.
    const id = response.data!.registerAchievement.id as string;
    const query = `{ achievement(id: "${id}") { id } }`;
    expect((await federation.query(query)).data).toEqual({ achievement: null });
    expect((await federation.query(query, {}, ciacEditor)).data).toEqual({ achievement: { id } });
  });

  test('a visibility given as null is the default, MEMBERS, like an absent one', async () => {
    const response = await mutate<{ registerAchievement: { visibility: string } }>(
      REGISTER,
      { ...registration, title: 'Methanol to aromatics, second route (test)', visibility: null },
      dicpEditor,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.registerAchievement.visibility).toBe('MEMBERS');
  });

  test.each([
    ['a TRL of 0', { trl: 0 }, 'input.trl'],
    ['a TRL of 10', { trl: 10 }, 'input.trl'],
    ['a malformed IPC code', { ipcCodes: ['C07C 1/20', 'C07C-1'] }, 'input.ipcCodes[1]'],
    ['no IPC code', { ipcCodes: [] }, 'input.ipcCodes'],
    ['an empty title', { title: '  ' }, 'input.title'],
    ['an assessment in the future', { trlAssessedOn: '2999-01-01' }, 'input.trlAssessedOn'],
    ['an impossible date', { trlAssessedOn: '2023-02-30' }, 'input.trlAssessedOn'],
    ['an award from the future', { awards: [{ name: 'Award', year: 2999 }] }, 'input.awards[0].year'],
  ])('%s is BAD_USER_INPUT naming the field; nothing is written', async (_case, change, field) => {
    await expectRefused(REGISTER, { ...registration, ...change }, dicpEditor, {
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  test('an unknown institute is NOT_FOUND', async () => {
    const nowhere = await federation.token('institute:nowhere', 'EDITOR');
    await expectRefused(REGISTER, { ...registration, instituteId: 'nowhere' }, nowhere, {
      code: 'NOT_FOUND',
      field: 'input.instituteId',
    });
  });

  test.each([
    ['anonymous', () => Promise.resolve('')],
    ['a viewer of the institute', () => federation.token('institute:dicp', 'VIEWER')],
    ["another institute's editor", () => Promise.resolve(ciacEditor)],
    ["an enterprise's editor", () => federation.token('enterprise:levima', 'EDITOR')],
  ])('%s may not register for DICP', async (_case, token) => {
    await expectRefused(REGISTER, registration, await token(), { code: 'FORBIDDEN' });
  });
});

const CHANGE_TRL = /* GraphQL */ `
  mutation ChangeTrl($input: ChangeTrlInput!) {
    changeTrl(input: $input) {
      trl
      trlNote
      trlChangedOn
      trlHistory {
        from
        to
        changedOn
        note
        by
      }
    }
  }
`;

describe('changing the TRL', () => {
  test('the new level is recorded with its note and date', async () => {
    const response = await mutate(
      CHANGE_TRL,
      {
        achievementId: 'ciac-pla-tableware',
        trl: 8,
        note: 'Qualified by a tableware maker',
        changedOn: '2024-03-01',
      },
      ciacEditor,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      changeTrl: {
        trl: 8,
        trlNote: 'Qualified by a tableware maker',
        trlChangedOn: '2024-03-01',
        trlHistory: [
          {
            from: null,
            to: 7,
            changedOn: '2019-10-08',
            note: 'Illustrative: demonstration line with a tableware maker.',
            by: 'seed',
          },
          {
            from: 7,
            to: 8,
            changedOn: '2024-03-01',
            note: 'Qualified by a tableware maker',
            by: 'institute:ciac#user',
          },
        ],
      },
    });
  });

  const change = { achievementId: 'ciac-ppc', trl: 7, note: 'Demonstration line' };

  test.each([
    ['a TRL of 0', { trl: 0 }, 'input.trl'],
    ['a TRL of 10', { trl: 10 }, 'input.trl'],
    ['an empty note', { note: ' ' }, 'input.note'],
    ['a date before the last change', { changedOn: '2019-01-01' }, 'input.changedOn'],
    ['a date in the future', { changedOn: '2999-01-01' }, 'input.changedOn'],
  ])('%s is BAD_USER_INPUT naming the field; nothing is written', async (_case, edit, field) => {
    await expectRefused(CHANGE_TRL, { ...change, ...edit }, ciacEditor, { code: 'BAD_USER_INPUT', field });
  });

  test('an unknown achievement, or one the caller may not see, is NOT_FOUND', async () => {
    await expectRefused(CHANGE_TRL, { ...change, achievementId: 'no-such' }, ciacEditor, {
      code: 'NOT_FOUND',
      field: 'input.achievementId',
    });
    await expectRefused(CHANGE_TRL, { ...change, achievementId: 'dicp-sapo34-catalyst' }, ciacEditor, {
      code: 'NOT_FOUND',
      field: 'input.achievementId',
    });
  });

  test("another institute's achievement is FORBIDDEN", async () => {
    await expectRefused(CHANGE_TRL, { ...change, achievementId: 'dmto' }, ciacEditor, { code: 'FORBIDDEN' });
  });
});

const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateAchievementInput!) {
    updateAchievement(input: $input) {
      title
      summary
      ipcCodes
      keywords
      visibility
      developmentStatus
      trl
    }
  }
`;

describe('updating an achievement', () => {
  test('given fields change, the others stay, and search sees the new text', async () => {
    const response = await mutate(
      UPDATE,
      {
        achievementId: 'ciac-halogen-free-cable',
        keywords: ['cable', 'EVA', 'Graphene'],
        visibility: 'MEMBERS',
      },
      ciacEditor,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      updateAchievement: {
        title: 'Halogen-free flame-retardant EVA cable compound (illustrative)',
        summary: expect.stringContaining('phosphorus-based') as string,
        ipcCodes: ['C08L 23/08', 'C08K 5/5313', 'H01B 3/44'],
        keywords: ['cable', 'eva', 'graphene'],
        visibility: 'MEMBERS',
        developmentStatus: 'PILOT',
        trl: 6,
      },
    });
    const found = await federation.query<{ searchAchievements: { edges: { node: { id: string } }[] } }>(
      '{ searchAchievements(query: "graphene") { edges { node { id } } } }',
      {},
      ciacEditor,
    );
    expect(found.data?.searchAchievements.edges).toEqual([{ node: { id: 'ciac-halogen-free-cable' } }]);
  });

  test.each([
    ['a malformed IPC code', { ipcCodes: ['C08L 23/08', 'nonsense'] }, 'input.ipcCodes[1]'],
    ['an empty title', { title: '' }, 'input.title'],
    ['too many keywords', { keywords: Array.from({ length: 31 }, (_, i) => `k${i}`) }, 'input.keywords'],
  ])('%s is BAD_USER_INPUT naming the field; nothing is written', async (_case, edit, field) => {
    await expectRefused(UPDATE, { achievementId: 'ciac-ppc', ...edit }, ciacEditor, {
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  test("another institute's achievement is FORBIDDEN; an unknown one NOT_FOUND", async () => {
    await expectRefused(UPDATE, { achievementId: 'ciac-ppc', title: 'Mine now' }, dicpEditor, {
      code: 'FORBIDDEN',
    });
    await expectRefused(UPDATE, { achievementId: 'nothing', title: 'x' }, dicpEditor, {
      code: 'NOT_FOUND',
      field: 'input.achievementId',
    });
  });
});

const ADD_PATENT = /* GraphQL */ `
  mutation AddPatent($input: AddPatentInput!) {
    addPatent(input: $input) {
      id
      number
      jurisdiction
      status
      filedOn
      grantedOn
      achievement {
        patents {
          number
        }
      }
    }
  }
`;

const UPDATE_PATENT = /* GraphQL */ `
  mutation UpdatePatent($input: UpdatePatentInput!) {
    updatePatent(input: $input) {
      status
      grantedOn
    }
  }
`;

describe('patents', () => {
  const patent = {
    achievementId: 'ciac-ppc',
    number: 'cn-test-0100',
    jurisdiction: 'cn',
    title: 'Polycarbonate film (test)',
    filedOn: '2022-01-10',
  };
  let patentId: string;

  test('an editor adds a filed patent and later records its grant', async () => {
    const added = await mutate<{ addPatent: { id: string } }>(ADD_PATENT, patent, ciacEditor);
    expect(added.errors).toBeUndefined();
    expect(added.data?.addPatent).toMatchObject({
      number: 'CN-TEST-0100',
      jurisdiction: 'CN',
      status: 'FILED',
      filedOn: '2022-01-10',
      grantedOn: null,
      achievement: { patents: [{ number: 'CN-ILLUSTRATIVE-0003' }, { number: 'CN-TEST-0100' }] },
    });
    patentId = added.data!.addPatent.id;
    const granted = await mutate(
      UPDATE_PATENT,
      { patentId, status: 'GRANTED', grantedOn: '2024-02-02' },
      ciacEditor,
    );
    expect(granted.errors).toBeUndefined();
    expect(granted.data).toEqual({ updatePatent: { status: 'GRANTED', grantedOn: '2024-02-02' } });
  });

  test('the same number in the same office is a CONFLICT', async () => {
    await expectRefused(ADD_PATENT, patent, ciacEditor, { code: 'CONFLICT', field: 'input.number' });
  });

  test.each([
    ['a malformed number', { number: '#42' }, 'input.number'],
    ['a malformed office', { jurisdiction: 'China' }, 'input.jurisdiction'],
    [
      'a grant date on a FILED patent',
      { number: 'CN-TEST-0101', grantedOn: '2023-01-01' },
      'input.grantedOn',
    ],
    ['a GRANTED patent without grant date', { number: 'CN-TEST-0102', status: 'GRANTED' }, 'input.grantedOn'],
    [
      'a grant before the filing',
      { number: 'CN-TEST-0103', status: 'GRANTED', grantedOn: '2021-01-01' },
      'input.grantedOn',
    ],
    ['a filing date that does not exist', { number: 'CN-TEST-0104', filedOn: '2022-13-01' }, 'input.filedOn'],
  ])('%s is BAD_USER_INPUT naming the field; nothing is written', async (_case, edit, field) => {
    await expectRefused(ADD_PATENT, { ...patent, ...edit }, ciacEditor, { code: 'BAD_USER_INPUT', field });
  });

  test('an unknown achievement is NOT_FOUND; another institute is FORBIDDEN', async () => {
    await expectRefused(
      ADD_PATENT,
      { ...patent, number: 'CN-TEST-0105', achievementId: 'none' },
      ciacEditor,
      {
        code: 'NOT_FOUND',
        field: 'input.achievementId',
      },
    );
    await expectRefused(ADD_PATENT, { ...patent, number: 'CN-TEST-0106' }, dicpEditor, { code: 'FORBIDDEN' });
  });

  test('status moves only forward, names the allowed ones, and unknown patents are NOT_FOUND', async () => {
    const errors = await expectRefused(UPDATE_PATENT, { patentId, status: 'FILED' }, ciacEditor, {
      code: 'BAD_USER_INPUT',
      field: 'input.status',
    });
    expect(errors?.[0]?.extensions?.allowed).toEqual(['LAPSED', 'EXPIRED']);
    await expectRefused(
      UPDATE_PATENT,
      { patentId: 'dmto-wo-1', status: 'GRANTED', grantedOn: '2010-01-01' },
      dicpEditor,
      {
        code: 'BAD_USER_INPUT',
        field: 'input.status',
      },
    );
    await expectRefused(UPDATE_PATENT, { patentId: 'none', status: 'LAPSED' }, ciacEditor, {
      code: 'NOT_FOUND',
      field: 'input.patentId',
    });
    await expectRefused(UPDATE_PATENT, { patentId, status: 'LAPSED' }, dicpEditor, { code: 'FORBIDDEN' });
  });
});

const SET_INVENTORS = /* GraphQL */ `
  mutation SetInventors($input: SetInventorsInput!) {
    setInventors(input: $input) {
      inventors {
        share
        researcher {
          name
          institute {
            id
          }
        }
      }
    }
  }
`;

describe('researchers and inventors', () => {
  let newcomer: string;

  test('an editor adds a researcher to the institute', async () => {
    const response = await mutate<{ addResearcher: { id: string; name: string; title: string } }>(
      'mutation($input: AddResearcherInput!) { addResearcher(input: $input) { id name title institute { id } } }',
      { instituteId: 'ciac', name: '  Test Researcher ', title: 'Postdoc' },
      ciacEditor,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.addResearcher).toMatchObject({
      name: 'Test Researcher',
      title: 'Postdoc',
      institute: { id: 'ciac' },
    });
    newcomer = response.data!.addResearcher.id;
    await expectRefused(
      'mutation($input: AddResearcherInput!) { addResearcher(input: $input) { id } }',
      { instituteId: 'ciac', name: 'Someone' },
      dicpEditor,
      { code: 'FORBIDDEN' },
    );
  });

  test('inventors with exact shares summing to 100 replace the old list, researchers of other institutes included', async () => {
    const response = await mutate(
      SET_INVENTORS,
      {
        achievementId: 'ciac-pv-encapsulant',
        inventors: [
          { researcherId: newcomer, share: '33.34' },
          { researcherId: 'ciac-r2', share: '33.33' },
          { researcherId: 'iccas-r2', share: '33.33' },
        ],
      },
      ciacEditor,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      setInventors: {
        inventors: [
          { share: '33.34', researcher: { name: 'Test Researcher', institute: { id: 'ciac' } } },
          {
            share: '33.33',
            researcher: { name: 'CIAC researcher B (illustrative)', institute: { id: 'ciac' } },
          },
          {
            share: '33.33',
            researcher: { name: 'ICCAS researcher B (illustrative)', institute: { id: 'iccas' } },
          },
        ],
      },
    });
  });

  const inventors = [
    { researcherId: 'ciac-r1', share: '50.00' },
    { researcherId: 'ciac-r2', share: '50.00' },
  ];

  test.each([
    [
      'shares summing to 99.99',
      [
        { researcherId: 'ciac-r1', share: '50.00' },
        { researcherId: 'ciac-r2', share: '49.99' },
      ],
      'input.inventors',
    ],
    [
      'shares summing to 100.01',
      [
        { researcherId: 'ciac-r1', share: '50.01' },
        { researcherId: 'ciac-r2', share: '50.00' },
      ],
      'input.inventors',
    ],
    [
      'a share with three decimals',
      [
        { researcherId: 'ciac-r1', share: '50.005' },
        { researcherId: 'ciac-r2', share: '49.995' },
      ],
      'input.inventors[0].share',
    ],
    [
      'a negative share',
      [
        { researcherId: 'ciac-r1', share: '-10' },
        { researcherId: 'ciac-r2', share: '110' },
      ],
      'input.inventors[0].share',
    ],
    [
      'a researcher twice',
      [
        { researcherId: 'ciac-r1', share: '50' },
        { researcherId: 'ciac-r1', share: '50' },
      ],
      'input.inventors[1].researcherId',
    ],
  ])('%s is BAD_USER_INPUT naming the field; nothing is written', async (_case, list, field) => {
    await expectRefused(SET_INVENTORS, { achievementId: 'ciac-ppc', inventors: list }, ciacEditor, {
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  test('an unknown researcher or achievement is NOT_FOUND; another institute FORBIDDEN', async () => {
    await expectRefused(
      SET_INVENTORS,
      { achievementId: 'ciac-ppc', inventors: [inventors[0], { researcherId: 'nobody', share: '50.00' }] },
      ciacEditor,
      { code: 'NOT_FOUND', field: 'input.inventors[1].researcherId' },
    );
    await expectRefused(SET_INVENTORS, { achievementId: 'none', inventors }, ciacEditor, {
      code: 'NOT_FOUND',
      field: 'input.achievementId',
    });
    await expectRefused(SET_INVENTORS, { achievementId: 'dmto', inventors }, ciacEditor, {
      code: 'FORBIDDEN',
    });
  });
});

describe('concurrent writes', () => {
  test('concurrent TRL changes of one achievement queue up: the record is one unbroken chain', async () => {
    const levels = [2, 3, 4, 5, 6, 7, 8, 9, 6, 7];
    const responses = await Promise.all(
      levels.map((trl, i) =>
        mutate(CHANGE_TRL, { achievementId: 'dicp-perovskite-pv', trl, note: `assessment ${i}` }, dicpEditor),
      ),
    );
    expect(responses.map((r) => r.errors)).toEqual(levels.map(() => undefined));
    const response = await federation.query<{
      achievement: {
        trl: number;
        trlNote: string;
        trlHistory: { from: number | null; to: number; note: string }[];
      };
    }>('{ achievement(id: "dicp-perovskite-pv") { trl trlNote trlHistory { from to note } } }');
    const { trl, trlNote, trlHistory } = response.data!.achievement;
    expect(trlHistory).toHaveLength(levels.length + 1);
    for (let i = 1; i < trlHistory.length; i += 1) expect(trlHistory[i]?.from).toBe(trlHistory[i - 1]!.to);
    expect([trl, trlNote]).toEqual([trlHistory.at(-1)!.to, trlHistory.at(-1)!.note]);
    expect(
      trlHistory
        .slice(1)
        .map((t) => t.note)
        .sort(),
    ).toEqual(levels.map((_, i) => `assessment ${i}`).sort());
  });

  test('concurrent inventor lists of one achievement never mix: one whole list wins', async () => {
    const lists = [
      [
        { researcherId: 'iccas-r1', share: '70.00' },
        { researcherId: 'iccas-r2', share: '30.00' },
      ],
      [
        { researcherId: 'iccas-r2', share: '10.00' },
        { researcherId: 'ciac-r1', share: '90.00' },
      ],
      [{ researcherId: 'iccas-r1', share: '100' }],
      [
        { researcherId: 'ciac-r2', share: '50' },
        { researcherId: 'iccas-r1', share: '25' },
        { researcherId: 'iccas-r2', share: '25' },
      ],
    ];
    const iccasEditor = await federation.token('institute:iccas', 'EDITOR');
    const responses = await Promise.all(
      [...lists, ...lists].map((inventors) =>
        mutate(SET_INVENTORS, { achievementId: 'iccas-silicon-anode', inventors }, iccasEditor),
      ),
    );
    expect(responses.map((r) => r.errors)).toEqual(responses.map(() => undefined));
    const stored = await databaseOf(federation, 'institutes').query<
      { researcher_id: string; share: string }[]
    >(
      `SELECT researcher_id, share FROM institutes.inventor WHERE achievement_id = 'iccas-silicon-anode' ORDER BY position`,
    );
    const asStored = stored.map((r) => `${r.researcher_id}:${Number(r.share)}`);
    expect(lists.map((list) => list.map((i) => `${i.researcherId}:${Number(i.share)}`))).toContainEqual(
      asStored,
    );
  });
});

describe('the database holds the invariants when the service is bypassed', () => {
  async function violation(sql: string, params: unknown[] = []): Promise<string | undefined> {
    try {
      await databaseOf(federation, 'institutes').transaction(async (tx) => {
        await tx.query(sql, params);
      });
    } catch (error) {
      return (error as { driverError?: { constraint?: string } }).driverError?.constraint;
    }
    return 'none';
  }

  test.each([
    [
      'inventor shares not summing to 100 (checked at commit)',
      `INSERT INTO institutes.inventor (achievement_id, researcher_id, share, position)
       VALUES ('dicp-perovskite-pv', 'dicp-r1', 60, 0), ('dicp-perovskite-pv', 'dicp-r2', 30, 1)`,
      'inventor_shares_sum_100',
    ],
    [
      'removing one inventor of a complete list',
      `DELETE FROM institutes.inventor WHERE achievement_id = 'dmto' AND researcher_id = 'dicp-r3'`,
      'inventor_shares_sum_100',
    ],
    [
      'a malformed IPC code',
      `UPDATE institutes.achievement SET ipc_codes = '{C07C-1/20}' WHERE id = 'dmto'`,
      'achievement_ipc_codes_format',
    ],
    ['a TRL of 10', `UPDATE institutes.achievement SET trl = 10 WHERE id = 'dmto'`, 'achievement_trl_check'],
    [
      'a granted patent without grant date',
      `UPDATE institutes.patent SET granted_on = NULL WHERE id = 'dmto-cn-1'`,
      'patent_grant_date_status',
    ],
  ])('%s is refused by PostgreSQL', async (_case, sql, constraint) => {
    expect(await violation(sql)).toBe(constraint);
  });
});
