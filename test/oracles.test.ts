import { Decimal } from '../shared/money';
import { givenReview } from './builders-alliance';
import { givenInvestment, givenProject } from './builders';
import { databaseOf, givenAchievement } from './builders-innovation';
import { dataOf } from './graphql';
import { startFederation, type Federation } from './federation';

/**
 * What an outsider (an anonymous caller) sees does not change with a fact hidden from it:
 * a members-only review's outcome, which staff member moved a project, a confidential
 * commitment's amount, a distribution's amount, or a confidential achievement's TRL.
 */
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
});

const NEXT = 'query($id: ID!) { project(id: $id) { allowedNextStages } }';

test("allowedNextStages does not tell an outsider a review's outcome", async () => {
  const [recommended, rejected, unreviewed] = await Promise.all([
    givenProject(federation, { stage: 'EVALUATION' }),
    givenProject(federation, { stage: 'EVALUATION' }),
    givenProject(federation, { stage: 'EVALUATION' }),
  ]);
  await givenReview(federation, recommended.id, 'ADVANCE');
  await givenReview(federation, rejected.id, 'REJECT');
  const member = await federation.token('enterprise:levima', 'VIEWER');

  const seen = async (id: string, token?: string): Promise<unknown> =>
    dataOf(await federation.query<{ project: unknown }>(NEXT, { id }, token)).project;

  const outsider = await Promise.all([recommended, rejected, unreviewed].map((p) => seen(p.id)));
  expect(outsider[0]).toEqual(outsider[1]);
  expect(outsider[0]).toEqual(outsider[2]);
  // Listed as not passed: an outsider is never told a stage is open that a review may close.
  expect(outsider[0]).toEqual({ allowedNextStages: ['ON_HOLD', 'TERMINATED'] });
  // Members, who may read the reviews, still get the gate applied.
  expect(await seen(recommended.id, member)).toEqual({
    allowedNextStages: ['PROOF_OF_CONCEPT', 'ON_HOLD', 'TERMINATED'],
  });
  expect(await seen(rejected.id, member)).toEqual({ allowedNextStages: ['ON_HOLD', 'TERMINATED'] });
});

test("a project's history names its staff authors to members only", async () => {
  const project = await givenProject(federation);
  const secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  dataOf(
    await federation.query(
      'mutation($input: ChangeProjectStageInput!) { changeProjectStage(input: $input) { id } }',
      { input: { projectId: project.id, to: 'EVALUATION', reason: 'screened' } },
      secretariat,
    ),
  );
  const HISTORY = 'query($id: ID!) { project(id: $id) { history { to by } } }';
  const history = async (token?: string): Promise<{ to: string; by: string }[]> =>
    dataOf(
      await federation.query<{ project: { history: { to: string; by: string }[] } }>(
        HISTORY,
        { id: project.id },
        token,
      ),
    ).project.history;

  const member = await history(await federation.token('enterprise:levima', 'VIEWER'));
  const outsider = await history();

  expect(member.find((c) => c.to === 'EVALUATION')?.by).toBe('alliance:secretariat#user');
  expect(outsider.map((c) => c.by)).toEqual(outsider.map(() => 'secretariat'));
});

test("one confidential commitment does not move the fund's or the alliance's public totals", async () => {
  const TOTALS = `{
    fund(id: "cas-amif") { committed { amount } available { amount } }
    allianceMetrics { capitalCommitted { amount } capitalDisbursed { amount } capitalByFundAndStage { stage amount { amount } } }
  }`;
  const member = await federation.token('enterprise:levima', 'VIEWER');
  const before = {
    outsider: dataOf(await federation.query(TOTALS)),
    member: dataOf(await federation.query(TOTALS, {}, member)),
  };

  await givenInvestment(federation, {
    amount: '12345678.91',
    visibility: 'CONFIDENTIAL',
    enterpriseId: 'levima',
  });
  await givenInvestment(federation, {
    amount: '7654321.09',
    visibility: 'CONFIDENTIAL',
    enterpriseId: 'levima',
    status: 'DISBURSED',
    disbursedOn: '2020-02-01',
  });

  expect(dataOf(await federation.query(TOTALS))).toEqual(before.outsider);
  expect(dataOf(await federation.query(TOTALS, {}, member))).toEqual(before.member);
  // The fund itself counts its confidential commitments.
  const own = dataOf(
    await federation.query<{ fund: { committed: { amount: string } } }>(
      TOTALS,
      {},
      await federation.token('fund:cas-amif', 'VIEWER'),
    ),
  );
  const outsider = before.outsider as { fund: { committed: { amount: string } } };
  expect(Number(own.fund.committed.amount) - Number(outsider.fund.committed.amount)).toBeCloseTo(
    20_000_000,
    2,
  );
});

test('one confidential achievement does not move the achievements by TRL anyone reads', async () => {
  const BY_TRL = '{ allianceMetrics { achievementsByTrl { trl achievements } } }';
  const readers = [
    undefined,
    await federation.token('enterprise:levima', 'VIEWER'),
    await federation.token('institute:dicp', 'EDITOR'),
  ];
  const read = (): Promise<unknown[]> =>
    Promise.all(readers.map(async (token) => dataOf(await federation.query(BY_TRL, {}, token))));
  const before = await read();

  await givenAchievement(federation, { visibility: 'CONFIDENTIAL', trl: 4 });

  // The owning institute too: the dashboard is one public figure, as the capital totals are.
  expect(await read()).toEqual(before);
});

