import { givenProject } from './builders';
import { startFederation, type Federation } from './federation';

/**
 * Many alliances on one graph, through the gateway: the articles' three bodies with their
 * own goals, an organization in two registers, and projects and members that belong to one
 * alliance, which its secretariat alone docks, admits and moves.
 */

const ALLIANCES = /* GraphQL */ `
  {
    alliances {
      id
      name
      nameZh
      kind
      foundedOn
      foundedIn
      secretariat
      memberCount
      projectCount
      chairman {
        registeredName
        organization {
          ... on Enterprise {
            name
          }
        }
      }
      goals {
        label
        measure
        target
        unit
        deadline
        actual
        percent
      }
    }
  }
`;

interface Goal {
  label: string;
  measure: string | null;
  target: string | null;
  unit: string | null;
  deadline: string | null;
  actual: string | null;
  percent: string | null;
}

interface AllianceView {
  id: string;
  name: string;
  nameZh: string | null;
  kind: string;
  foundedOn: string;
  foundedIn: string;
  secretariat: string;
  memberCount: number;
  projectCount: number;
  chairman: { registeredName: string | null; organization: { name?: string } | null } | null;
  goals: Goal[];
}

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      alliance {
        id
      }
    }
  }
`;

const MOVE = /* GraphQL */ `
  mutation Move($input: ChangeProjectStageInput!) {
    changeProjectStage(input: $input) {
      stage
    }
  }
`;

const ADMIT = /* GraphQL */ `
  mutation Admit($input: AdmitMemberInput!) {
    admitMember(input: $input) {
      role
      alliance {
        id
      }
    }
  }
