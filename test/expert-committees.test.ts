import { randomUUID } from 'node:crypto';
import { givenProject } from './builders';
import { givenExpert } from './builders-alliance';
import { snapshotOf } from './builders-innovation';
import { startFederation, type Federation } from './federation';
import { dataOf, expectRefused, statementsOf } from './graphql';

/**
 * Each alliance its own technical expert committee (issue #17), through the gateway: an
 * alliance's secretariat registers experts in its own committee only, `Alliance.experts`
 * lists the first of one committee and `experts(allianceId:)` pages it (`experts` without it
 * every one), and an
 * expert reviews its own alliance's projects only.
 */

const CAS = 'cas-advanced-materials';
const CONSORTIUM = 'central-soe-consortium';
const COATING = 'china-coating-alliance';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterExpertInput!) {
    registerExpert(input: $input) {
      id
      name
      alliance {
        id
      }
    }
  }
`;

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitReviewInput!) {
    submitReview(input: $input) {
      id
      stage
      expert {
        name
        alliance {
          id
        }
      }
    }
  }
`;

const COMMITTEES = /* GraphQL */ `
  {
    alliances {
      id
      experts(first: 100) {
        name
        alliance {
          id
        }
      }
    }
  }
`;

/** An expert as the lists below select it. */
interface Listed {
  name: string;
  alliance: { id: string };
}

/** A page of `experts(allianceId:)`. */
interface Committee {
  totalCount: number;
  edges: { node: Listed }[];
}

let federation: Federation;
let casSecretariat: string;
let consortiumSecretariat: string;
/** The committees' rows and the audit log: what a refused write must leave as it was. */
let written: () => Promise<Record<string, unknown>>;

beforeAll(async () => {
  federation = await startFederation();
  casSecretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  consortiumSecretariat = await federation.token(`alliance:${CONSORTIUM}`, 'SECRETARIAT');
  written = snapshotOf(federation, 'alliance', ['expert', 'expert_review', 'audit_entry']);
});
afterAll(async () => {
  await federation.stop();
});

/** A fresh subject and the EXPERT token that speaks for it. */
async function expertIdentity(): Promise<{ subject: string; token: string }> {
  const organization = `partner:committee-${randomUUID().slice(0, 8)}`;
  return { subject: `${organization}#user`, token: await federation.token(organization, 'EXPERT') };
}

async function register(input: Record<string, unknown>, token: string) {
  return federation.query<{ registerExpert: { id: string; name: string; alliance: { id: string } } }>(
    REGISTER,
    { input },
    token,
  );
}

function review(projectId: string) {
  return {
    projectId,
    scores: { technicalMaturity: 4, marketDemand: 4, strategicFit: 5, team: 3 },
    recommendation: 'ADVANCE',
    comments: 'Ready for a proof of concept.',
  };
}

/** Each alliance's `Alliance.experts`, by alliance id. */
async function committees(): Promise<Record<string, Listed[]>> {
  const data = dataOf(await federation.query<{ alliances: { id: string; experts: Listed[] }[] }>(COMMITTEES));
  return Object.fromEntries(data.alliances.map((a) => [a.id, a.experts]));
}

const names = (committee: Listed[] | Committee | undefined) =>
  (Array.isArray(committee) ? committee : committee!.edges.map((e) => e.node)).map((e) => e.name);

