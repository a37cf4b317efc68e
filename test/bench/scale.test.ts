import type { DataSource } from 'typeorm';
import { SCALE_ALLIANCES, scaleId } from '../../shared/scale';
import { startFederation, type Federation } from '../federation';
import { BOARD_QUERY } from './operations';
import { generateForSubgraph, planFor, unitsOf } from './scale-data';

/**
 * The scale generators (services/<name>/scale.ts) on a fresh federation, at a size a test
 * can afford: they make the planned rows, keep every rule the databases hold, reference
 * each other's rows correctly, add nothing when run again, and the graph serves the result.
 */
const plan = planFor(200);
const SUBGRAPHS = ['institutes', 'enterprises', 'pilot-bases', 'funds', 'alliance'];

let federation: Federation;
const advanced: Record<string, number> = {};

function db(subgraph: string): DataSource {
  return federation.stack.subgraphs.get(subgraph)!.dataSource;
}

async function count(subgraph: string, sql: string): Promise<number> {
  // A count: one row of one column.
  const [row] = await db(subgraph).query<[Record<string, unknown>]>(sql);
  return Number(Object.values(row)[0]);
}

async function ids(subgraph: string, sql: string): Promise<Set<string>> {
  const rows = await db(subgraph).query<{ id: string }[]>(sql);
  return new Set(rows.map((row) => row.id));
}