`;

let federation: Federation;
let casSecretariat: string;
let consortiumSecretariat: string;

beforeAll(async () => {
  federation = await startFederation();
  casSecretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  consortiumSecretariat = await federation.token('alliance:central-soe-consortium', 'SECRETARIAT');
});
afterAll(async () => {
  await federation.stop();
});

async function alliances(): Promise<Record<string, AllianceView>> {
  const response = await federation.query<{ alliances: AllianceView[] }>(ALLIANCES);
  expect(response.errors).toBeUndefined();
  return Object.fromEntries(response.data!.alliances.map((a) => [a.id, a]));
}

test('the articles three bodies, by founding date, each with its own name, place and secretariat', async () => {
  const response = await federation.query<{ alliances: AllianceView[] }>(ALLIANCES);
  expect(response.data!.alliances.map((a) => [a.id, a.foundedOn, a.foundedIn, a.kind])).toEqual([
    ['china-coating-alliance', '2012-08-29', 'Jinan, Shandong', 'TECHNOLOGY_INNOVATION_ALLIANCE'],
    ['cas-advanced-materials', '2018-01-10', 'Tengzhou, Shandong', 'TECHNOLOGY_INNOVATION_ALLIANCE'],
    ['central-soe-consortium', '2025-05-30', 'Beijing', 'INDUSTRIALIZATION_CONSORTIUM'],
  ]);
  const byId = await alliances();
  expect(byId['central-soe-consortium']).toMatchObject({
    nameZh: '中央企业科技成果产业化联合体',
    secretariat: 'alliance:central-soe-consortium',
    chairman: {
      registeredName: null,
      organization: { name: 'National Energy Group (China Energy Investment Corporation)' },
    },
    // National Energy Group, China Telecom and CNPC; its partners are not counted.
    memberCount: 3,
    // One key project of each of its four kinds.
    projectCount: 4,
  });
  expect(byId['cas-advanced-materials']?.chairman?.organization?.name).toBe(
    'Levima Advanced Materials Corporation',
  );
  expect(byId['china-coating-alliance']).toMatchObject({ memberCount: 22, chairman: null, goals: [] });
});

test("the CAS alliance's goals are its own milestones, met; no central-SOE target", async () => {
  const cas = (await alliances())['cas-advanced-materials']!;
  expect(cas.goals.map((g) => [g.measure, g.target, g.actual, g.percent])).toEqual([
    ['GOVERNING_UNITS', '22', '22', '100.00'],
    ['DOCKED_PROJECTS', '47', '47', '100.00'],
    ['PILOT_PROJECTS', '3', '3', '100.00'],
  ]);
  expect(JSON.stringify(cas.goals)).not.toMatch(/SOE|trillion/i);
});

test("the consortium's goals: 10 / 100 / 1,000 / one trillion yuan with its own actuals, and its aims for 2026, 2028, 2030", async () => {
  const goals = (await alliances())['central-soe-consortium']!.goals;
  expect(goals.map((g) => [g.measure, g.target, g.unit, g.actual])).toEqual([
    ['KEY_PROJECTS', '10', 'projects', '4'],
    ['MEMBERS', '100', 'members', '3'],
    ['DOCKED_PROJECTS', '1000', 'projects', '4'],
    // Capital committed to its projects plus benefits under their agreements: none yet.
    ['TRANSACTION_VOLUME', '1000000000000.00', 'CNY', '0.00'],
    [null, null, null, null],
    [null, null, null, null],
    [null, null, null, null],
  ]);
  expect(goals.slice(4).map((g) => g.deadline)).toEqual(['2026-12-31', '2028-12-31', '2030-12-31']);
  expect(goals[1]?.percent).toBe('3.00');
  expect(goals[0]?.percent).toBe('40.00');
});

test("the consortium's key projects: one of each of the four kinds, led by central SOEs, the facility-sharing one booked on a power plant's test field", async () => {
  const response = await federation.query<{
    projects: {
      edges: {
        node: {
          code: string;
          keyProject: boolean;
          keyProjectKind: string;
          stage: string;
          leadEnterprise: { name: string; ownership: string };
          bookings: { facility: { name: string; base: { operator: { name: string } } } }[];
        };
      }[];
    };
  }>(
    `{
      projects(filter: { allianceIds: ["central-soe-consortium"] }, orderBy: { field: CODE, direction: ASC }) {
        edges { node { code keyProject keyProjectKind stage leadEnterprise { name ownership }
          bookings { facility { name base { operator { name } } } } } }
      }
    }`,
    {},
    consortiumSecretariat,
  );
  expect(response.errors).toBeUndefined();
  const nodes = response.data!.projects.edges.map((e) => e.node);
  expect(nodes.map((n) => [n.code, n.keyProjectKind, n.stage, n.leadEnterprise.name])).toEqual([
    ['CEC-2025-001', 'PILOT', 'EVALUATION', 'Sinopec Guangzhou Engineering Co., Ltd.'],
    [
      'CEC-2025-002',
      'FACILITY_SHARING',
      'PILOT',
      'National Energy Group (China Energy Investment Corporation)',
    ],
    ['CEC-2025-003', 'PROOF_OF_CONCEPT', 'PROOF_OF_CONCEPT', 'China National Petroleum Corporation (CNPC)'],
    ['CEC-2025-004', 'ONE_STOP_SERVICE', 'DOCKING', 'China Telecom'],
  ]);
  expect(nodes.every((n) => n.keyProject && n.leadEnterprise.ownership === 'CENTRAL_SOE')).toBe(true);
  expect(nodes[1]!.bookings).toEqual([
    {
      facility: {
        name: 'Outdoor photovoltaic test field',
        base: { operator: { name: 'National Energy Group (China Energy Investment Corporation)' } },
      },
    },
  ]);
});

test('a kind is for key projects only: BAD_USER_INPUT on input.keyProjectKind, nothing docked; a key project keeps its kind', async () => {
  const base = {
    allianceId: 'central-soe-consortium',
    title: 'A 5G field trial of an AI inspection model',
    achievementId: 'dicp-perovskite-pv',
    leadEnterpriseId: 'china-telecom',
  };
  const count = async () => (await alliances())['central-soe-consortium']!.projectCount;
  const before = await count();
  const refused = await federation.query(
    CREATE,
    { input: { ...base, code: 'CSC-2026-101', keyProjectKind: 'FACILITY_SHARING' } },
    consortiumSecretariat,
  );
  expect(refused.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.keyProjectKind',
  });
  expect(await count()).toBe(before);
  const created = await federation.query<{ createProject: { id: string } }>(
    CREATE,
    { input: { ...base, code: 'CSC-2026-102', keyProject: true, keyProjectKind: 'FACILITY_SHARING' } },
    consortiumSecretariat,
  );
  expect(created.errors).toBeUndefined();
  const project = await federation.query<{ project: { keyProjectKind: string } }>(
    `query($id: ID!) { project(id: $id) { keyProjectKind } }`,
    { id: created.data!.createProject.id },
  );
  expect(project.data!.project.keyProjectKind).toBe('FACILITY_SHARING');
  expect(await count()).toBe(before + 1);
});

test('an organization in two alliances shows both memberships; `membership` stays the CAS one', async () => {
  const response = await federation.query<{
    institute: { membership: { role: string }; memberships: { role: string; alliance: { id: string } }[] };
  }>(`{ institute(id: "dicp") { membership { role } memberships { role alliance { id } } } }`);
  expect(response.errors).toBeUndefined();
  expect(response.data!.institute.membership.role).toBe('GOVERNING_UNIT');
  expect(response.data!.institute.memberships).toEqual([
    { role: 'GOVERNING_UNIT', alliance: { id: 'cas-advanced-materials' } },
    { role: 'PARTNER', alliance: { id: 'central-soe-consortium' } },
  ]);
});

test("each register is its own alliance's: the CAS register keeps its 29, the consortium's lists its 7", async () => {
  const count = async (filter: Record<string, unknown>) =>
    (
      await federation.query<{ members: { totalCount: number } }>(
        `query($filter: MemberFilter) { members(filter: $filter) { totalCount } }`,
        { filter },
      )
    ).data!.members.totalCount;
  expect(await count({})).toBe(await count({ allianceId: 'cas-advanced-materials' }));
  expect(await count({ allianceId: 'central-soe-consortium' })).toBe(7);
  expect(await count({ allianceId: 'central-soe-consortium', role: 'PARTNER' })).toBe(4);
});

describe('a project belongs to one alliance, and its secretariat alone docks and moves it', () => {
  const input = (code: string, allianceId?: string) => ({
    ...(allianceId ? { allianceId } : {}),
    code,
    title: 'A pilot on a central SOE power plant',
    achievementId: 'ciac-ppc',
    leadEnterpriseId: 'levima',
  });

  test("the consortium's secretariat docks a project of the consortium; it counts there, not in the CAS alliance", async () => {
    const before = await alliances();
    const created = await federation.query<{ createProject: { alliance: { id: string } } }>(
      CREATE,
      { input: input('CSC-2026-001', 'central-soe-consortium') },
      consortiumSecretariat,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createProject.alliance.id).toBe('central-soe-consortium');
    const after = await alliances();
    expect(after['central-soe-consortium']?.projectCount).toBe(
      before['central-soe-consortium']!.projectCount + 1,
    );
    expect(after['cas-advanced-materials']?.projectCount).toBe(
      before['cas-advanced-materials']!.projectCount,
    );
    const board = await federation.query<{ projects: { edges: { node: { code: string } }[] } }>(
      `{ projects(filter: { allianceIds: ["central-soe-consortium"] }) { edges { node { code } } } }`,
    );
    expect(board.data!.projects.edges.map((e) => e.node.code)).toContain('CSC-2026-001');
  });

  test("another alliance's secretariat may not dock into it, nor move its projects; nothing changes", async () => {
    const refused = await federation.query(CREATE, { input: input('CSC-2026-002') }, consortiumSecretariat);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cas = await givenProject(federation);
    const move = await federation.query(
      MOVE,
      { input: { projectId: cas.id, to: 'EVALUATION', reason: 'Reviewed' } },
      consortiumSecretariat,
    );
    expect(move.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stage = await federation.query<{ project: { stage: string } }>(
      `query($id: ID!) { project(id: $id) { stage } }`,
      { id: cas.id },
    );
    expect(stage.data!.project.stage).toBe('DOCKING');
    const moved = await federation.query(
      MOVE,
      { input: { projectId: cas.id, to: 'EVALUATION', reason: 'Reviewed' } },
      casSecretariat,
    );
    expect(moved.errors).toBeUndefined();
  });

  test('an unknown alliance is NOT_FOUND on input.allianceId', async () => {
    const response = await federation.query(
      CREATE,
      { input: input('CSC-2026-003', 'no-such-alliance') },
      consortiumSecretariat,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.allianceId' });
  });
});

test('an organization joins a second alliance once; the same one again is a CONFLICT', async () => {
  const levima = { type: 'ENTERPRISE', id: 'levima' };
  const admit = (token: string) =>
    federation.query<{ admitMember: { role: string; alliance: { id: string } } }>(
      ADMIT,
      {
        input: {
          allianceId: 'central-soe-consortium',
          organization: levima,
          role: 'MEMBER',
          joinedOn: '2026-01-05',
        },
      },
      token,
    );
  expect((await admit(casSecretariat)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const joined = await admit(consortiumSecretariat);
  expect(joined.errors).toBeUndefined();
  expect(joined.data!.admitMember).toEqual({ role: 'MEMBER', alliance: { id: 'central-soe-consortium' } });
  expect((await admit(consortiumSecretariat)).errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    field: 'input.organization',
  });
});

test('the alliances with their goals cost the same statements for one alliance as for all', async () => {
  const one = await federation.statementsDuring(() =>
    federation.query(
      `{ alliance(id: "central-soe-consortium") { goals { actual } memberCount chairman { id } } }`,
    ),
  );
  const all = await federation.statementsDuring(() => federation.query(ALLIANCES));
  expect(all.alliance).toBe(one.alliance);
});

/** The pipeline an alliance and the dashboard both answer (two types, so no fragment). */
const PIPELINE = `
      projectsByStage {
        stage
        projects
      }
      funnel {
        docked
        evaluated
        proofOfConcept
        pilot
        industrialization
        commercialized
      }`;

const STAGES_OF_EVERY_ALLIANCE = /* GraphQL */ `
  {
    alliances {
      id
      projectCount
      ${PIPELINE}
    }
    allianceMetrics {
      ${PIPELINE}
    }
  }
