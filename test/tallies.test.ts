import type { DataSource, EntityManager } from 'typeorm';
import { givenInvestment, givenProject } from './builders';
import { givenBase, givenBooking, givenFacility, givenFund } from './builders-capital';
import { givenAchievement } from './builders-innovation';
import { startFederation, type Federation } from './federation';

/**
 * The dashboards' counts of projects, achievements per TRL, booked days and capital come
 * from tallies a trigger keeps as rows change (shared/tally.ts): after writes of every kind,
 * concurrent ones included, each equals a recount, and the dashboard reads no project,
 * achievement, booking or investment.
 */
let federation: Federation;
let alliance: DataSource;
let institutes: DataSource;
let pilotBases: DataSource;
let funds: DataSource;
let secretariat: string;

beforeAll(async () => {
  federation = await startFederation();
  alliance = federation.stack.subgraphs.get('alliance')!.dataSource;
  institutes = federation.stack.subgraphs.get('institutes')!.dataSource;
  pilotBases = federation.stack.subgraphs.get('pilot-bases')!.dataSource;
  funds = federation.stack.subgraphs.get('funds')!.dataSource;
  secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
});
afterAll(async () => {
  await federation.stop();
});

/**
 * A tally's groups that hold rows, and the same groups counted (and `sums` summed) from the
 * counted table itself: equal when the trigger kept the tally right.
 */
async function tallyAndRecount(
  db: DataSource,
  {
    schema,
    table,
    tally,
    groups,
    sums = [],
  }: { schema: string; table: string; tally: string; groups: string; sums?: string[] },
): Promise<[unknown[], unknown[]]> {
  return Promise.all([
    db.query<unknown[]>(
      `SELECT ${groups}, row_count${sums.map((c) => `, ${c}::text`).join('')}
       FROM ${schema}.${tally} WHERE row_count > 0 ORDER BY ${groups}`,
    ),
    db.query<unknown[]>(
      `SELECT ${groups}, count(*)::int AS row_count${sums.map((c) => `, sum(${c})::text AS ${c}`).join('')}
       FROM ${schema}.${table} GROUP BY ${groups} ORDER BY ${groups}`,
    ),
  ]);
}

/** A write in a transaction that then fails: it must leave every tally as it was. */
async function rolledBack(db: DataSource, write: (tx: EntityManager) => Promise<unknown>): Promise<void> {
  await db
    .transaction(async (tx) => {
      await write(tx);
      throw new Error('rolled back');
    })
    .catch(() => undefined);
}

const MOVE = /* GraphQL */ `
  mutation Move($input: ChangeProjectStageInput!) {
    changeProjectStage(input: $input) {
      stage
    }
  }
`;

const DASHBOARD = /* GraphQL */ `
  {
    allianceMetrics {
      projectsByStage {
        stage
        projects
      }
      funnel {
        docked
        evaluated
        proofOfConcept
        pilot
      }
      transformationProjects
      keyProjects
      achievementsByTrl {
        trl
        achievements
      }
    }
    alliance(id: "cas-advanced-materials") {
      projectCount
    }
  }
`;

interface Dashboard {
  allianceMetrics: {
    projectsByStage: { stage: string; projects: number }[];
    funnel: { docked: number; evaluated: number; proofOfConcept: number; pilot: number };
    transformationProjects: number;
    keyProjects: number;
    achievementsByTrl: { trl: number; achievements: number }[];
  };
  alliance: { projectCount: number };
}

/** The dashboard's figures counted from the project rows themselves. */
async function dashboardRecounted(): Promise<Dashboard> {
  const where = `WHERE alliance_id = 'cas-advanced-materials'`;
  const stages = await alliance.query<{ stage: string; n: number }[]>(
    `SELECT stage, count(*)::int AS n FROM alliance.project ${where} GROUP BY stage`,
  );
  // Aggregates without GROUP BY: always one row.
  const [row] = await alliance.query<
    [{ total: number; key: number; f2: number; f3: number; f4: number }]
  >(`SELECT count(*)::int AS total,
            count(*) FILTER (WHERE key_project AND stage <> 'TERMINATED')::int AS key,
            count(*) FILTER (WHERE furthest_stage >= 2)::int AS f2,
            count(*) FILTER (WHERE furthest_stage >= 3)::int AS f3,
            count(*) FILTER (WHERE furthest_stage >= 4)::int AS f4
     FROM alliance.project ${where}`);
  const byStage = new Map(stages.map((s) => [s.stage, s.n]));
  const trls = await institutes.query<{ trl: number; achievements: number }[]>(
    `SELECT levels.trl, count(a.id)::int AS achievements
     FROM generate_series(1, 9) AS levels (trl)
     LEFT JOIN institutes.achievement a ON a.trl = levels.trl AND a.visibility <> 'CONFIDENTIAL'
     GROUP BY levels.trl ORDER BY levels.trl`,
  );
  const answer = await federation.query<Dashboard>(DASHBOARD);
  return {
    allianceMetrics: {
      projectsByStage: answer.data!.allianceMetrics.projectsByStage.map(({ stage }) => ({
        stage,
        projects: byStage.get(stage) ?? 0,
      })),
      funnel: { docked: row.total, evaluated: row.f2, proofOfConcept: row.f3, pilot: row.f4 },
      transformationProjects: row.total,
      keyProjects: row.key,
      achievementsByTrl: trls,
    },
    alliance: { projectCount: row.total },
  };
}