/** Rows of every table the generators write, generated or not. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables: [string, string][] = [
    ['institutes', 'institutes.institute'],
    ['institutes', 'institutes.researcher'],
    ['institutes', 'institutes.achievement'],
    ['institutes', 'institutes.trl_change'],
    ['institutes', 'institutes.inventor'],
    ['institutes', 'institutes.patent'],
    ['enterprises', 'enterprises.enterprise'],
    ['enterprises', 'enterprises.technology_demand'],
    ['pilot-bases', 'pilot_bases.pilot_base'],
    ['pilot-bases', 'pilot_bases.facility'],
    ['pilot-bases', 'pilot_bases.booking'],
    ['funds', 'funds.fund'],
    ['funds', 'funds.investment'],
    ['alliance', 'alliance.alliance'],
    ['alliance', 'alliance.alliance_goal'],
    ['alliance', 'alliance.project'],
    ['alliance', 'alliance.stage_change'],
    ['alliance', 'alliance.member'],
    ['alliance', 'alliance.expert'],
    ['alliance', 'alliance.expert_review'],
    ['alliance', 'alliance.benefit_agreement'],
    ['alliance', 'alliance.agreement_party'],
    ['alliance', 'alliance.distribution'],
    ['alliance', 'alliance.payout'],
  ];
  const counts: Record<string, number> = {};
  for (const [subgraph, table] of tables)
    counts[table] = await count(subgraph, `SELECT count(*) FROM ${table}`);
  return counts;
}

beforeAll(async () => {
  federation = await startFederation();
  for (const subgraph of SUBGRAPHS) {
    advanced[subgraph] = 0;
    await generateForSubgraph(subgraph, db(subgraph), plan, (units) => {
      advanced[subgraph]! += units;
    });
  }
}, 120_000);
afterAll(async () => {
  await federation.stop();
});

test('every generator makes the planned rows and reports all its progress units', async () => {
  expect(advanced).toEqual(Object.fromEntries(SUBGRAPHS.map((s) => [s, unitsOf(s, plan)])));
  const scaled = (subgraph: string, table: string) =>
    count(subgraph, `SELECT count(*) FROM ${table} WHERE id LIKE 'scale-%'`);
  expect({
    institutes: await scaled('institutes', 'institutes.institute'),
    researchers: await scaled('institutes', 'institutes.researcher'),
    achievements: await scaled('institutes', 'institutes.achievement'),
    enterprises: await scaled('enterprises', 'enterprises.enterprise'),
    demands: await scaled('enterprises', 'enterprises.technology_demand'),
    bases: await scaled('pilot-bases', 'pilot_bases.pilot_base'),
    facilities: await scaled('pilot-bases', 'pilot_bases.facility'),
    bookings: await scaled('pilot-bases', 'pilot_bases.booking'),
    funds: await scaled('funds', 'funds.fund'),
    investments: await scaled('funds', 'funds.investment'),
    projects: await scaled('alliance', 'alliance.project'),
    experts: await scaled('alliance', 'alliance.expert'),
    members: await count(
      'alliance',
      `SELECT count(*) FROM alliance.member WHERE id LIKE 'scale-%' AND alliance_id = 'cas-advanced-materials'`,
    ),
  }).toEqual({
    institutes: plan.institutes,
    researchers: plan.institutes * plan.researchersPerInstitute,
    achievements: plan.achievements,
    enterprises: plan.enterprises,
    demands: plan.demands,
    bases: plan.bases,
    facilities: plan.bases * plan.facilitiesPerBase,
    bookings: plan.bookings,
    funds: plan.funds,
    investments: plan.investments,
    projects: plan.projects,
    experts: plan.experts,
    members: plan.institutes + plan.enterprises + plan.funds + plan.bases,
  });
});

test('the generated rows keep the rules that span rows', async () => {
  const broken = {
    // Every achievement has inventors whose shares sum to exactly 100, and its TRL record.
    achievementsWithoutInventors: await count(
      'institutes',
      `SELECT count(*) FROM institutes.achievement a WHERE a.id LIKE 'scale-%'
         AND NOT EXISTS (SELECT 1 FROM institutes.inventor i WHERE i.achievement_id = a.id)`,
    ),
    sharesNot100: await count(
      'institutes',
      `SELECT count(*) FROM (SELECT achievement_id FROM institutes.inventor
         GROUP BY achievement_id HAVING sum(share) <> 100) s`,
    ),
    achievementsWithoutTrlRecord: await count(
      'institutes',
      `SELECT count(*) FROM institutes.achievement a WHERE a.id LIKE 'scale-%'
         AND NOT EXISTS (SELECT 1 FROM institutes.trl_change t WHERE t.achievement_id = a.id)`,
    ),
    // Inventors work at the achievement's institute.
    inventorsElsewhere: await count(
      'institutes',
      `SELECT count(*) FROM institutes.inventor i
         JOIN institutes.achievement a ON a.id = i.achievement_id
         JOIN institutes.researcher r ON r.id = i.researcher_id
       WHERE a.id LIKE 'scale-%' AND r.institute_id <> a.institute_id`,
    ),
    overlappingBookings: await count(
      'pilot-bases',
      `SELECT count(*) FROM pilot_bases.booking x JOIN pilot_bases.booking y
         ON x.facility_id = y.facility_id AND x.id < y.id AND x.period && y.period
       WHERE x.status <> 'CANCELLED' AND y.status <> 'CANCELLED'`,
    ),
    // The trigger-kept sum equals the binding investments.
    fundsOffTheirSum: await count(
      'funds',
      `SELECT count(*) FROM funds.fund f WHERE f.committed <> coalesce((SELECT sum(i.amount)
         FROM funds.investment i WHERE i.fund_id = f.id AND i.status IN ('COMMITTED', 'DISBURSED')), 0)`,
    ),
    // The history ends where the project stands, and past EVALUATION an expert recommended it.
    historiesEndingElsewhere: await count(
      'alliance',
      `SELECT count(*) FROM alliance.project p WHERE p.id LIKE 'scale-%' AND p.stage <> (
         SELECT s.to_stage FROM alliance.stage_change s WHERE s.project_id = p.id ORDER BY s.seq DESC LIMIT 1)`,
    ),
    advancedWithoutReview: await count(
      'alliance',
      `SELECT count(*) FROM alliance.project p
       WHERE p.id LIKE 'scale-%' AND p.stage IN ('PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'COMMERCIALIZED')
         AND NOT EXISTS (SELECT 1 FROM alliance.expert_review r WHERE r.project_id = p.id
                           AND r.stage = 'EVALUATION' AND r.recommendation = 'ADVANCE')`,
    ),
    payoutsOffTheirAmount: await count(
      'alliance',
      `SELECT count(*) FROM alliance.distribution d
       WHERE d.amount <> (SELECT sum(p.amount) FROM alliance.payout p WHERE p.distribution_id = d.id)`,
    ),
  };
  expect(broken).toEqual(Object.fromEntries(Object.keys(broken).map((k) => [k, 0])));
  // The generated set has every kind of row, so the checks above checked something.
  expect(
    await count('alliance', `SELECT count(*) FROM alliance.distribution WHERE id LIKE 'scale-%'`),
  ).toBeGreaterThan(0);
  const statuses = await db('pilot-bases').query<{ status: string }[]>(
    `SELECT DISTINCT status FROM pilot_bases.booking WHERE id LIKE 'scale-%' ORDER BY status`,
  );
  expect(statuses.map((s) => s.status)).toEqual(
    expect.arrayContaining(['CANCELLED', 'COMPLETED', 'CONFIRMED', 'REQUESTED']),
  );
});

test('references between subgraphs name rows the other subgraph generated', async () => {
  const achievements = await ids('institutes', `SELECT id FROM institutes.achievement`);
  const researchers = await ids('institutes', `SELECT id FROM institutes.researcher`);
  const enterprises = await ids('enterprises', `SELECT id FROM enterprises.enterprise`);
  const projects = await ids('alliance', `SELECT id FROM alliance.project`);
  const missing = (referenced: Set<string>, existing: Set<string>) =>
    [...referenced].filter((id) => !existing.has(id));
  expect({
    projectAchievements: missing(
      await ids('alliance', `SELECT achievement_id AS id FROM alliance.project`),
      achievements,
    ),
    projectEnterprises: missing(
      await ids('alliance', `SELECT lead_enterprise_id AS id FROM alliance.project`),
      enterprises,
    ),
    bookingProjects: missing(
      await ids('pilot-bases', `SELECT project_id AS id FROM pilot_bases.booking`),
      projects,
    ),
    investmentProjects: missing(
      await ids('funds', `SELECT project_id AS id FROM funds.investment WHERE project_id IS NOT NULL`),
      projects,
    ),
    investmentEnterprises: missing(
      await ids('funds', `SELECT enterprise_id AS id FROM funds.investment WHERE enterprise_id IS NOT NULL`),
      enterprises,
    ),
    agreementInventors: missing(
      await ids(
        'alliance',
        `SELECT party_id AS id FROM alliance.agreement_party WHERE party_type = 'researcher'`,
      ),
      researchers,
    ),
  }).toEqual({
    projectAchievements: [],
    projectEnterprises: [],
    bookingProjects: [],
    investmentProjects: [],
    investmentEnterprises: [],
    agreementInventors: [],
  });
  // An investment in a project records that project's alliance.
  const projectAlliances = await ids(
    'alliance',
    `SELECT id || '/' || alliance_id AS id FROM alliance.project`,
  );
  expect(
    missing(
      await ids(
        'funds',
        `SELECT project_id || '/' || alliance_id AS id FROM funds.investment WHERE project_id IS NOT NULL`,
      ),
      projectAlliances,
    ),
  ).toEqual([]);
  // Projects are docked on achievements their institutes offer, never on CONFIDENTIAL ones.
  const confidential = await ids(
    'institutes',
    `SELECT id FROM institutes.achievement WHERE visibility = 'CONFIDENTIAL' AND id LIKE 'scale-%'`,
  );
  expect(confidential.size).toBeGreaterThan(0);
  const docked = await ids(
    'alliance',
    `SELECT achievement_id AS id FROM alliance.project WHERE id LIKE 'scale-%'`,
  );
  expect([...docked].filter((id) => confidential.has(id))).toEqual([]);
  // The inventor an agreement names is an inventor of the project's achievement.
  const inventorPairs = await ids(
    'institutes',
    `SELECT achievement_id || '/' || researcher_id AS id FROM institutes.inventor`,
  );
  const named = await ids(
    'alliance',
    `SELECT p.achievement_id || '/' || ap.party_id AS id FROM alliance.agreement_party ap
       JOIN alliance.benefit_agreement b ON b.id = ap.agreement_id JOIN alliance.project p ON p.id = b.project_id
     WHERE ap.party_type = 'researcher'`,
  );
  expect(missing(named, inventorPairs)).toEqual([]);
});

test('tens of alliances, each with its own projects and a register that overlaps the others', async () => {
  expect(await count('alliance', `SELECT count(*) FROM alliance.alliance WHERE id LIKE 'scale-al-%'`)).toBe(
    SCALE_ALLIANCES,
  );
  // Every alliance, the first and each generated one, has generated projects of its own.
  expect(
    await count(
      'alliance',
      `SELECT count(DISTINCT alliance_id) FROM alliance.project WHERE id LIKE 'scale-%'`,
    ),
  ).toBe(SCALE_ALLIANCES + 1);
  // Every generated organization belongs to the first alliance and to one or two others.
  const memberships = await db('alliance').query<{ alliances: number; organizations: number }[]>(
    `SELECT alliances, count(*)::int AS organizations FROM (
       SELECT organization_type, organization_id, count(*)::int AS alliances FROM alliance.member
       WHERE id LIKE 'scale-%' GROUP BY organization_type, organization_id) o
     GROUP BY alliances ORDER BY alliances`,
  );
  expect(memberships.map((m) => m.alliances).filter((n) => n < 2 || n > 3)).toEqual([]);
  expect(memberships.some((m) => m.alliances === 3)).toBe(true);
  expect(memberships.reduce((sum, m) => sum + m.organizations, 0)).toBe(
    plan.institutes + plan.enterprises + plan.funds + plan.bases,
  );
  // Each project's history is written by its own alliance's secretariat.
  expect(
    await count(
      'alliance',
      `SELECT count(*) FROM alliance.stage_change s JOIN alliance.project p ON p.id = s.project_id
         JOIN alliance.alliance a ON a.id = p.alliance_id
       WHERE p.id LIKE 'scale-%' AND s.changed_by <> 'alliance:' || a.secretariat || '#scale'`,
    ),
  ).toBe(0);
  // Each alliance has a committee of its own, and each review is by the project's alliance's.
  expect(
    await count(
      'alliance',
      `SELECT count(DISTINCT alliance_id) FROM alliance.expert WHERE id LIKE 'scale-%'`,
    ),
  ).toBe(SCALE_ALLIANCES + 1);
  expect(
    await count(
      'alliance',
      `SELECT count(*) FROM alliance.expert_review r JOIN alliance.project p ON p.id = r.project_id
         JOIN alliance.expert x ON x.id = r.expert_id
       WHERE r.id LIKE 'scale-%' AND x.alliance_id <> p.alliance_id`,
    ),
  ).toBe(0);
  expect(
    await count('alliance', `SELECT count(*) FROM alliance.expert_review WHERE id LIKE 'scale-%'`),
  ).toBeGreaterThan(0);
  // The graph lists them, each with its own projects counted.
  const answer = await federation.query<{
    alliances: { id: string; projectCount: number; memberCount: number }[];
  }>(`{ alliances { id projectCount memberCount } }`);
  expect(answer.errors).toBeUndefined();
  const generated = answer.data!.alliances.filter((a) => a.id.startsWith('scale-al-'));
  expect(generated).toHaveLength(SCALE_ALLIANCES);
  const counted = await db('alliance').query<{ id: string; projects: number }[]>(
    `SELECT alliance_id AS id, count(*)::int AS projects FROM alliance.project
     WHERE alliance_id LIKE 'scale-al-%' GROUP BY alliance_id`,
  );
  expect(Object.fromEntries(generated.map((a) => [a.id, a.projectCount]))).toEqual(
    Object.fromEntries(counted.map((c) => [c.id, c.projects])),
  );
  // Their registers, as counted from the rows (at this test's size only some have members).
  const registers = await db('alliance').query<{ id: string; members: number }[]>(
    `SELECT alliance_id AS id, count(*)::int AS members FROM alliance.member
     WHERE alliance_id LIKE 'scale-al-%' GROUP BY alliance_id`,
  );
  expect(registers.length).toBeGreaterThan(1);
  expect(
    Object.fromEntries(generated.filter((a) => a.memberCount > 0).map((a) => [a.id, a.memberCount])),
  ).toEqual(Object.fromEntries(registers.map((r) => [r.id, r.members])));
});

test('the alliances compared by results, year by year, add up to their projects on the scale data', async () => {
  type Compared = {
    alliances: {
      id: string;
      projectCount: number;
      results: { year: number; projectsDocked: number; projectsReachingPilot: number }[];
    }[];
  };
  const answer = await federation.query<Compared>(
    `{ alliances { id projectCount results(fromYear: 2015, toYear: 2026) { year projectsDocked projectsReachingPilot } } }`,
  );
  expect(answer.errors).toBeUndefined();
  const alliances = answer.data!.alliances;
  expect(alliances.length).toBeGreaterThan(SCALE_ALLIANCES);
  // Every generated project was docked in 2016–2025 (China time): the years hold them all.
  for (const alliance of alliances) {
    expect(alliance.results.map((y) => y.year)).toEqual(Array.from({ length: 12 }, (_, i) => 2015 + i));
    const docked = alliance.results.reduce((sum, y) => sum + y.projectsDocked, 0);
    expect({ id: alliance.id, docked }).toEqual({ id: alliance.id, docked: alliance.projectCount });
  }
  // Projects reached PILOT in the generated alliances too.
  const piloted = alliances
    .filter((a) => a.id.startsWith('scale-al-'))
    .reduce((sum, a) => sum + a.results.reduce((s, y) => s + y.projectsReachingPilot, 0), 0);
  expect(piloted).toBeGreaterThan(0);
});

test('running the generators again adds nothing', async () => {
  const before = await rowCounts();
  for (const subgraph of SUBGRAPHS) await generateForSubgraph(subgraph, db(subgraph), plan);
  expect(await rowCounts()).toEqual(before);
});

test('the graph serves the generated projects, joined from all five subgraphs', async () => {
  const token = await federation.token(`enterprise:${scaleId('e', 1)}`, 'VIEWER');
  type Node = {
    code: string;
    achievement: { title: string; institute: { name: string } };
    leadEnterprise: { name: string };
    investments: { fund: { name: string } }[];
    bookings: { facility: { base: { name: string } } }[];
  };
  const response = await federation.query<{ projects: { edges: { node: Node }[] } }>(
    BOARD_QUERY,
    { first: 50 },
    token,
  );
  expect(response.errors).toBeUndefined();
  const nodes = response.data!.projects.edges.map((e) => e.node).filter((n) => n.code.startsWith('SCALE-'));
  expect(nodes.length).toBeGreaterThan(40);
  expect(nodes.every((n) => n.achievement.institute.name && n.leadEnterprise.name)).toBe(true);
  expect(nodes.some((n) => n.investments.some((i) => i.fund.name))).toBe(true);
  expect(nodes.some((n) => n.bookings.some((b) => b.facility.base.name))).toBe(true);
});

test('search and matching find generated achievements and demands', async () => {
  const response = await federation.query<{
    searchAchievements: { totalCount: number };
    technologyDemand: { candidateAchievements: { achievement: { id: string } }[] };
  }>(
    `query($demand: ID!) {
       searchAchievements(query: "photovoltaic encapsulant film", first: 5) { totalCount }
       technologyDemand(id: $demand) { candidateAchievements(first: 5) { achievement { id } } }
     }`,
    { demand: scaleId('d', 1) },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!.searchAchievements.totalCount).toBeGreaterThan(0);
  const candidates = response.data!.technologyDemand.candidateAchievements.map((c) => c.achievement.id);
  expect(candidates.some((id) => id.startsWith('scale-a-'))).toBe(true);
  // And the other way, from the demand's best candidate.
  const reverse = await federation.query<{ achievement: { matchingDemands: { demand: { id: string } }[] } }>(
    `query($id: ID!) { achievement(id: $id) { matchingDemands(first: 5) { demand { id } } } }`,
    { id: candidates[0] },
  );
  expect(reverse.errors).toBeUndefined();
  const demands = reverse.data!.achievement.matchingDemands.map((m) => m.demand.id);
  expect(demands.some((id) => id.startsWith('scale-d-'))).toBe(true);
});
