import { Decimal } from '../shared/money';
import { givenProject } from './builders';
import { givenFund } from './builders-capital';
import { startFederation, type Federation } from './federation';

/**
 * The alliance dashboard: one `AllianceMetrics` entity stitched from all five subgraphs,
 * on the demo data. The alliance's own figures are the articles' (47 docked, 3 to pilot or
 * industrialization, 16 → 22 governing units); each other subgraph's contribution is
 * checked against that subgraph's own public API.
 */

const WINDOW = { from: '2026-12-01', to: '2027-03-01' };

const METRICS = /* GraphQL */ `
  query Dashboard($from: String!, $to: String!) {
    allianceMetrics {
      id
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
      }
      transformationProjects
      keyProjects
      governingUnits
      governingUnitGrowth {
        date
        governingUnits
      }
      members
      benefitsDistributed {
        amount
        currency
      }
      centralSoes
      achievementsByTrl {
        trl
        achievements
      }
      capitalCommitted {
        amount
        currency
      }
      capitalDisbursed {
        amount
        currency
      }
      facilityUtilization(from: $from, to: $to) {
        from
        to
        facilities
        facilityDays
        bookedDays
        confirmedDays
        rate
      }
      targets {
        target
        goal
        actual
        unit
        percent
      }
    }
  }
`;

