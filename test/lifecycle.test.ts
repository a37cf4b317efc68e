import { StageChangeEntity } from '../services/alliance/projects/stage-change.entity';
import { givenProject } from './builders';
import { givenReview } from './builders-alliance';
import { startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * The project lifecycle through the gateway: every pair of stages, legal or not; resuming
 * from ON_HOLD; who may move projects; and concurrent moves of one project.
 */

type Stage =
  | 'DOCKING'
  | 'EVALUATION'
  | 'PROOF_OF_CONCEPT'
  | 'PILOT'
  | 'INDUSTRIALIZATION'
  | 'COMMERCIALIZED'
  | 'ON_HOLD'
  | 'TERMINATED';

const STAGES: Stage[] = [
  'DOCKING',
  'EVALUATION',
  'PROOF_OF_CONCEPT',
  'PILOT',
  'INDUSTRIALIZATION',
  'COMMERCIALIZED',
  'ON_HOLD',
  'TERMINATED',
];

/**
 * The lifecycle as DESIGN.md states it, written out independently of the code: one step
 * forward, ON_HOLD and TERMINATED from any active stage, ON_HOLD back to the stage it left
 * (here: PILOT) or TERMINATED, nothing after COMMERCIALIZED or TERMINATED. EVALUATION
 * projects here have a review recommending ADVANCE (the gate is tested in reviews.test.ts).
 */
const LEGAL: Record<Stage, Stage[]> = {
  DOCKING: ['EVALUATION', 'ON_HOLD', 'TERMINATED'],
  EVALUATION: ['PROOF_OF_CONCEPT', 'ON_HOLD', 'TERMINATED'],
  PROOF_OF_CONCEPT: ['PILOT', 'ON_HOLD', 'TERMINATED'],
  PILOT: ['INDUSTRIALIZATION', 'ON_HOLD', 'TERMINATED'],
  INDUSTRIALIZATION: ['COMMERCIALIZED', 'ON_HOLD', 'TERMINATED'],
  COMMERCIALIZED: [],
  ON_HOLD: ['PILOT', 'TERMINATED'],
  TERMINATED: [],
};

const MOVE = /* GraphQL */ `
  mutation Move($input: ChangeProjectStageInput!) {
    changeProjectStage(input: $input) {
      id
      stage
      heldFrom
      allowedNextStages
      history {
        from
        to
        by
        reason
        at
      }
    }
  }
`;

const PROJECT = /* GraphQL */ `
  query Project($id: ID!) {
    project(id: $id) {
      stage
      heldFrom
      allowedNextStages
      updatedAt
      history {
        from
        to
        by
        reason
      }
    }
  }
`;

interface ProjectView {
  stage: Stage;
  heldFrom: Stage | null;
  allowedNextStages: Stage[];
  updatedAt: string;
  history: { from: Stage | null; to: Stage; by: string; reason: string; at?: string }[];
}

let federation: Federation;
let secretariat: string;

beforeAll(async () => {
  federation = await startFederation();
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
});
afterAll(async () => {
  await federation.stop();
});

async function move(
  projectId: string,
  to: string,
  options: { token?: string; reason?: string; from?: Stage } = {},
): Promise<GraphQLResponse<{ changeProjectStage: ProjectView }>> {
  return federation.query(
    MOVE,
    { input: { projectId, to, reason: options.reason ?? `to ${to}`, from: options.from } },
    options.token ?? secretariat,
  );
}

/** The project as the secretariat, who moves stages, sees it (reviews, and so the review gate, included). */
async function project(id: string): Promise<ProjectView> {
  const response = await federation.query<{ project: ProjectView }>(PROJECT, { id }, secretariat);
  expect(response.errors).toBeUndefined();
  return response.data!.project;
}

/** A project at `stage`; ON_HOLD ones left PILOT, EVALUATION ones have an ADVANCE review. */
async function projectAt(stage: Stage): Promise<string> {
  const { id } = await givenProject(federation, { stage: stage === 'ON_HOLD' ? 'PILOT' : stage });
  if (stage === 'EVALUATION') await givenReview(federation, id, 'ADVANCE');
  if (stage === 'ON_HOLD') expect((await move(id, 'ON_HOLD')).errors).toBeUndefined();
  return id;
}

const PAIRS = STAGES.flatMap((from) => STAGES.map((to) => [from, to, LEGAL[from].includes(to)] as const));

test('the table covers every pair of stages: 17 legal moves out of 64', () => {
  expect(PAIRS).toHaveLength(64);
  expect(PAIRS.filter(([, , legal]) => legal)).toHaveLength(17);
});

test.each(PAIRS)('%s → %s (legal: %s)', async (from, to, legal) => {
  const id = await projectAt(from);
  const before = await project(id);
  expect(before.stage).toBe(from);
  expect(before.allowedNextStages).toEqual(LEGAL[from]);

  const response = await move(id, to, { reason: `Moving ${from} to ${to}` });

  if (legal) {
    expect(response.errors).toBeUndefined();
    const moved = response.data!.changeProjectStage;
    expect(moved.stage).toBe(to);
    expect(moved.history).toHaveLength(before.history.length + 1);
    expect(moved.history.at(-1)).toMatchObject({
      from,
      to,
      by: 'alliance:secretariat#user',
      reason: `Moving ${from} to ${to}`,
    });
    expect(Date.parse(moved.history.at(-1)!.at!)).not.toBeNaN();
  } else {
    expect(response.data?.changeProjectStage ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.to',
      allowed: LEGAL[from],
    });
    // The message names the allowed next stages (or says none follows).
    const allowed = LEGAL[from];
    if (allowed.length) expect(response.errors![0]?.message).toContain(allowed.join(', '));
    else expect(response.errors![0]?.message).toContain('no stage follows it');
    expect(await project(id)).toEqual(before);
  }
});