`;

interface StagesOfEveryAlliance {
  alliances: {
    id: string;
    projectCount: number;
    projectsByStage: { stage: string; projects: number }[];
    funnel: Record<string, number>;
  }[];
  allianceMetrics: { projectsByStage: { stage: string; projects: number }[]; funnel: Record<string, number> };
}

test("every alliance's projects per stage and funnel: its own, the CAS one as the dashboard's, one statement for all", async () => {
  await givenProject(federation, { allianceId: 'central-soe-consortium', stage: 'PILOT' });
  let answer: StagesOfEveryAlliance | undefined;
  const statements = await federation.statementsDuring(async () => {
    const response = await federation.query<StagesOfEveryAlliance>(STAGES_OF_EVERY_ALLIANCE);
    expect(response.errors).toBeUndefined();
    answer = response.data ?? undefined;
  });
  const { alliances, allianceMetrics } = answer!;
  const database = federation.stack.subgraphs.get('alliance')!.dataSource;
  for (const alliance of alliances) {
    const counted = await database.query<{ stage: string; n: number }[]>(
      'SELECT stage, count(*)::int AS n FROM alliance.project WHERE alliance_id = $1 GROUP BY stage',
      [alliance.id],
    );
    const byStage = new Map(counted.map((c) => [c.stage, c.n]));
    expect({ id: alliance.id, stages: alliance.projectsByStage }).toEqual({
      id: alliance.id,
      stages: alliance.projectsByStage.map(({ stage }) => ({ stage, projects: byStage.get(stage) ?? 0 })),
    });
    expect(alliance.projectsByStage.map((s) => s.stage)).toHaveLength(8);
    expect(alliance.funnel.docked).toBe(alliance.projectCount);
  }
  const cas = alliances.find((a) => a.id === 'cas-advanced-materials')!;
  expect({ projectsByStage: cas.projectsByStage, funnel: cas.funnel }).toEqual(allianceMetrics);
  const consortium = alliances.find((a) => a.id === 'central-soe-consortium')!;
  expect(consortium.projectsByStage.find((s) => s.stage === 'PILOT')!.projects).toBeGreaterThanOrEqual(1);
  // The same statements for one alliance as for all: the tally is read once per batch.
  const one = await federation.statementsDuring(() =>
    federation.query(
      STAGES_OF_EVERY_ALLIANCE.replace('alliances {', 'alliances: alliance(id: "central-soe-consortium") {'),
    ),
  );
  expect(statements.alliance).toBe(one.alliance);
});