test('after concurrent creations, moves, key-project and TRL changes and deletions each tally equals a recount', async () => {
  const projects = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      givenProject(federation, {
        keyProject: i % 3 === 0,
        allianceId: i === 6 || i === 10 ? 'china-coating-alliance' : 'cas-advanced-materials',
      }),
    ),
  );
  const ids = projects.map((p) => p.id);
  // Concurrently: the secretariat moves half of them through the gateway (the history's
  // trigger raises furthest_stage), while direct writes flip key projects, delete others
  // and insert more — every path a project row changes by.
  const writes: Promise<unknown>[] = [];
  for (const id of ids.slice(0, 6)) {
    writes.push(
      (async () => {
        for (const to of ['EVALUATION', 'ON_HOLD']) {
          const moved = await federation.query(
            MOVE,
            { input: { projectId: id, to, reason: 'tally test' } },
            secretariat,
          );
          expect(moved.errors).toBeUndefined();
        }
      })(),
    );
  }
  for (const id of ids.slice(6, 9)) {
    writes.push(
      alliance.query(`UPDATE alliance.project SET key_project = NOT key_project WHERE id = $1`, [id]),
    );
  }
  writes.push(
    alliance.transaction(async (tx) => {
      await tx.query(`DELETE FROM alliance.stage_change WHERE project_id = ANY($1)`, [ids.slice(9)]);
      await tx.query(`DELETE FROM alliance.project WHERE id = ANY($1)`, [ids.slice(9)]);
    }),
  );
  for (let i = 0; i < 4; i += 1) writes.push(givenProject(federation, { keyProject: true }));
  // Achievements: registered at every TRL and visibility, moved up the TRL scale, made
  // confidential, deleted.
  const achievements = await Promise.all(
    Array.from({ length: 9 }, (_, i) =>
      givenAchievement(federation, { trl: i + 1, visibility: i % 3 === 0 ? 'CONFIDENTIAL' : 'PUBLIC' }),
    ),
  );
  for (const a of achievements.slice(0, 4)) {
    writes.push(institutes.query(`UPDATE institutes.achievement SET trl = trl + 1 WHERE id = $1`, [a.id]));
  }
  writes.push(
    institutes.query(`UPDATE institutes.achievement SET visibility = 'CONFIDENTIAL' WHERE id = $1`, [
      achievements[5]!.id,
    ]),
  );
  writes.push(institutes.query(`DELETE FROM institutes.achievement WHERE id = $1`, [achievements[8]!.id]));
  for (let i = 0; i < 3; i += 1) writes.push(givenAchievement(federation, { trl: 9 }));
  // A write that fails leaves the tally as it was.
  writes.push(
    rolledBack(alliance, async (tx) => {
      await tx.query(`UPDATE alliance.project SET key_project = true WHERE id = $1`, [ids[0]]);
    }),
  );
  await Promise.all(writes);

  for (const [db, tally] of [
    [
      alliance,
      {
        schema: 'alliance',
        table: 'project',
        tally: 'project_tally',
        groups: 'alliance_id, stage, key_project, furthest_stage',
      },
    ],
    [
      institutes,
      { schema: 'institutes', table: 'achievement', tally: 'achievement_tally', groups: 'trl, visibility' },
    ],
  ] as const) {
    const [kept, recounted] = await tallyAndRecount(db, tally);
    expect(kept).toEqual(recounted);
  }
  const dashboard = await federation.query<Dashboard>(DASHBOARD);
  expect(dashboard.errors).toBeUndefined();
  expect(dashboard.data).toEqual(await dashboardRecounted());
});