test("the consortium's secretariat registers an expert in its own committee, audited as the consortium's", async () => {
  const { subject } = await expertIdentity();
  const response = await register(
    { allianceId: CONSORTIUM, subject, name: 'Consortium hydrogen expert' },
    consortiumSecretariat,
  );
  const expert = dataOf(response).registerExpert;
  expect(expert).toMatchObject({ name: 'Consortium hydrogen expert', alliance: { id: CONSORTIUM } });

  const byCommittee = await committees();
  expect(names(byCommittee[CONSORTIUM])).toContain('Consortium hydrogen expert');
  expect(names(byCommittee[CAS])).not.toContain('Consortium hydrogen expert');

  // The audit entry records the alliance, and the consortium's secretariat reads it; the
  // CAS alliance's does not.
  const trail = `query($id: ID!) { expert(id: $id) { auditTrail { totalCount edges { node { operation organization after } } } } }`;
  type Trail = { expert: { auditTrail: { totalCount: number; edges: { node: Record<string, string> }[] } } };
  const own = dataOf(await federation.query<Trail>(trail, { id: expert.id }, consortiumSecretariat));
  expect(own.expert.auditTrail.totalCount).toBe(1);
  const entry = own.expert.auditTrail.edges[0]!.node;
  expect(entry).toMatchObject({ operation: 'registerExpert', organization: `alliance:${CONSORTIUM}` });
  expect(JSON.parse(entry.after!)).toMatchObject({ allianceId: CONSORTIUM, subject });
  const other = dataOf(await federation.query<Trail>(trail, { id: expert.id }, casSecretariat));
  expect(other.expert.auditTrail.totalCount).toBe(0);
});

test('without allianceId the expert joins the CAS committee, as before', async () => {
  const { subject } = await expertIdentity();
  const response = await register({ subject, name: 'CAS committee newcomer' }, casSecretariat);
  expect(dataOf(response).registerExpert.alliance).toEqual({ id: CAS });
});

test("the CAS secretariat registering into the consortium's committee is FORBIDDEN and writes nothing", async () => {
  const { subject } = await expertIdentity();
  const errors = await expectRefused(
    federation,
    written,
    REGISTER,
    { allianceId: CONSORTIUM, subject, name: 'Not the CAS alliance to add' },
    casSecretariat,
    { code: 'FORBIDDEN' },
  );
  expect(errors?.[0]?.message).toContain(`secretariat of alliance ${CONSORTIUM}`);
  // Left out, allianceId means the CAS alliance: not the consortium's secretariat's either.
  await expectRefused(
    federation,
    written,
    REGISTER,
    { subject, name: 'Into the CAS committee' },
    consortiumSecretariat,
    { code: 'FORBIDDEN' },
  );
  // Nor anyone who is no secretariat.
  await expectRefused(
    federation,
    written,
    REGISTER,
    { allianceId: CONSORTIUM, subject, name: 'Self-appointed' },
    await federation.token(`alliance:${CONSORTIUM}`, 'EDITOR'),
    { code: 'FORBIDDEN' },
  );
});

test('an unknown allianceId is NOT_FOUND on input.allianceId and writes nothing', async () => {
  const { subject } = await expertIdentity();
  await expectRefused(
    federation,
    written,
    REGISTER,
    { allianceId: 'no-such-alliance', subject, name: 'Nowhere' },
    consortiumSecretariat,
    { code: 'NOT_FOUND', field: 'input.allianceId' },
  );
});

test("Alliance.experts lists each committee's own experts only", async () => {
  const byCommittee = await committees();
  for (const [id, committee] of Object.entries(byCommittee)) {
    expect({ id, alliances: [...new Set(committee.map((e) => e.alliance.id))] }).toEqual({
      id,
      alliances: committee.length ? [id] : [],
    });
  }
  expect(names(byCommittee[CAS])).toEqual(
    expect.arrayContaining(['Wang Lei (illustrative)', 'Zhao Min (illustrative)']),
  );
  expect(names(byCommittee[CAS])).not.toContain('Consortium expert (new energy)');
  expect(names(byCommittee[CONSORTIUM])).toEqual(
    expect.arrayContaining([
      'Consortium expert (industrial digitalization)',
      'Consortium expert (new energy)',
    ]),
  );
  expect(names(byCommittee[CONSORTIUM])).not.toContain('Wang Lei (illustrative)');
  expect(byCommittee[COATING]).toEqual([]);
});

