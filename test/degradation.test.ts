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
    expect(error.path?.slice(0, 1)).toEqual(['allianceMetrics']);
    expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'funds' });
  }
});

test('the figures of the other subgraphs are still there beside the failed one', async () => {
  const response = await federation.query<{ allianceMetrics: Record<string, unknown> }>(
    '{ allianceMetrics { keyProjects centralSoes achievementsByTrl { trl achievements } capitalCommitted { amount } } }',
  );
  expect(response.data?.allianceMetrics).toMatchObject({
    keyProjects: 3,
    centralSoes: 1,
    capitalCommitted: null,
  });
  expect(response.data?.allianceMetrics.achievementsByTrl).toEqual(
    expect.arrayContaining([expect.any(Object)]),
  );
  expect(response.errors?.map((e) => e.path)).toEqual([['allianceMetrics', 'capitalCommitted']]);
});