/** Each read statement `subgraph` sends while the dashboard is answered, with its plan. */
async function dashboardPlans(
  subgraph: string,
  db: DataSource,
  document = DASHBOARD,
  variables: Record<string, unknown> = {},
): Promise<{ query: string; plan: string }[]> {
  const recording = federation.stack.subgraphs.get(subgraph)!.statements;
  recording.recorded = [];
  let statements: { query: string; parameters: unknown[] }[];
  try {
    const answer = await federation.query(document, variables);
    expect(answer.errors).toBeUndefined();
  } finally {
    statements = recording.recorded;
    recording.recorded = null;
  }
  const reads = statements.filter(({ query }) => /^\s*(SELECT|WITH)\b/i.test(query));
  expect(reads.length).toBeGreaterThan(0);
  return Promise.all(
    reads.map(async ({ query, parameters }) => ({
      query,
      plan: (await db.query<Record<string, string>[]>(`EXPLAIN ${query}`, parameters))
        .map((row) => Object.values(row)[0])
        .join('\n'),
    })),
  );
}

test("the dashboard's figures read the tallies, not the projects or the achievements", async () => {
  // `on project_tally` is the tally; `on project` alone (any scan of it) would grow with the projects.
  for (const { query, plan } of await dashboardPlans('alliance', alliance)) {
    expect({ query, scansProjects: /\bon project\b/.test(plan) }).toEqual({ query, scansProjects: false });
  }
  for (const { query, plan } of await dashboardPlans('institutes', institutes)) {
    expect({ query, scansAchievements: /\bon achievement\b/.test(plan) }).toEqual({
      query,
      scansAchievements: false,
    });
  }
});

const BOARD_TOTAL = /* GraphQL */ `
  query BoardTotal($filter: ProjectFilter) {
    projects(first: 1, filter: $filter) {
      totalCount
    }
  }
`;