interface Metrics {
  id: string;
  projectsByStage: { stage: string; projects: number }[];
  funnel: Record<string, number>;
  transformationProjects: number;
  keyProjects: number;
  governingUnits: number;
  governingUnitGrowth: { date: string; governingUnits: number }[];
  members: number;
  benefitsDistributed: { amount: string; currency: string };
  centralSoes: number;
  achievementsByTrl: { trl: number; achievements: number }[];
  capitalCommitted: { amount: string; currency: string };
  capitalDisbursed: { amount: string; currency: string };
  facilityUtilization: {
    facilities: number;
    facilityDays: number;
    bookedDays: number;
    confirmedDays: number;
    rate: string;
  };
  targets: { target: string; goal: string; actual: string; unit: string; percent: string }[];
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

async function metrics(token?: string): Promise<Metrics> {
  const response = await federation.query<{ allianceMetrics: Metrics }>(METRICS, WINDOW, token);
  expect(response.errors).toBeUndefined();
  return response.data!.allianceMetrics;
}

function stageCounts(m: Metrics): Record<string, number> {
  return Object.fromEntries(m.projectsByStage.map((s) => [s.stage, s.projects]));
}

function target(m: Metrics, name: string) {
  return m.targets.find((t) => t.target === name)!;
}

describe('on the demo data', () => {
  let demo: Metrics;
  beforeAll(async () => {
    demo = await metrics();
  });

  test('the articles’ figures: 47 projects docked, 3 to pilot or industrialization, 22 governing units', () => {
    expect(demo.id).toBe('alliance');
    expect(demo.funnel).toEqual({
      docked: 47,
      evaluated: 16,
      proofOfConcept: 6,
      pilot: 3,
      industrialization: 1,
      commercialized: 0,
    });
    expect(demo.transformationProjects).toBe(47);
    expect(demo.governingUnits).toBe(22);
  });

  test('projects by stage add up to the projects docked, in lifecycle order', () => {
    expect(demo.projectsByStage).toEqual([
      { stage: 'DOCKING', projects: 28 },
      { stage: 'EVALUATION', projects: 6 },
      { stage: 'PROOF_OF_CONCEPT', projects: 3 },
      { stage: 'PILOT', projects: 2 },
      { stage: 'INDUSTRIALIZATION', projects: 1 },
      { stage: 'COMMERCIALIZED', projects: 0 },
      { stage: 'ON_HOLD', projects: 3 },
      { stage: 'TERMINATED', projects: 4 },
    ]);
    expect(demo.projectsByStage.reduce((sum, s) => sum + s.projects, 0)).toBe(demo.transformationProjects);
  });

  test('the governing council grew from 16 at the founding to 22', () => {
    expect(demo.governingUnitGrowth[0]).toEqual({ date: '2018-01-10', governingUnits: 16 });
    expect(demo.governingUnitGrowth.at(-1)).toEqual({ date: '2019-06-18', governingUnits: 22 });
    expect(demo.governingUnitGrowth).toHaveLength(7);
    const counts = demo.governingUnitGrowth.map((p) => p.governingUnits);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(demo.members).toBe(24);
  });

  test('progress towards the 10 / 100 / 1,000 / ¥1 trillion targets', () => {
    expect(demo.keyProjects).toBe(3);
    expect(demo.targets).toEqual([
      { target: 'KEY_PROJECTS', goal: '10', actual: '3', unit: 'projects', percent: '30.00' },
      {
        target: 'CENTRAL_SOES',
        goal: '100',
        actual: String(demo.centralSoes),
        unit: 'enterprises',
        percent: new Decimal(demo.centralSoes).toFixed(2),
      },
      { target: 'TRANSFORMATION_PROJECTS', goal: '1000', actual: '47', unit: 'projects', percent: '4.70' },
      {
        target: 'TRANSACTION_VOLUME',
        goal: '1000000000000.00',
        actual: new Decimal(demo.capitalCommitted.amount).plus(demo.benefitsDistributed.amount).toFixed(2),
        unit: 'CNY',
        percent: new Decimal(demo.capitalCommitted.amount)
          .plus(demo.benefitsDistributed.amount)
          .div('1000000000000')
          .times(100)
          .toFixed(2),
      },
    ]);
  });

  test('enterprises contributes the central SOE count its own list reports', async () => {
    const own = await federation.query<{ enterprises: { totalCount: number } }>(
      '{ enterprises(filter: { ownership: CENTRAL_SOE }) { totalCount } }',
    );
    expect(demo.centralSoes).toBe(own.data!.enterprises.totalCount);
    expect(demo.centralSoes).toBeGreaterThanOrEqual(1); // Sinopec Guangzhou Engineering
  });

  test('institutes contributes every achievement but the confidential ones once, by TRL 1–9', async () => {
    expect(demo.achievementsByTrl.map((t) => t.trl)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const db = federation.stack.subgraphs.get('institutes')!.dataSource;
    // A count: always one row.
    const [{ count }] = await db.query<[{ count: number }]>(
      "SELECT count(*)::int AS count FROM institutes.achievement WHERE visibility <> 'CONFIDENTIAL'",
    );
    expect(demo.achievementsByTrl.reduce((sum, t) => sum + t.achievements, 0)).toBe(count);
    expect(demo.achievementsByTrl.find((t) => t.trl === 9)!.achievements).toBeGreaterThanOrEqual(1); // DMTO
  });

  test('funds contributes the capital its funds report as committed', async () => {
    const own = await federation.query<{ funds: { committed: { amount: string; currency: string } }[] }>(
      '{ funds { committed { amount currency } } }',
    );
    const committed = own
      .data!.funds.filter((f) => f.committed.currency === 'CNY')
      .reduce((sum, f) => sum.plus(f.committed.amount), new Decimal(0));
    expect(demo.capitalCommitted).toEqual({ amount: committed.toFixed(2), currency: 'CNY' });
    // CAS Holdings' 850 million yuan in Levima is paid out.
    expect(new Decimal(demo.capitalDisbursed.amount).gte('850000000')).toBe(true);
    expect(new Decimal(demo.capitalDisbursed.amount).lte(demo.capitalCommitted.amount)).toBe(true);
  });

  test('pilot-bases contributes the utilization its facilities report', async () => {
    const own = await federation.query<{
      pilotBases: { facilities: { utilization: { days: number; bookedDays: number } }[] }[];
    }>(
      `query($from: String!, $to: String!) {
        pilotBases { facilities { utilization(from: $from, to: $to) { days bookedDays } } }
      }`,
      WINDOW,
      secretariat,
    );
    expect(own.errors).toBeUndefined();
    const facilities = own.data!.pilotBases.flatMap((b) => b.facilities);
    const booked = facilities.reduce((sum, f) => sum + f.utilization.bookedDays, 0);
    const days = facilities.reduce((sum, f) => sum + f.utilization.days, 0);
    expect(demo.facilityUtilization).toMatchObject({
      facilities: facilities.length,
      facilityDays: days,
      bookedDays: booked,
    });
    expect(demo.facilityUtilization.rate).toBe(new Decimal(booked).div(days).toFixed(4));
    expect(booked).toBeGreaterThan(0); // the DMTO pilot run
  });

  test('the dashboard is public: a member sees the same figures as an anonymous caller', async () => {
    expect(await metrics(await federation.token('enterprise:levima', 'VIEWER'))).toEqual(demo);
  });

  test('the dashboard costs one statement per contributing subgraph, a few in the alliance', async () => {
    const once = await federation.statementsDuring(() => metrics());
    expect(once).toEqual({ institutes: 1, enterprises: 1, 'pilot-bases': 1, funds: 1, alliance: 5 });
  });
});

describe('after changes', () => {
  test('committed and disbursed capital follow commitments, disbursements and exits, exactly', async () => {
    const fund = await givenFund(federation, { size: '10000000.00' });
    const dollars = await givenFund(federation, { size: '10000000.00', currency: 'USD' });
    const capital = async () => {
      const { capitalCommitted, capitalDisbursed } = await metrics();
      return {
        committed: new Decimal(capitalCommitted.amount),
        disbursed: new Decimal(capitalDisbursed.amount),
      };
    };
    const mutate = async (query: string, variables: Record<string, unknown>, fundId: string) => {
      const response = await federation.query<Record<string, { id: string }>>(
        query,
        variables,
        await federation.token(`fund:${fundId}`, 'EDITOR'),
      );
      expect(response.errors).toBeUndefined();
      return Object.values(response.data!)[0]!.id;
    };
    const commit = (fundId: string, amount: string) =>
      mutate(
        `mutation($input: CommitInvestmentInput!) { commitInvestment(input: $input) { id } }`,
        {
          input: {
            fundId,
            projectId: 'dmto-industrialization',
            stage: 'PILOT',
            instrument: 'EQUITY',
            amount,
            focusArea: 'advanced materials',
          },
        },
        fundId,
      );
    const change = (mutation: string, id: string, fundId: string) =>
      mutate(`mutation($id: ID!) { ${mutation}(id: $id) { id } }`, { id }, fundId);

    const start = await capital();
    const a = await commit(fund.id, '1000.10');
    const b = await commit(fund.id, '250.05');
    await commit(dollars.id, '999.99'); // another currency: not in the yuan figures
    await change('disburseInvestment', a, fund.id);
    await change('disburseInvestment', b, fund.id);
    await change('exitInvestment', b, fund.id);
    const end = await capital();
    // a: committed and paid out; b: paid out, then exited (binds nothing any more).
    expect(end.committed.minus(start.committed).toFixed(2)).toBe('1000.10');
    expect(end.disbursed.minus(start.disbursed).toFixed(2)).toBe('1000.10');

    // By fund and stage: each fund's binding capital in its own currency, summed in SQL.
    const byFund = await federation.query<{
      allianceMetrics: {
        capitalByFundAndStage: {
          fund: { id: string };
          stage: string;
          amount: { amount: string; currency: string };
        }[];
      };
    }>('{ allianceMetrics { capitalByFundAndStage { fund { id } stage amount { amount currency } } } }');
    expect(byFund.errors).toBeUndefined();
    const cells = byFund.data!.allianceMetrics.capitalByFundAndStage;
    expect(cells.filter((c) => c.fund.id === fund.id)).toEqual([
      { fund: { id: fund.id }, stage: 'PILOT', amount: { amount: '1000.10', currency: 'CNY' } },
    ]);
    expect(cells.filter((c) => c.fund.id === dollars.id)).toEqual([
      { fund: { id: dollars.id }, stage: 'PILOT', amount: { amount: '999.99', currency: 'USD' } },
    ]);
    const yuan = cells
      .filter((c) => c.amount.currency === 'CNY')
      .reduce((sum, c) => sum.plus(c.amount.amount), new Decimal(0));
    expect(yuan.toFixed(2)).toBe(end.committed.toFixed(2));
  });

  test('a project moving to PILOT shows in the stages and the funnel; more projects cost no more statements', async () => {
    const before = await metrics();
    const cost = await federation.statementsDuring(() => metrics());
    const { id } = await givenProject(federation, { stage: 'PROOF_OF_CONCEPT', keyProject: true });
    for (let i = 0; i < 20; i += 1) await givenProject(federation);
    const moved = await federation.query(
      `mutation($id: ID!) { changeProjectStage(input: { projectId: $id, to: PILOT, reason: "Pilot run booked" }) { stage } }`,
      { id },
      secretariat,
    );
    expect(moved.errors).toBeUndefined();

    const after = await metrics();
    expect(after.transformationProjects).toBe(before.transformationProjects + 21);
    expect(stageCounts(after).PILOT).toBe(stageCounts(before).PILOT! + 1);
    expect(stageCounts(after).DOCKING).toBe(stageCounts(before).DOCKING! + 20);
    expect(after.funnel.pilot).toBe(before.funnel.pilot! + 1);
    expect(after.keyProjects).toBe(before.keyProjects + 1);
    expect(target(after, 'KEY_PROJECTS').actual).toBe(String(before.keyProjects + 1));
    expect(await federation.statementsDuring(() => metrics())).toEqual(cost);
  });

  test('a withdrawn governing unit leaves the council; an executed distribution adds to the transaction volume the secretariat reads', async () => {
    const before = await metrics(secretariat);
    const withdrawn = await federation.query(
      `mutation { updateMember(input: { id: "member-governing-unit-22", status: WITHDRAWN, leftOn: "2026-06-30" }) { status leftOn } }`,
      {},
      secretariat,
    );
    expect(withdrawn.errors).toBeUndefined();

    const project = await givenProject(federation);
    const signed = await federation.query<{ signBenefitAgreement: { id: string } }>(
      `mutation($projectId: ID!) {
        signBenefitAgreement(input: {
          projectId: $projectId, ipTerms: "Institute keeps the IP", signedOn: "2026-01-01",
          parties: [{ type: INSTITUTE, id: "ciac", role: INSTITUTE, share: "60" },
                    { type: ENTERPRISE, id: "guangzhou-chemical", role: OPERATOR, share: "40" }]
        }) { id }
      }`,
      { projectId: project.id },
      secretariat,
    );
    expect(signed.errors).toBeUndefined();
    const executed = await federation.query(
      `mutation($id: ID!) { executeDistribution(input: { agreementId: $id, amount: "2500000.00" }) { id } }`,
      { id: signed.data!.signBenefitAgreement.id },
      secretariat,
    );
    expect(executed.errors).toBeUndefined();

    const after = await metrics(secretariat);
    expect(after.governingUnits).toBe(before.governingUnits - 1);
    expect(after.members).toBe(before.members - 1);
    expect(after.governingUnitGrowth.at(-1)).toEqual({
      date: '2026-06-30',
      governingUnits: before.governingUnits - 1,
    });
    expect(after.benefitsDistributed.amount).toBe(
      new Decimal(before.benefitsDistributed.amount).plus(2500000).toFixed(2),
    );
    expect(target(after, 'TRANSACTION_VOLUME').actual).toBe(
      new Decimal(target(before, 'TRANSACTION_VOLUME').actual).plus(2500000).toFixed(2),
    );
  });

  test('a window with the end before the start is refused, naming the argument', async () => {
    const response = await federation.query(METRICS, { from: '2027-01-01', to: '2026-01-01' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});

test("with the funds subgraph's database gone, the dashboard still answers what the others own", async () => {
  const funds = federation.stack.subgraphs.get('funds')!.dataSource;
  await funds.destroy();
  try {
    const response = await federation.query<{ allianceMetrics: Metrics }>(METRICS, WINDOW);
    const dashboard = response.data!.allianceMetrics;
    expect(dashboard.funnel.docked).toBeGreaterThanOrEqual(47);
    expect(dashboard.centralSoes).toBeGreaterThanOrEqual(1);
    expect(dashboard.capitalCommitted).toBeNull();
    expect(target(dashboard, 'KEY_PROJECTS').actual).not.toBeNull();
    expect(target(dashboard, 'TRANSACTION_VOLUME')).toMatchObject({ actual: null, percent: null });
    expect(response.errors?.map((e) => e.path?.join('.'))).toEqual(
      expect.arrayContaining(['allianceMetrics.capitalCommitted']),
    );
  } finally {
    await funds.initialize();
  }
});
