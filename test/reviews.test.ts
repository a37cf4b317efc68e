import { givenProject } from './builders';
import { startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * The technical expert committee through the gateway: registering experts, the review
 * gate on leaving EVALUATION, the conflict-of-interest refusal, and review validation.
 *
 * Test tokens have the subject `<organization>#user`; the secretariat registers each
 * expert with the subject of that expert's token.
 */

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterExpertInput!) {
    registerExpert(input: $input) {
      id
      name
      affiliation {
        __typename
        ... on Institute {
          name
        }
        ... on Enterprise {
          name
        }
      }
    }
  }
`;

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitReviewInput!) {
    submitReview(input: $input) {
      id
      stage
      recommendation
      averageScore
      scores {
        technicalMaturity
        marketDemand
        strategicFit
        team
      }
      expert {
        name
      }
      project {
        code
        allowedNextStages
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

const REVIEWS = /* GraphQL */ `
  query Reviews($id: ID!) {
    project(id: $id) {
      allowedNextStages
      reviews {
        recommendation
        stage
        expert {
          name
        }
      }
    }
  }
`;

let federation: Federation;
let secretariat: string;
/** An independent expert (no affiliation). */
let independent: string;
/** Registered as affiliated with CIAC, the institute of the `ciac-ppc` achievement. */
let ciacExpert: string;
/** Registered as affiliated with DICP: independent of CIAC's projects. */
let dicpExpert: string;
/** Registered as independent, but its token speaks for Guangzhou Chemical. */
let guangzhouToken: string;
/** Registered as affiliated with Guangzhou Chemical. */
let guangzhouAffiliated: string;

async function register(input: Record<string, unknown>, token = secretariat) {
  return federation.query<{ registerExpert: { id: string; name: string; affiliation: unknown } }>(
    REGISTER,
    { input },
    token,
  );
}

beforeAll(async () => {
  federation = await startFederation();
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  independent = await federation.token('alliance:expert-committee', 'EXPERT');
  ciacExpert = await federation.token('partner:expert-ciac', 'EXPERT');
  dicpExpert = await federation.token('institute:dicp', 'EXPERT');
  guangzhouToken = await federation.token('enterprise:guangzhou-chemical', 'EXPERT');
  guangzhouAffiliated = await federation.token('partner:expert-gz', 'EXPERT');
  const experts = [
    { subject: 'alliance:expert-committee#user', name: 'Independent Expert' },
    {
      subject: 'partner:expert-ciac#user',
      name: 'CIAC Expert',
      affiliation: { type: 'INSTITUTE', id: 'ciac' },
    },
    { subject: 'institute:dicp#user', name: 'DICP Expert', affiliation: { type: 'INSTITUTE', id: 'dicp' } },
    { subject: 'enterprise:guangzhou-chemical#user', name: 'Guangzhou Token Expert' },
    {
      subject: 'partner:expert-gz#user',
      name: 'Guangzhou Chemical Expert',
      affiliation: { type: 'ENTERPRISE', id: 'guangzhou-chemical' },
    },
  ];
  for (const input of experts) expect((await register(input)).errors).toBeUndefined();
});
afterAll(async () => {
  await federation.stop();
});

function review(projectId: string, recommendation = 'ADVANCE', overrides: Record<string, unknown> = {}) {
  return {
    projectId,
    scores: { technicalMaturity: 4, marketDemand: 5, strategicFit: 4, team: 3 },
    recommendation,
    comments: 'Ready for a proof of concept at pilot scale.',
    ...overrides,
  };
}

async function submit(
  input: Record<string, unknown>,
  token: string,
): Promise<GraphQLResponse<{ submitReview: Record<string, unknown> }>> {
  return federation.query(SUBMIT, { input }, token);
}

async function reviewsOf(id: string) {
  const response = await federation.query<{
    project: { allowedNextStages: string[]; reviews: { recommendation: string; stage: string }[] };
  }>(REVIEWS, { id }, secretariat);
  expect(response.errors).toBeUndefined();
  return response.data!.project;
}

async function move(projectId: string, to: string) {
  return federation.query<{ changeProjectStage: { stage: string } }>(
    MOVE,
    { input: { projectId, to, reason: `to ${to}` } },
    secretariat,
  );
}

/** A CIAC project (achievement `ciac-ppc`) led by Guangzhou Chemical. */
async function ciacProject(stage: 'DOCKING' | 'EVALUATION' | 'TERMINATED' = 'EVALUATION') {
  return givenProject(federation, {
    stage,
    achievementId: 'ciac-ppc',
    leadEnterpriseId: 'guangzhou-chemical',
  });
}

test('the secretariat registers experts; their affiliation resolves in its own subgraph', async () => {
  const response = await register({
    subject: 'partner:new-expert#user',
    name: '  New Expert  ',
    affiliation: { type: 'ENTERPRISE', id: 'levima' },
  });
  expect(response.errors).toBeUndefined();
  expect(response.data?.registerExpert).toMatchObject({
    name: 'New Expert',
    affiliation: { __typename: 'Enterprise', name: 'Levima Advanced Materials Corporation' },
  });
});

test.each([
  [
    'a taken subject',
    { subject: 'alliance:expert-committee#user', name: 'Twin' },
    'CONFLICT',
    'input.subject',
  ],
  ['an empty name', { subject: 'partner:x#user', name: ' ' }, 'BAD_USER_INPUT', 'input.name'],
  [
    'an unknown affiliation',
    { subject: 'partner:y#user', name: 'Y', affiliation: { type: 'INSTITUTE', id: 'nowhere' } },
    'NOT_FOUND',
    'input.affiliation.id',
  ],
])('registering an expert with %s is refused', async (_case, input, code, field) => {
  const response = await register(input);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
});

test('only the secretariat registers experts', async () => {
  const response = await register({ subject: 'partner:z#user', name: 'Z' }, independent);
  expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('the review gate: leaving EVALUATION needs a review recommending ADVANCE', async () => {
  const project = await ciacProject('EVALUATION');

  const early = await move(project.id, 'PROOF_OF_CONCEPT');
  expect(early.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.to',
    allowed: ['ON_HOLD', 'TERMINATED'],
  });
  expect(early.errors?.[0]?.message).toContain('expert review recommending ADVANCE');

  // A HOLD recommendation does not open the gate.
  expect((await submit(review(project.id, 'HOLD'), dicpExpert)).errors).toBeUndefined();
  expect((await move(project.id, 'PROOF_OF_CONCEPT')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect((await reviewsOf(project.id)).allowedNextStages).toEqual(['ON_HOLD', 'TERMINATED']);

  const advance = await submit(review(project.id, 'ADVANCE'), independent);
  expect(advance.errors).toBeUndefined();
  expect(advance.data?.submitReview).toMatchObject({
    stage: 'EVALUATION',
    recommendation: 'ADVANCE',
    averageScore: '4.00',
    scores: { technicalMaturity: 4, marketDemand: 5, strategicFit: 4, team: 3 },
    expert: { name: 'Independent Expert' },
    project: { allowedNextStages: ['PROOF_OF_CONCEPT', 'ON_HOLD', 'TERMINATED'] },
  });

  const passed = await move(project.id, 'PROOF_OF_CONCEPT');
  expect(passed.errors).toBeUndefined();
  expect(passed.data?.changeProjectStage.stage).toBe('PROOF_OF_CONCEPT');
});

test('a review recommending ADVANCE at DOCKING does not open the EVALUATION gate', async () => {
  const project = await ciacProject('DOCKING');
  expect((await submit(review(project.id, 'ADVANCE'), independent)).errors).toBeUndefined();
  expect((await move(project.id, 'EVALUATION')).errors).toBeUndefined();
  expect((await move(project.id, 'PROOF_OF_CONCEPT')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect((await reviewsOf(project.id)).reviews).toMatchObject([
    { stage: 'DOCKING', recommendation: 'ADVANCE' },
  ]);
});

test.each([
  [
    'registered as affiliated with the institute of its achievement',
    () => ciacExpert,
    'the institute (ciac)',
  ],
  ['registered as affiliated with its lead enterprise', () => guangzhouAffiliated, 'its lead enterprise'],
  ['speaking for its lead enterprise in its token', () => guangzhouToken, 'its lead enterprise'],
])('an expert %s cannot review the project, and nothing is recorded', async (_case, token, what) => {
  const project = await ciacProject('EVALUATION');
  const response = await submit(review(project.id), token());
  expect(response.data?.submitReview ?? null).toBeNull();
  expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(response.errors?.[0]?.message).toContain('Conflict of interest');
  expect(response.errors?.[0]?.message).toContain(what);
  expect((await reviewsOf(project.id)).reviews).toEqual([]);
  // The gate stays shut.
  expect((await move(project.id, 'PROOF_OF_CONCEPT')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('an expert affiliated with another institute may review', async () => {
  const project = await ciacProject('EVALUATION');
  expect((await submit(review(project.id), dicpExpert)).errors).toBeUndefined();
});

test.each([
  [
    'a score of 0',
    { scores: { technicalMaturity: 0, marketDemand: 3, strategicFit: 3, team: 3 } },
    'BAD_USER_INPUT',
    'input.scores.technicalMaturity',
  ],
  [
    'a score of 6',
    { scores: { technicalMaturity: 3, marketDemand: 3, strategicFit: 3, team: 6 } },
    'BAD_USER_INPUT',
    'input.scores.team',
  ],
  ['empty comments', { comments: '  ' }, 'BAD_USER_INPUT', 'input.comments'],
  ['an unknown project', { projectId: 'no-such-project' }, 'NOT_FOUND', 'input.projectId'],
])('a review with %s is refused, naming the field', async (_case, overrides, code, field) => {
  const project = await ciacProject('EVALUATION');
  const response = await submit(review(project.id, 'ADVANCE', overrides), independent);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code, field });
  expect((await reviewsOf(project.id)).reviews).toEqual([]);
});

test('an unknown recommendation is refused by the schema', async () => {
  const project = await ciacProject('EVALUATION');
  const response = await submit(review(project.id, 'MAYBE'), independent);
  expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('one review per expert and stage; a terminated project is not reviewed', async () => {
  const project = await ciacProject('EVALUATION');
  expect((await submit(review(project.id), independent)).errors).toBeUndefined();
  const again = await submit(review(project.id, 'REJECT'), independent);
  expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.projectId' });

  const terminated = await ciacProject('TERMINATED');
  const late = await submit(review(terminated.id), independent);
  expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', stage: 'TERMINATED' });
  expect((await reviewsOf(terminated.id)).reviews).toEqual([]);
});

test('only registered experts with role EXPERT write reviews', async () => {
  const project = await ciacProject('EVALUATION');
  const notExpert = await submit(review(project.id), await federation.token('institute:dicp', 'EDITOR'));
  expect(notExpert.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const unregistered = await submit(review(project.id), await federation.token('partner:stranger', 'EXPERT'));
  expect(unregistered.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(unregistered.errors?.[0]?.message).toContain('partner:stranger#user');
  const anonymous = await submit(review(project.id), '');
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await reviewsOf(project.id)).reviews).toEqual([]);
});

test('reviews are members-only: an anonymous caller sees none', async () => {
  const project = await ciacProject('EVALUATION');
  expect((await submit(review(project.id), independent)).errors).toBeUndefined();
  const anonymous = await federation.query<{ project: { reviews: unknown[] } }>(REVIEWS, { id: project.id });
  expect(anonymous.errors).toBeUndefined();
  expect(anonymous.data?.project.reviews).toEqual([]);
  const member = await federation.query<{ project: { reviews: unknown[] } }>(
    REVIEWS,
    { id: project.id },
    await federation.token('enterprise:levima', 'VIEWER'),
  );
  expect(member.data?.project.reviews).toHaveLength(1);
});

test('the demo committee: experts and their reviews of the docked projects', async () => {
  const response = await federation.query<{
    experts: { totalCount: number; edges: { node: { name: string; illustrative: boolean } }[] };
    project: { reviews: { recommendation: string; expert: { name: string } }[]; allowedNextStages: string[] };
  }>(
    `query($id: ID!) {
      experts(allianceId: "cas-advanced-materials", first: 20) { totalCount edges { node { name illustrative } } }
      project(id: $id) { allowedNextStages reviews { recommendation expert { name } } }
    }`,
    { id: 'ppc-agricultural-mulch-film-chengdu' },
    secretariat,
  );
  expect(response.errors).toBeUndefined();
  const names = response.data?.experts.edges.map((e) => e.node.name);
  expect(names).toContain('Wang Lei (illustrative)');
  // The consortium's committee is its own.
  expect(names).not.toContain('Consortium expert (new energy)');
  expect(response.data?.project.reviews).toEqual([
    { recommendation: 'ADVANCE', expert: { name: 'Wang Lei (illustrative)' } },
    { recommendation: 'ADVANCE', expert: { name: 'Zhao Min (illustrative)' } },
  ]);
  expect(response.data?.project.allowedNextStages).toEqual(['INDUSTRIALIZATION', 'ON_HOLD', 'TERMINATED']);
});