test('a project on hold resumes at the stage it left, and the history tells the story', async () => {
  const { id } = await givenProject(federation, { stage: 'PROOF_OF_CONCEPT' });
  const held = await move(id, 'ON_HOLD', { reason: 'The enterprise reviews its budget' });
  expect(held.data?.changeProjectStage).toMatchObject({
    stage: 'ON_HOLD',
    heldFrom: 'PROOF_OF_CONCEPT',
    allowedNextStages: ['PROOF_OF_CONCEPT', 'TERMINATED'],
  });

  const wrongResume = await move(id, 'PILOT');
  expect(wrongResume.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    allowed: ['PROOF_OF_CONCEPT', 'TERMINATED'],
  });

  const resumed = await move(id, 'PROOF_OF_CONCEPT', { reason: 'Budget approved' });
  expect(resumed.errors).toBeUndefined();
  expect(resumed.data?.changeProjectStage).toMatchObject({
    stage: 'PROOF_OF_CONCEPT',
    heldFrom: null,
    allowedNextStages: ['PILOT', 'ON_HOLD', 'TERMINATED'],
  });
  expect(
    resumed.data?.changeProjectStage.history.map(({ from, to, reason }) => ({ from, to, reason })),
  ).toEqual([
    { from: null, to: 'PROOF_OF_CONCEPT', reason: 'test data' },
    { from: 'PROOF_OF_CONCEPT', to: 'ON_HOLD', reason: 'The enterprise reviews its budget' },
    { from: 'ON_HOLD', to: 'PROOF_OF_CONCEPT', reason: 'Budget approved' },
  ]);
});

