import { startExtraSubgraph, type ExtraSubgraph } from './extra-subgraph';
import { startFederation, type Federation } from './federation';
import { eventually } from './graphql';

/**
 * A partner that is down when the gateway starts does not keep the graph down: the gateway
 * starts with the subgraphs that answer, says on /ready what it is serving without (and stays
 * ready: the partner is not the alliance's own), and
 * joins the partner at a poll once it answers — no restart.
 */

let federation: Federation;
let partner: ExtraSubgraph;
/** Until set, the partner answers every request with 503, as a partner that is down. */
let up = false;

beforeAll(async () => {
  // Listening from the start (a port of its own, so no other test can take it) but "down"
  // until `up`: what the gateway sees of a partner restarting or under maintenance.
  partner = await startExtraSubgraph(
    'lateNote',
    () => Promise.resolve('joined at a poll'),
    (_req, res, next) => (up ? next() : void res.status(503).end()),
  );
  federation = await startFederation({
    pollMs: 200,
    extraSubgraphs: () => [{ name: 'late-notes', url: partner.url }],
  });
});
afterAll(async () => {
  await federation.stop();
  await partner.close();
});

async function ready(): Promise<{ status: number; composition: string | null }> {
  const response = await fetch(federation.url.replace(/\/graphql$/, '/ready'));
  const body = (await response.json()) as { composition: string | null };
  return { status: response.status, composition: body.composition };
}

test('the gateway starts without a partner that is down, and joins it when it answers', async () => {
  const members = await federation.query<{ project: { title: string } }>(
    '{ project(id: "dmto-industrialization") { title } }',
  );
  expect(members.errors).toBeUndefined();
  expect(members.data?.project.title).toBe('DMTO industrialization at Levima Advanced Materials');
  // A partner's outage is reported but leaves the alliance's gateway ready.
  const partnerDown = await ready();
  expect(partnerDown.status).toBe(200);
  expect(partnerDown.composition).toContain('late-notes');
  expect(partnerDown.composition).not.toContain(partner.url);
  const before = await federation.query('{ project(id: "dmto-industrialization") { lateNote } }');
  expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

  up = true;

  const joined = await eventually(async () => {
    const response = await federation.query<{ project: { lateNote: string } }>(
      '{ project(id: "dmto-industrialization") { title lateNote } }',
    );
    return response.errors ? undefined : response.data;
  }, 'the gateway serves the partner');
  expect(joined?.project).toEqual({
    title: 'DMTO industrialization at Levima Advanced Materials',
    lateNote: 'joined at a poll',
  });
  expect(
    await eventually(async () => ((await ready()).composition === null ? true : undefined), '/ready'),
  ).toBe(true);
});
