import { givenExpert } from './builders-alliance';
import { givenAchievement } from './builders-innovation';
import { startFederation, type Federation } from './federation';

/**
 * A project on a CONFIDENTIAL achievement runs its whole course, although the secretariat
 * and the reviewing experts may not read the achievement: the alliance checks the
 * achievement's existence and its institute as reference checks with the institutes
 * subgraph, which answers those facts, not the content.
 */

let federation: Federation;
let secretariat: string;
let achievementId: string;

beforeAll(async () => {
  federation = await startFederation();
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  achievementId = (
    await givenAchievement(federation, { instituteId: 'ciac', visibility: 'CONFIDENTIAL', trl: 5 })
  ).id;
});
afterAll(async () => {
  await federation.stop();
});

const ACHIEVEMENT = `query($id: ID!) { achievement(id: $id) { title } }`;

async function createProject(code: string): Promise<string> {
  const response = await federation.query<{ createProject: { id: string; stage: string } }>(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { id stage } }`,
    { input: { code, title: 'Confidential film scale-up', achievementId, leadEnterpriseId: 'levima' } },
    secretariat,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.createProject.id;
}

async function toEvaluation(projectId: string): Promise<void> {
  const response = await federation.query(
    `mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { stage } }`,
    { input: { projectId, to: 'EVALUATION', reason: 'docked' } },
    secretariat,
  );
  expect(response.errors).toBeUndefined();
}

async function reviewAs(projectId: string, token: string) {
  return federation.query<{ submitReview: { recommendation: string } }>(
    `mutation($input: SubmitReviewInput!) { submitReview(input: $input) { recommendation } }`,
    {
      input: {
        projectId,
        scores: { technicalMaturity: 4, marketDemand: 4, strategicFit: 4, team: 4 },
        recommendation: 'ADVANCE',
        comments: 'Sound process data.',
      },
    },
    token,
  );
}

test('the secretariat docks a CONFIDENTIAL achievement, and still may not read it', async () => {
  const unseen = await federation.query(ACHIEVEMENT, { id: achievementId }, secretariat);
  expect(unseen.data).toEqual({ achievement: null });

  const projectId = await createProject('AMA-2026-C01');
  const project = await federation.query<{ project: { stage: string; achievement: unknown } }>(
    `query($id: ID!) { project(id: $id) { stage achievement { title } } }`,
    { id: projectId },
    secretariat,
  );
  expect(project.data?.project).toEqual({ stage: 'DOCKING', achievement: null });
  expect(project.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
    [['project', 'achievement'], 'FORBIDDEN'],
  ]);
  // The owning institute sees the project on its achievement.
  const owner = await federation.query<{ achievement: { projects: { code: string }[] } }>(
    `query($id: ID!) { achievement(id: $id) { projects { code } } }`,
    { id: achievementId },
    await federation.token('institute:ciac', 'VIEWER'),
  );
  expect(owner.data?.achievement.projects).toEqual([{ code: 'AMA-2026-C01' }]);
});

test('an unknown achievement is still NOT_FOUND for the secretariat', async () => {
  const response = await federation.query(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    {
      input: { code: 'AMA-2026-C02', title: 'Nothing', achievementId: 'no-such', leadEnterpriseId: 'levima' },
    },
    secretariat,
  );
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.achievementId' });
});

test("an independent expert reviews it; one of the achievement's institute is refused", async () => {
  const projectId = await createProject('AMA-2026-C03');
  await toEvaluation(projectId);
  const independent = await givenExpert(federation, { subject: 'alliance:reviewer-c#user' });
  const affiliated = await givenExpert(federation, {
    subject: 'partner:reviewer-ciac#user',
    affiliationType: 'institute',
    affiliationId: 'ciac',
  });
  expect(independent.id).not.toBe(affiliated.id);

  const refused = await reviewAs(projectId, await federation.token('partner:reviewer-ciac', 'EXPERT'));
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(refused.errors?.[0]?.message).toContain('ciac');

  const accepted = await reviewAs(projectId, await federation.token('alliance:reviewer-c', 'EXPERT'));
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data?.submitReview.recommendation).toBe('ADVANCE');
  // The independent expert still may not read the achievement.
  const unseen = await federation.query(
    ACHIEVEMENT,
    { id: achievementId },
    await federation.token('alliance:reviewer-c', 'EXPERT'),
  );
  expect(unseen.data).toEqual({ achievement: null });
});