test('a project goes from docking to the market, past the review gate', async () => {
  const { id } = await givenProject(federation);
  expect((await move(id, 'EVALUATION')).errors).toBeUndefined();
  await givenReview(federation, id, 'ADVANCE');
  for (const stage of ['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'COMMERCIALIZED']) {
    expect((await move(id, stage)).errors).toBeUndefined();
  }
  const done = await project(id);
  expect(done.stage).toBe('COMMERCIALIZED');
  expect(done.allowedNextStages).toEqual([]);
  expect(done.history.map((h) => h.to)).toEqual([
    'DOCKING',
    'EVALUATION',
    'PROOF_OF_CONCEPT',
    'PILOT',
    'INDUSTRIALIZATION',
    'COMMERCIALIZED',
  ]);
  expect(Date.parse(done.updatedAt)).toBeGreaterThan(Date.UTC(2025, 0, 1));
});

test('only the secretariat moves projects; a refusal changes nothing', async () => {
  const { id } = await givenProject(federation);
  const before = await project(id);
  const callers = [
    '',
    await federation.token('enterprise:levima', 'EDITOR'),
    await federation.token('institute:dicp', 'SECRETARIAT'),
    await federation.token('alliance:secretariat', 'VIEWER'),
    await federation.token('alliance:secretariat', 'EXPERT'),
  ];
  for (const token of callers) {
    const response = await move(id, 'EVALUATION', { token });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  expect(await project(id)).toEqual(before);
});

test.each([
  [
    'an unknown project',
    { projectId: 'no-such-project', to: 'EVALUATION', reason: 'x' },
    'NOT_FOUND',
    'input.projectId',
  ],
  ['an empty reason', { to: 'EVALUATION', reason: '   ' }, 'BAD_USER_INPUT', 'input.reason'],
])('%s is refused, naming the field', async (_case, input, code, field) => {
  const { id } = await givenProject(federation);
  const response = await federation.query(MOVE, { input: { projectId: id, ...input } }, secretariat);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
  expect((await project(id)).history).toHaveLength(1);
});

test('an unknown stage is refused by the schema', async () => {
  const { id } = await givenProject(federation);
  const response = await move(id, 'LAUNCHED');
  expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect((await project(id)).stage).toBe('DOCKING');
});

test('a move from a stage the project has left is a CONFLICT when the caller says what it saw', async () => {
  const { id } = await givenProject(federation);
  expect((await move(id, 'EVALUATION', { from: 'DOCKING' })).errors).toBeUndefined();
  const stale = await move(id, 'ON_HOLD', { from: 'DOCKING' });
  expect(stale.errors?.[0]?.extensions).toMatchObject({
    code: 'CONFLICT',
    field: 'input.from',
    stage: 'EVALUATION',
  });
  expect((await project(id)).stage).toBe('EVALUATION');
});

test('twenty concurrent moves of one project to EVALUATION: one applies, nineteen are refused', async () => {
  const { id } = await givenProject(federation);
  const responses = await Promise.all(Array.from({ length: 20 }, () => move(id, 'EVALUATION')));
  const applied = responses.filter((r) => !r.errors);
  const refused = responses.filter((r) => r.errors);
  expect(applied).toHaveLength(1);
  expect(refused).toHaveLength(19);
  for (const r of refused) {
    expect(r.errors![0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.to' });
    expect(r.errors![0]?.message).toContain('already at EVALUATION');
  }
  const after = await project(id);
  expect(after.history.map((h) => [h.from, h.to])).toEqual([
    [null, 'DOCKING'],
    ['DOCKING', 'EVALUATION'],
  ]);
});

test('concurrent different moves of one project serialize: the history is one unbroken chain', async () => {
  const { id } = await givenProject(federation);
  await givenReview(federation, id, 'ADVANCE');
  const wanted = ['EVALUATION', 'ON_HOLD', 'DOCKING', 'EVALUATION', 'PROOF_OF_CONCEPT', 'TERMINATED'];
  const responses = await Promise.all(wanted.flatMap((to) => Array.from({ length: 4 }, () => move(id, to))));
  for (const r of responses.filter((x) => x.errors)) {
    expect(['BAD_USER_INPUT']).toContain(r.errors![0]!.extensions?.code);
  }
  const applied = responses.filter((r) => !r.errors).length;
  const after = await project(id);
  // Every applied move left exactly one record, each starting where the previous ended.
  expect(after.history).toHaveLength(applied + 1);
  for (let i = 1; i < after.history.length; i += 1) {
    expect(after.history[i]?.from).toBe(after.history[i - 1]!.to);
  }
  expect(after.stage).toBe(after.history.at(-1)!.to);
});

test('the database itself refuses an illegal recorded transition', async () => {
  const { id } = await givenProject(federation);
  const db = federation.stack.subgraphs.get('alliance')!.dataSource;
  await expect(
    db
      .getRepository(StageChangeEntity)
      .insert({ projectId: id, from: 'DOCKING', to: 'PILOT', by: 'test', reason: 'skip' }),
  ).rejects.toMatchObject({ driverError: { constraint: 'stage_change_legal_transition' } });
});