test("the board's totalCount sums the tally for filters it has columns for, and counts the rest", async () => {
  const recounted = async (where: string, parameters: unknown[] = []) =>
    (
      await alliance.query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM alliance.project ${where}`,
        parameters,
      )
    )[0].n;
  const cases: [Record<string, unknown> | null, number][] = [
    [null, await recounted('')],
    [{ stages: ['DOCKING', 'ON_HOLD'] }, await recounted(`WHERE stage IN ('DOCKING', 'ON_HOLD')`)],
    [{ keyProject: true }, await recounted('WHERE key_project')],
    [
      { allianceIds: ['china-coating-alliance'] },
      await recounted(`WHERE alliance_id = 'china-coating-alliance'`),
    ],
    [{ leadEnterpriseIds: ['levima'] }, await recounted(`WHERE lead_enterprise_id = 'levima'`)],
  ];
  const recording = federation.stack.subgraphs.get('alliance')!.statements;
  for (const [filter, expected] of cases) {
    recording.recorded = [];
    try {
      const answer = await federation.query<{ projects: { totalCount: number } }>(BOARD_TOTAL, { filter });
      expect({ filter, totalCount: answer.data?.projects.totalCount }).toEqual({
        filter,
        totalCount: expected,
      });
      const countsProjects = recording.recorded.some(({ query }) =>
        /COUNT\(.*FROM "alliance"\."project"/is.test(query),
      );
      // Only a filter the tally has no column for counts the projects themselves.
      expect({ filter, countsProjects }).toEqual({
        filter,
        countsProjects: filter?.leadEnterpriseIds !== undefined,
      });
    } finally {
      recording.recorded = null;
    }
  }
});

const CONFIRMED = `('CONFIRMED', 'RUNNING', 'COMPLETED')`;

/** The booked and confirmed facility-days of [from, to), summed over the bookings themselves. */
async function usageRecounted(
  from: string,
  to: string,
): Promise<{ bookedDays: number; confirmedDays: number }> {
  // Aggregates without GROUP BY: always one row.
  const [row] = await pilotBases.query<[{ booked: number; confirmed: number }]>(
    `SELECT coalesce(sum(upper(b.period * w) - lower(b.period * w)), 0)::int AS booked,
            coalesce(sum(upper(b.period * w) - lower(b.period * w)) FILTER (WHERE b.status IN ${CONFIRMED}), 0)::int AS confirmed
     FROM pilot_bases.booking b, daterange($1::date, $2::date) AS w
     WHERE b.period && w AND b.status <> 'CANCELLED'`,
    [from, to],
  );
  return { bookedDays: row.booked, confirmedDays: row.confirmed };
}

const UTILIZATION = /* GraphQL */ `
  query Utilization($from: String!, $to: String!) {
    allianceMetrics {
      facilityUtilization(from: $from, to: $to) {
        bookedDays
        confirmedDays
      }
    }
  }
`;

test('after concurrent bookings, confirmations, moves, cancellations and deletions the booked-day tally equals a recount', async () => {
  const base = await givenBase(federation);
  const facilities = await Promise.all(
    Array.from({ length: 4 }, () => givenFacility(federation, { baseId: base.id })),
  );
  // Bookings on four facilities that overlap one another's days (never their own facility's).
  const bookings = await Promise.all(
    facilities.flatMap((facility, f) =>
      [0, 1, 2].map((k) =>
        givenBooking(federation, {
          facilityId: facility.id,
          projectId: 'dmto-industrialization',
          start: `2031-0${k + 1}-0${f + 1}`,
          end: `2031-0${k + 1}-2${f}`,
          status: k === 2 ? 'CONFIRMED' : 'REQUESTED',
        }),
      ),
    ),
  );
  const writes: Promise<unknown>[] = [];
  const set = (id: string, assignments: string) =>
    pilotBases.query(`UPDATE pilot_bases.booking SET ${assignments} WHERE id = $1`, [id]);
  writes.push(set(bookings[0]!, `status = 'CONFIRMED'`));
  writes.push(set(bookings[1]!, `status = 'CANCELLED', cancellation_reason = 'tally test'`));
  writes.push(set(bookings[3]!, `period = daterange('2031-04-02', '2031-05-09', '[)')`));
  writes.push(set(bookings[5]!, `status = 'RUNNING'`));
  writes.push(
    set(bookings[6]!, `status = 'CONFIRMED', period = daterange('2031-01-10', '2031-02-03', '[)')`),
  );
  writes.push(set(bookings[8]!, `status = 'COMPLETED', outcome = 'ran as planned'`));
  writes.push(pilotBases.query(`DELETE FROM pilot_bases.booking WHERE id = $1`, [bookings[9]!]));
  writes.push(set(bookings[10]!, `purpose = 'only the purpose changes'`));
  for (const facility of facilities)
    writes.push(
      givenBooking(federation, {
        facilityId: facility.id,
        projectId: 'dmto-industrialization',
        start: '2031-06-01',
        end: '2031-07-15',
      }),
    );
  // A write that fails leaves the tally as it was.
  writes.push(
    rolledBack(pilotBases, async (tx) => {
      await tx.query(`UPDATE pilot_bases.booking SET status = 'CONFIRMED' WHERE id = $1`, [bookings[4]]);
    }),
  );
  await Promise.all(writes);

  expect(
    await pilotBases.query(
      `SELECT day::text, booked, confirmed FROM pilot_bases.booked_day_tally WHERE booked > 0 ORDER BY day`,
    ),
  ).toEqual(
    await pilotBases.query(
      `SELECT d::date::text AS day, count(*)::int AS booked,
              count(*) FILTER (WHERE b.status IN ${CONFIRMED})::int AS confirmed
       FROM pilot_bases.booking b, generate_series(lower(b.period), upper(b.period) - 1, interval '1 day') AS d
       WHERE b.status <> 'CANCELLED'
       GROUP BY d::date ORDER BY d::date`,
    ),
  );
  for (const [from, to] of [
    ['2031-01-01', '2031-08-01'],
    ['2031-01-15', '2031-02-02'],
    ['2030-12-31', '2031-01-01'],
  ] as const) {
    const answer = await federation.query<{
      allianceMetrics: { facilityUtilization: { bookedDays: number; confirmedDays: number } };
    }>(UTILIZATION, { from, to });
    expect(answer.errors).toBeUndefined();
    expect({ from, to, ...answer.data!.allianceMetrics.facilityUtilization }).toEqual({
      from,
      to,
      ...(await usageRecounted(from, to)),
    });
  }
});

test('facility utilization reads the booked-day tally, not the bookings', async () => {
  const plans = await dashboardPlans('pilot-bases', pilotBases, UTILIZATION, {
    from: '2031-01-01',
    to: '2031-08-01',
  });
  expect(plans.length).toBeGreaterThan(0);
  for (const { query, plan } of plans)
    expect({ query, scansBookings: /\bon booking\b/.test(plan) }).toEqual({ query, scansBookings: false });
});

const CAPITAL = /* GraphQL */ `
  {
    allianceMetrics {
      capitalCommitted {
        amount
      }
      capitalDisbursed {
        amount
      }
      capitalByFundAndStage {
        fund {
          id
        }
        stage
        amount {
          amount
          currency
        }
      }
    }
  }
`;

interface Capital {
  allianceMetrics: {
    capitalCommitted: { amount: string };
    capitalDisbursed: { amount: string };
    capitalByFundAndStage: {
      fund: { id: string };
      stage: string;
      amount: { amount: string; currency: string };
    }[];
  };
}

/** The dashboard's capital summed over the investments themselves. */
async function capitalRecounted(): Promise<Capital> {
  const binding = `i.status IN ('COMMITTED', 'DISBURSED') AND i.visibility <> 'CONFIDENTIAL'`;
  // Aggregates without GROUP BY: always one row.
  const [totals] = await funds.query<[{ committed: string; disbursed: string }]>(
    `SELECT to_char(coalesce(sum(i.amount) FILTER (WHERE ${binding}), 0), 'FM999999999999990.00') AS committed,
            to_char(coalesce(sum(i.amount) FILTER (WHERE ${binding} AND i.status = 'DISBURSED'), 0), 'FM999999999999990.00') AS disbursed
     FROM funds.investment i JOIN funds.fund f ON f.id = i.fund_id AND f.currency = 'CNY'`,
  );
  const byFundAndStage = await funds.query<
    { fundId: string; stage: string; currency: string; amount: string }[]
  >(
    `SELECT i.fund_id AS "fundId", i.stage, f.currency,
            to_char(sum(i.amount), 'FM999999999999990.00') AS amount
     FROM funds.investment i
     JOIN (SELECT id, currency FROM funds.fund ORDER BY id LIMIT 100) f ON f.id = i.fund_id
     WHERE ${binding}
     GROUP BY i.fund_id, i.stage, f.currency
     ORDER BY i.fund_id,
       array_position(ARRAY['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH'], i.stage)`,
  );
  return {
    allianceMetrics: {
      capitalCommitted: { amount: totals.committed },
      capitalDisbursed: { amount: totals.disbursed },
      capitalByFundAndStage: byFundAndStage.map((row) => ({
        fund: { id: row.fundId },
        stage: row.stage,
        amount: { amount: row.amount, currency: row.currency },
      })),
    },
  };
}

const DISBURSE = /* GraphQL */ `
  mutation Disburse($id: ID!) {
    disburseInvestment(id: $id) {
      status
    }
  }
`;

test('after concurrent commitments, disbursements, exits, write-offs, visibility changes and deletions the capital tally equals a recount', async () => {
  const fund = await givenFund(federation, { size: '900000000.00' });
  const other = await givenFund(federation, { size: '900000000.00', currency: 'USD' });
  const stages = ['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH'] as const;
  const investments = await Promise.all(
    Array.from({ length: 16 }, (_, i) =>
      givenInvestment(federation, {
        fundId: i % 4 === 3 ? other.id : fund.id,
        enterpriseId: 'levima',
        stage: stages[i % 4],
        amount: `${1000 + i}.${String(i * 7)
          .padStart(2, '0')
          .slice(-2)}`,
        visibility: i % 5 === 0 ? 'CONFIDENTIAL' : 'PUBLIC',
      }),
    ),
  );
  const ids = investments.map((i) => i.id);
  const editor = await federation.token(`fund:${fund.id}`, 'EDITOR');
  const set = (id: string, assignments: string) =>
    funds.query(`UPDATE funds.investment SET ${assignments} WHERE id = $1`, [id]);
  const writes: Promise<unknown>[] = [];
  // Through the gateway, as the fund's editor would.
  for (const id of [ids[0]!, ids[1]!, ids[2]!]) {
    writes.push(
      (async () => {
        const answer = await federation.query(DISBURSE, { id }, editor);
        expect(answer.errors).toBeUndefined();
      })(),
    );
  }
  // Straight in the database: every column the tally groups or sums by, and one it does not.
  writes.push(set(ids[4]!, `status = 'DISBURSED', disbursed_on = committed_on`));
  writes.push(
    set(ids[5]!, `status = 'WRITTEN_OFF', closed_on = committed_on`),
    set(ids[6]!, `amount = amount + 0.01`),
    set(ids[7]!, `visibility = 'CONFIDENTIAL'`),
    set(ids[8]!, `stage = 'GROWTH', amount = 5.55`),
    set(ids[9]!, `focus_area = 'only the focus area changes'`),
    funds.query(`DELETE FROM funds.investment WHERE id = $1`, [ids[10]!]),
  );
  for (let i = 0; i < 3; i += 1) {
    writes.push(givenInvestment(federation, { fundId: fund.id, enterpriseId: 'levima', amount: '0.07' }));
  }
  // A write that fails leaves the tally as it was.
  writes.push(
    rolledBack(funds, async (tx) => {
      await tx.query(`UPDATE funds.investment SET amount = 1 WHERE id = $1`, [ids[11]!]);
    }),
  );
  await Promise.all(writes);
  // Exited after it was disbursed: its money stops binding the fund.
  await set(ids[4]!, `status = 'EXITED', closed_on = committed_on`);

  const [kept, recounted] = await tallyAndRecount(funds, {
    schema: 'funds',
    table: 'investment',
    tally: 'capital_tally',
    groups: 'fund_id, stage, status, visibility',
    sums: ['amount'],
  });
  expect(kept).toEqual(recounted);
  // A group every investment left holds nothing.
  expect(await funds.query(`SELECT * FROM funds.capital_tally WHERE row_count = 0 AND amount <> 0`)).toEqual(
    [],
  );
  const answer = await federation.query<Capital>(CAPITAL);
  expect(answer.errors).toBeUndefined();
  expect(answer.data).toEqual(await capitalRecounted());
  // The new fund's own figures are among them, confidential ones left out.
  expect(answer.data!.allianceMetrics.capitalByFundAndStage.some((row) => row.fund.id === fund.id)).toBe(
    true,
  );
});

test("the dashboard's capital reads the capital tally, not the investments", async () => {
  for (const { query, plan } of await dashboardPlans('funds', funds, CAPITAL))
    expect({ query, scansInvestments: /\bon investment\b/.test(plan) }).toEqual({
      query,
      scansInvestments: false,
    });
});

const SIGN_AGREEMENT = /* GraphQL */ `
  mutation Sign($input: SignBenefitAgreementInput!) {
    signBenefitAgreement(input: $input) {
      id
    }
  }
`;

const EXECUTE_DISTRIBUTION = /* GraphQL */ `
  mutation Execute($input: ExecuteDistributionInput!) {
    executeDistribution(input: $input) {
      id
    }
  }
`;

const BENEFITS = /* GraphQL */ `
  {
    allianceMetrics {
      benefitsDistributed {
        amount
      }
    }
  }
`;

/** A benefit agreement the alliance's secretariat signs for a new project of that alliance. */
async function givenAgreement(allianceId: string, token: string): Promise<string> {
  const project = await givenProject(federation, { allianceId });
  const signed = await federation.query<{ signBenefitAgreement: { id: string } }>(
    SIGN_AGREEMENT,
    {
      input: {
        projectId: project.id,
        parties: [
          { type: 'INSTITUTE', id: 'dicp', role: 'INSTITUTE', share: '1/2' },
          { type: 'ENTERPRISE', id: 'levima', role: 'OPERATOR', share: '1/2' },
        ],
        ipTerms: 'The institute keeps the patents and licenses them to the operator.',
        signedOn: '2026-03-01',
      },
    },
    token,
  );
  expect(signed.errors).toBeUndefined();
  return signed.data!.signBenefitAgreement.id;
}

/** A distribution the secretariat executes under an agreement, through the gateway. */
async function givenDistribution(agreementId: string, amount: string, currency: string, token: string) {
  const answer = await federation.query<{ executeDistribution: { id: string } }>(
    EXECUTE_DISTRIBUTION,
    { input: { agreementId, amount, currency } },
    token,
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.executeDistribution.id;
}

test('after concurrent distributions in two alliances, direct inserts and a rolled-back one the benefit tally equals a recount', async () => {
  const coating = await federation.token('alliance:china-coating-alliance', 'SECRETARIAT');
  const secretariatOf = (allianceId: string) =>
    allianceId === 'china-coating-alliance' ? coating : secretariat;
  const agreements = await Promise.all(
    ['cas-advanced-materials', 'cas-advanced-materials', 'china-coating-alliance'].map(
      async (allianceId) => ({
        id: await givenAgreement(allianceId, secretariatOf(allianceId)),
        allianceId,
      }),
    ),
  );
  // Concurrently, through the gateway as the secretariat executes them.
  const executed = await Promise.all(
    agreements.flatMap(({ id, allianceId }, a) =>
      [0, 1, 2].map((k) =>
        givenDistribution(
          id,
          `${(a + 1) * 1000 + k}.${k}7`,
          k === 2 ? 'USD' : 'CNY',
          secretariatOf(allianceId),
        ),
      ),
    ),
  );
  // Straight in the database (distributions are history: inserted, never changed): one that
  // claims another alliance (the database records its project's), and one rolled back.
  const insert = async (tx: EntityManager, id: string, claimed: string) => {
    await tx.query(
      `INSERT INTO alliance.distribution (id, agreement_id, version, amount, currency, executed_by, alliance_id)
       VALUES ($1, $2, 1, 5.56, 'CNY', 'tally test', $3)`,
      [id, agreements[2]!.id, claimed],
    );
    await tx.query(
      `INSERT INTO alliance.payout (distribution_id, position, agreement_id, version, amount)
       SELECT $1, position, agreement_id, version, 2.78
       FROM alliance.agreement_party WHERE agreement_id = $2 AND version = 1`,
      [id, agreements[2]!.id],
    );
  };
  await Promise.all([
    alliance.transaction((tx) => insert(tx, `${executed[0]}-direct`, 'cas-advanced-materials')),
    rolledBack(alliance, async (tx) => {
      await insert(tx, `${executed[0]}-rolled-back`, 'china-coating-alliance');
    }),
  ]);
  await expect(
    alliance.query(`UPDATE alliance.distribution SET amount = 1 WHERE id = $1`, [executed[1]]),
  ).rejects.toThrow(/history/);

  // Every distribution records its project's alliance.
  expect(
    await alliance.query(
      `SELECT d.id FROM alliance.distribution d
       JOIN alliance.benefit_agreement g ON g.id = d.agreement_id
       JOIN alliance.project p ON p.id = g.project_id
       WHERE d.alliance_id IS DISTINCT FROM p.alliance_id`,
    ),
  ).toEqual([]);
  const GROUPS_BENEFIT = 'alliance_id, currency';
  expect(
    await alliance.query(
      `SELECT ${GROUPS_BENEFIT}, row_count, amount::text FROM alliance.benefit_tally WHERE row_count > 0 ORDER BY ${GROUPS_BENEFIT}`,
    ),
  ).toEqual(
    await alliance.query(
      `SELECT p.alliance_id, d.currency, count(*)::int AS row_count, sum(d.amount)::text AS amount
       FROM alliance.distribution d
       JOIN alliance.benefit_agreement g ON g.id = d.agreement_id
       JOIN alliance.project p ON p.id = g.project_id
       GROUP BY p.alliance_id, d.currency ORDER BY p.alliance_id, d.currency`,
    ),
  );
  // The dashboard, exact for the secretariat: the CAS alliance's CNY distributions.
  const [recounted] = await alliance.query<[{ amount: string }]>(
    `SELECT to_char(coalesce(sum(d.amount), 0), 'FM999999999999990.00') AS amount
     FROM alliance.distribution d
     JOIN alliance.benefit_agreement g ON g.id = d.agreement_id
     JOIN alliance.project p ON p.id = g.project_id
     WHERE d.currency = 'CNY' AND p.alliance_id = 'cas-advanced-materials'`,
  );
  const answer = await federation.query<{ allianceMetrics: { benefitsDistributed: { amount: string } } }>(
    BENEFITS,
    {},
    secretariat,
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.allianceMetrics.benefitsDistributed.amount).toBe(recounted.amount);
});

test("the dashboard's benefits and each alliance's read the benefit tally, not the distributions", async () => {
  const document = /* GraphQL */ `
    {
      allianceMetrics {
        benefitsDistributed {
          amount
        }
      }
      alliances {
        goals {
          measure
          actual
        }
      }
    }
  `;
  for (const { query, plan } of await dashboardPlans('alliance', alliance, document))
    expect({ query, scans: /\bon (distribution|project|benefit_agreement)\b/.test(plan) }).toEqual({
      query,
      scans: false,
    });
});

test('the benefit tally migration fills in a database that already holds distributions', async () => {
  const agreement = await givenAgreement('cas-advanced-materials', secretariat);
  await givenDistribution(agreement, '777.77', 'CNY', secretariat);
  const recount = `SELECT d.alliance_id, d.currency, count(*)::int AS row_count, sum(d.amount)::text AS amount
     FROM alliance.distribution d GROUP BY 1, 2 ORDER BY 1, 2`;
  const before = await alliance.query<unknown[]>(recount);
  // Back to before the migration (the alliance's last but two: the member roles and the
  // member tally followed), then forward again over the rows.
  for (let undone = 0; undone < 3; undone += 1) await alliance.undoLastMigration({ transaction: 'each' });
  expect(
    await alliance.query(
      `SELECT count(*)::int AS n FROM information_schema.columns
       WHERE table_schema = 'alliance' AND table_name = 'distribution' AND column_name = 'alliance_id'`,
    ),
  ).toEqual([{ n: 0 }]);
  const applied = await alliance.runMigrations({ transaction: 'each' });
  expect(applied.map((m) => m.name)).toEqual([
    'BenefitTally1766500000000',
    'MemberRoles1766700000000',
    'MemberTally1766800000000',
  ]);
  expect(await alliance.query(recount)).toEqual(before);
  expect(
    await alliance.query(
      `SELECT alliance_id, currency, row_count, amount::text FROM alliance.benefit_tally WHERE row_count > 0 ORDER BY 1, 2`,
    ),
  ).toEqual(before);
});

const UPDATE_MEMBER = /* GraphQL */ `
  mutation UpdateMember($input: UpdateMemberInput!) {
    updateMember(input: $input) {
      role
      status
    }
  }
`;

const REGISTER = /* GraphQL */ `
  {
    allianceMetrics {
      members
      governingUnits
    }
    alliances {
      id
      memberCount
    }
  }
`;

test("after concurrent admissions, role changes, withdrawals and deletions the member tally equals a recount, and so do the register's counts", async () => {
  const admit = (id: string, allianceId: string, role: string) =>
    alliance.query(
      `INSERT INTO alliance.member (id, alliance_id, registered_name, role, status, joined_on)
       VALUES ($1, $2, $1, $3, 'ACTIVE', '2024-03-01')`,
      [id, allianceId, role],
    );
  const roles = ['MEMBER', 'MEMBER', 'GOVERNING_UNIT', 'PARTNER', 'MEMBER', 'SPECIALLY_INVITED'];
  const ids = roles.map((_, i) => `tally-member-${i}`);
  await Promise.all(roles.map((role, i) => admit(ids[i]!, 'cas-advanced-materials', role)));
  // Concurrently, through every path a membership row changes by: the secretariat promotes
  // one through the gateway; direct writes withdraw, suspend, delete, move a partner into
  // the membership, admit more (in another alliance too), and one rolls back.
  const writes: Promise<unknown>[] = [
    (async () => {
      const promoted = await federation.query(
        UPDATE_MEMBER,
        { input: { id: ids[0], role: 'GOVERNING_UNIT' } },
        secretariat,
      );
      expect(promoted.errors).toBeUndefined();
    })(),
    alliance.query(`UPDATE alliance.member SET status = 'WITHDRAWN', left_on = '2025-06-30' WHERE id = $1`, [
      ids[1],
    ]),
    alliance.query(`UPDATE alliance.member SET status = 'SUSPENDED' WHERE id = $1`, [ids[2]]),
    alliance.query(`UPDATE alliance.member SET role = 'MEMBER' WHERE id = $1`, [ids[3]]),
    alliance.query(`DELETE FROM alliance.member WHERE id = $1`, [ids[4]]),
    admit('tally-member-coating', 'china-coating-alliance', 'GOVERNING_UNIT'),
    admit('tally-member-late', 'cas-advanced-materials', 'PARTNER'),
    rolledBack(alliance, async (tx) => {
      await tx.query(`UPDATE alliance.member SET role = 'MEMBER' WHERE id = $1`, [ids[5]]);
    }),
  ];
  await Promise.all(writes);

  const [kept, recounted] = await tallyAndRecount(alliance, {
    schema: 'alliance',
    table: 'member',
    tally: 'member_tally',
    groups: 'alliance_id, role, status',
  });
  expect(kept).toEqual(recounted);

  const counts = await alliance.query<{ id: string; members: number; everyone: number; council: number }[]>(
    `SELECT a.id,
            count(m.id) FILTER (WHERE m.role <> 'PARTNER' AND m.status <> 'WITHDRAWN')::int AS members,
            count(m.id) FILTER (WHERE m.status <> 'WITHDRAWN')::int AS everyone,
            count(m.id) FILTER (WHERE m.role IN ('CHAIRMAN_UNIT', 'GOVERNING_UNIT', 'SPECIALLY_INVITED')
                                  AND m.status <> 'WITHDRAWN')::int AS council
     FROM alliance.alliance a LEFT JOIN alliance.member m ON m.alliance_id = a.id
     GROUP BY a.id ORDER BY a.id`,
  );
  const first = counts.find((c) => c.id === 'cas-advanced-materials')!;
  const register = await federation.query<{
    allianceMetrics: { members: number; governingUnits: number };
    alliances: { id: string; memberCount: number }[];
  }>(REGISTER);
  expect(register.errors).toBeUndefined();
  expect(register.data!.allianceMetrics).toEqual({ members: first.everyone, governingUnits: first.council });
  expect([...register.data!.alliances].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    counts.map(({ id, members }) => ({ id, memberCount: members })),
  );
});

test("the register's counts are the tally's: five memberships it holds and no row has are counted", async () => {
  const read = async () => {
    const answer = await federation.query<{
      allianceMetrics: { members: number; governingUnits: number };
      alliances: { id: string; memberCount: number }[];
    }>(REGISTER);
    expect(answer.errors).toBeUndefined();
    const first = answer.data!.alliances.find((a) => a.id === 'cas-advanced-materials')!;
    return { ...answer.data!.allianceMetrics, memberCount: first.memberCount };
  };
  const before = await read();
  // Counted from the rows, the figures would not move; summed from the tally, they do.
  const shift = (delta: number) =>
    alliance.query(
      `UPDATE alliance.member_tally SET row_count = row_count + $1
       WHERE alliance_id = 'cas-advanced-materials' AND role = 'MEMBER' AND status = 'ACTIVE'`,
      [delta],
    );
  await shift(5);
  try {
    expect(await read()).toEqual({
      ...before,
      members: before.members + 5,
      memberCount: before.memberCount + 5,
    });
  } finally {
    await shift(-5);
  }
});