test('experts(allianceId:) filters; experts without it lists every committee', async () => {
  type List = { experts: Committee };
  const list = `query($allianceId: ID) { experts(allianceId: $allianceId, first: 100) { totalCount edges { node { name alliance { id } } } } }`;
  const every = dataOf(await federation.query<List>(list, {})).experts;
  const cas = dataOf(await federation.query<List>(list, { allianceId: CAS })).experts;
  const consortium = dataOf(await federation.query<List>(list, { allianceId: CONSORTIUM })).experts;
  const nowhere = dataOf(await federation.query<List>(list, { allianceId: 'no-such-alliance' })).experts;

  expect(new Set(cas.edges.map((e) => e.node.alliance.id))).toEqual(new Set([CAS]));
  expect(new Set(consortium.edges.map((e) => e.node.alliance.id))).toEqual(new Set([CONSORTIUM]));
  expect(nowhere).toEqual({ totalCount: 0, edges: [] });
  expect(every.totalCount).toBe(cas.totalCount + consortium.totalCount);
  expect(new Set(names(every))).toEqual(new Set([...names(cas), ...names(consortium)]));
  // The same committee as the alliance's own field.
  expect(consortium.edges.map((e) => e.node)).toEqual((await committees())[CONSORTIUM]);
});

test('Alliance.experts: the first of each committee by name, one statement for every alliance asked, bounded', async () => {
  for (let i = 0; i < 4; i += 1) await givenExpert(federation, { allianceId: CONSORTIUM });
  const one = (first: number) => `{ alliance(id: "${CONSORTIUM}") { experts(first: ${first}) { name } } }`;
  const every = (first: number) => `{ alliances { id experts(first: ${first}) { name } } }`;
  const firstTwo = dataOf(await federation.query<{ alliance: { experts: { name: string }[] } }>(one(2)));
  const paged = dataOf(
    await federation.query<{ experts: Committee }>(
      `{ experts(allianceId: "${CONSORTIUM}", first: 2) { totalCount edges { node { name alliance { id } } } } }`,
    ),
  );
  expect(firstTwo.alliance.experts).toHaveLength(2);
  expect(names(firstTwo.alliance.experts as Listed[])).toEqual(names(paged.experts));
  expect(paged.experts.totalCount).toBeGreaterThanOrEqual(6);

  const counts = async (query: string) => (await statementsOf(federation, query, {})).counts;
  const small = await counts(one(1));
  expect(await counts(one(6))).toEqual(small);
  expect(await counts(every(6))).toEqual(small);

  const refused = await federation.query(one(101));
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
});

test("a consortium expert reviewing a CAS project is FORBIDDEN and writes nothing; its own alliance's it may", async () => {
  const { subject, token } = await expertIdentity();
  dataOf(
    await register({ allianceId: CONSORTIUM, subject, name: 'Consortium reviewer' }, consortiumSecretariat),
  );
  const casProject = await givenProject(federation, { stage: 'EVALUATION' });
  const consortiumProject = await givenProject(federation, { allianceId: CONSORTIUM, stage: 'EVALUATION' });

  const errors = await expectRefused(federation, written, SUBMIT, review(casProject.id), token, {
    code: 'FORBIDDEN',
  });
  expect(errors?.[0]?.message).toContain(`expert committee of alliance ${CONSORTIUM}`);
  expect(errors?.[0]?.message).toContain(`project ${casProject.code} of alliance ${CAS}`);

  const own = await federation.query<{
    submitReview: { stage: string; expert: { name: string; alliance: { id: string } } };
  }>(SUBMIT, { input: review(consortiumProject.id) }, token);
  expect(dataOf(own).submitReview).toMatchObject({
    stage: 'EVALUATION',
    expert: { name: 'Consortium reviewer', alliance: { id: CONSORTIUM } },
  });
});

test('a CAS expert reviewing a consortium project is FORBIDDEN too', async () => {
  const { subject, token } = await expertIdentity();
  dataOf(await register({ subject, name: 'CAS reviewer' }, casSecretariat));
  const consortiumProject = await givenProject(federation, { allianceId: CONSORTIUM, stage: 'EVALUATION' });
  await expectRefused(federation, written, SUBMIT, review(consortiumProject.id), token, {
    code: 'FORBIDDEN',
  });
});
