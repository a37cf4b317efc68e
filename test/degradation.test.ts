import { startFederation, type Federation } from './federation';

/**
 * One member subgraph down nulls only what it owns: the rest of an answer — above all the
 * alliance's own dashboard figures — still comes back (docs/architecture.md's promise).
 */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
  await federation.stack.subgraphs.get('funds')!.stop();
});
afterAll(async () => {
  await federation.stop();
});

const DASHBOARD =
  '{ allianceMetrics { governingUnits funnel { docked pilot industrialization } targets { target goal actual percent } } }';

test("with the funds subgraph stopped, the README's dashboard keeps the alliance's own counts", async () => {
  const response = await federation.query<{
    allianceMetrics: {
      governingUnits: number;
      funnel: { docked: number };
      targets: { target: string; actual: string | null }[] | null;
    } | null;
  }>(DASHBOARD);
  expect(response.data?.allianceMetrics).toEqual({
    governingUnits: 22,
    funnel: { docked: 47, pilot: 3, industrialization: 1 },
    targets: null,
  });
  // Errors only where funds' figures were needed, saying which service failed.
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const error of response.errors ?? []) {
    // At the funds' own figure that `targets` requires (fetched for it), or at `targets`.
    expect([
      ['allianceMetrics', 'capitalCommitted'],
      ['allianceMetrics', 'targets'],
    ]).toContainEqual(error.path?.slice(0, 2));
    expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'funds' });
  }
});

test('the figures of the other subgraphs are still there beside the failed one', async () => {
  const response = await federation.query<{ allianceMetrics: Record<string, unknown> }>(
    '{ allianceMetrics { keyProjects centralSoes achievementsByTrl { trl achievements } capitalCommitted { amount } } }',
  );
  expect(response.data?.allianceMetrics).toMatchObject({
    keyProjects: 3,
    // The CAS alliance's Sinopec Guangzhou Engineering and the consortium's three central SOEs.
    centralSoes: 4,
    capitalCommitted: null,
  });
  expect(response.data?.allianceMetrics.achievementsByTrl).toEqual(
    expect.arrayContaining([expect.any(Object)]),
  );
  expect(response.errors?.map((e) => e.path)).toEqual([['allianceMetrics', 'capitalCommitted']]);
});

test('root fields of other subgraphs still answer beside the one that failed', async () => {
  const response = await federation.query<{
    funds: unknown[] | null;
    institutes: { id: string }[] | null;
    projects: { totalCount: number } | null;
    pilotBases: { id: string }[] | null;
  }>('{ funds { id name } institutes { id } projects(first: 1) { totalCount } pilotBases { id } }');
  expect(response.data).not.toBeNull();
  expect(response.data?.funds).toBeNull();
  expect(response.data?.institutes).toEqual(expect.arrayContaining([{ id: 'dicp' }]));
  // Every alliance's: the CAS alliance's 47 and the consortium's 4.
  expect(response.data?.projects?.totalCount).toBe(51);
  expect(response.data?.pilotBases).toEqual(expect.arrayContaining([{ id: 'tengzhou' }]));
  expect(response.errors?.map((e) => [e.path, e.extensions?.serviceName])).toEqual([[['funds'], 'funds']]);
});

test("every alliance still answers; only its goals, which require the funds' capital, and the funds' figures are null", async () => {
  const response = await federation.query<{
    alliances: {
      id: string;
      projectCount: number;
      capitalCommitted: unknown;
      goals: unknown[] | null;
      results: { projectsDocked: number; capitalCommitted: unknown }[];
    }[];
  }>(
    '{ alliances { id projectCount capitalCommitted { amount } goals { actual } results(fromYear: 2018, toYear: 2018) { projectsDocked capitalCommitted { amount } } } }',
  );
  const alliances = response.data?.alliances ?? [];
  expect(alliances.map((a) => [a.id, a.projectCount, a.capitalCommitted, a.goals])).toEqual([
    ['china-coating-alliance', 0, null, null],
    ['cas-advanced-materials', 47, null, null],
    ['central-soe-consortium', 4, null, null],
  ]);
  expect(alliances.map((a) => a.results.map((y) => y.capitalCommitted))).toEqual([[null], [null], [null]]);
  expect(alliances[1]?.results[0]?.projectsDocked).toBeGreaterThan(0);
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const error of response.errors ?? []) {
    expect(['capitalCommitted', 'goals', 'results']).toContain(error.path?.[2]);
    expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'funds' });
  }
});

describe('with the alliance subgraph stopped as well', () => {
  beforeAll(async () => {
    await federation.stack.subgraphs.get('alliance')!.stop();
  });

  test("the other subgraphs' records keep their own fields; only the alliance's projects are null", async () => {
    const response = await federation.query<Record<string, Record<string, unknown> | null>>(
      `{
      achievement(id: "dmto") { title projects { code } }
      enterprise(id: "levima") { name ledProjects { code } }
      booking(id: "dmto-olefin-pilot-run") { purpose project { code } }
    }`,
      {},
      // Bookings are members' data.
      await federation.token('institute:dicp', 'VIEWER'),
    );
    expect(response.data?.achievement).toEqual({
      title: 'DMTO: Dalian methanol-to-olefins technology',
      projects: null,
    });
    expect(response.data?.enterprise).toEqual({
      name: 'Levima Advanced Materials Corporation',
      ledProjects: null,
    });
    expect(response.data?.booking?.project).toBeNull();
    expect(typeof response.data?.booking?.purpose).toBe('string');
    expect(response.errors?.map((e) => e.path).sort()).toEqual([
      ['achievement', 'projects'],
      // A reference: the error is at the field the alliance did not give, the null one above it.
      ['booking', 'project', 'code'],
      ['enterprise', 'ledProjects'],
    ]);
    for (const error of response.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'alliance' });
    }
  });

  test("the dashboard is null with the alliance's error, and the rest of the query still answers", async () => {
    const response = await federation.query<Record<string, unknown>>(
      '{ allianceMetrics { governingUnits } institutes { id } }',
    );
    expect(response.data?.allianceMetrics).toBeNull();
    expect(response.data?.institutes).toEqual(expect.arrayContaining([{ id: 'dicp' }]));
  });
});