test("a distribution's amount is not told by the benefits distributed or the transaction volume", async () => {
  const BENEFITS = '{ allianceMetrics { benefitsDistributed { amount } targets { target actual } } }';
  const secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  // A party of the agreement below, and a member that is none.
  const readers = [
    undefined,
    await federation.token('institute:ciac', 'VIEWER'),
    await federation.token('enterprise:levima', 'VIEWER'),
  ];
  type Benefits = { allianceMetrics: { benefitsDistributed: { amount: string } } };
  const read = (): Promise<Benefits[]> =>
    Promise.all(readers.map(async (token) => dataOf(await federation.query<Benefits>(BENEFITS, {}, token))));
  const exact = async (): Promise<Decimal> =>
    new Decimal(
      dataOf(await federation.query<Benefits>(BENEFITS, {}, secretariat)).allianceMetrics.benefitsDistributed
        .amount,
    );
  const project = await givenProject(federation);
  const before = { seen: await read(), exact: await exact() };
  // An amount that stays within the public figure's ¥10 million step.
  const amount = Decimal.min(
    '2345678.91',
    new Decimal(10_000_000).minus(before.exact.mod(10_000_000)).minus('0.01'),
  );

  const signed = dataOf(
    await federation.query<{ signBenefitAgreement: { id: string } }>(
      `mutation($projectId: ID!) {
        signBenefitAgreement(input: {
          projectId: $projectId, ipTerms: "Institute keeps the IP", signedOn: "2026-01-01",
          parties: [{ type: INSTITUTE, id: "ciac", role: INSTITUTE, share: "60" },
                    { type: ENTERPRISE, id: "guangzhou-chemical", role: OPERATOR, share: "40" }]
        }) { id }
      }`,
      { projectId: project.id },
      secretariat,
    ),
  );
  dataOf(
    await federation.query(
      'mutation($id: ID!, $amount: String!) { executeDistribution(input: { agreementId: $id, amount: $amount }) { id } }',
      { id: signed.signBenefitAgreement.id, amount: amount.toFixed(2) },
      secretariat,
    ),
  );

  expect(await read()).toEqual(before.seen);
  for (const seen of before.seen) {
    expect(new Decimal(seen.allianceMetrics.benefitsDistributed.amount).mod(10_000_000).isZero()).toBe(true);
  }
  // The secretariat, who executed it, reads the exact sum.
  expect((await exact()).minus(before.exact).toFixed(2)).toBe(amount.toFixed(2));
});

test("a patent number's clash does not tell who holds it, nor whether its achievement is confidential", async () => {
  const ADD = 'mutation($input: AddPatentInput!) { addPatent(input: $input) { id } }';
  const dicp = await federation.token('institute:dicp', 'EDITOR');
  const ciac = await federation.token('institute:ciac', 'EDITOR');
  const patent = (achievementId: string, number: string) => ({
    achievementId,
    number,
    jurisdiction: 'CN',
    title: 'Oracle test patent',
    filedOn: '2023-01-01',
  });
  const held = {
    confidential: await givenAchievement(federation, { visibility: 'CONFIDENTIAL', title: 'Hidden holder' }),
    public: await givenAchievement(federation, { visibility: 'PUBLIC', title: 'Visible holder' }),
    own: await givenAchievement(federation, { instituteId: 'ciac', title: 'Own holder' }),
  };
  dataOf(await federation.query(ADD, { input: patent(held.confidential.id, 'CN-ORACLE-0001') }, dicp));
  dataOf(await federation.query(ADD, { input: patent(held.public.id, 'CN-ORACLE-0002') }, dicp));
  dataOf(await federation.query(ADD, { input: patent(held.own.id, 'CN-ORACLE-0003') }, ciac));

  const mine = await givenAchievement(federation, { instituteId: 'ciac' });
  const clash = async (number: string): Promise<unknown> => {
    const response = await federation.query(ADD, { input: patent(mine.id, number) }, ciac);
    expect(response.data).toBeNull();
    // The number the caller sent is all it names; the rest must not differ by holder.
    return response.errors?.map(({ message, extensions }) => {
      const { requestId: _, ...rest } = extensions ?? {};
      return JSON.parse(
        JSON.stringify({ message, extensions: rest }).replaceAll(number, '<number>'),
      ) as unknown;
    });
  };
  const answers = await Promise.all(['CN-ORACLE-0001', 'CN-ORACLE-0002', 'CN-ORACLE-0003'].map(clash));
  expect(answers[0]).toEqual(answers[1]);
  expect(answers[0]).toEqual(answers[2]);
  expect(answers[0]).toMatchObject([
    {
      message: 'patent CN <number> is already registered in the alliance',
      extensions: { code: 'CONFLICT', field: 'input.number' },
    },
  ]);
  const patents = await databaseOf(federation, 'institutes').query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM institutes.patent WHERE achievement_id = $1',
    [mine.id],
  );
  expect(patents).toEqual([{ n: 0 }]);
});
