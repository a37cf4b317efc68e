import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { checkSubgraph, loadSubgraphSdls } from '../gateway/subgraph-check';
import { ANONYMOUS, GATEWAY_PROOF_HEADER, signGatewayProof } from '../shared/identity';
import { parseSupergraphConfig, type SubgraphEntry } from '../shared/supergraph-config';
import { givenProject } from './builders';
import { startFederation, type Federation } from './federation';
import { eventually } from './graphql';
import { startExamplePartner, stopExamplePartner, type RunningPartner } from './example-partner';

/**
 * An integrator joins: the example partner subgraph (examples/partner-subgraph, plain
 * JavaScript in its own process, with its own secret) is added to the config of a running
 * gateway, which picks it up at its next poll: no restart, cross-subgraph answers.
 */
const PARTNER_SECRET = randomBytes(32).toString('base64url');
const SECRET_ENV = 'PATENT_OFFICE_SECRET';

let federation: Federation;
let partner: RunningPartner;
let conflicting: { url: string; stop(): Promise<void> };
let dir: string;
let configFile: string;

/** The extra entries of the test's supergraph config, as the gateway reads them at every poll. */
function readPartners(): SubgraphEntry[] {
  if (!existsSync(configFile)) return [];
  const json = JSON.parse(readFileSync(configFile, 'utf8')) as { subgraphs: unknown[] };
  return json.subgraphs.length ? parseSupergraphConfig(json, configFile).subgraphs : [];
}

/** Rewrites the config in one step (write, then rename), so a poll never reads half a file. */
function writePartners(subgraphs: SubgraphEntry[]): void {
  writeFileSync(`${configFile}.next`, JSON.stringify({ subgraphs }, null, 2));
  renameSync(`${configFile}.next`, configFile);
}

/**
 * A candidate that cannot compose: it claims `Achievement.trl` as a string while the
 * institutes subgraph owns it as an Int. A stand-in, not a real partner: it skips the proof.
 */
async function startConflictingSubgraph(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        "An achievement with a TRL of another type."
        type Achievement @key(fields: "id") {
          "Id."
          id: ID!
          "TRL as text."
          trl: String
        }
        type Query {
          "Only here to be absent from the served graph."
          conflictingPing: String
        }`),
      resolvers: { Query: { conflictingPing: () => 'pong' } },
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url: new URL('graphql', url).toString(), stop: () => server.stop() };
}

/** Waits (by polling, not by timing) until `probe` holds; gives up after `attempts`. */
async function ready(): Promise<{ status: number; body: { composition: string | null } }> {
  const response = await fetch(federation.url.replace(/\/graphql$/, '/ready'));
  return { status: response.status, body: (await response.json()) as { composition: string | null } };
}

const PARTNER_ENTRY = (): SubgraphEntry => ({
  name: 'patent-office',
  url: partner.url,
  secretEnv: SECRET_ENV,
});

const DMTO_PATENTS = /* GraphQL */ `
  {
    project(id: "dmto-industrialization") {
      code
      achievement {
        title
        registeredPatents {
          number
          legalStatus
          expiresOn
          illustrative
        }
      }
    }
  }
`;

const EXPECTED_DMTO = {
  project: {
    code: 'AMA-2018-001',
    achievement: {
      title: 'DMTO: Dalian methanol-to-olefins technology',
      registeredPatents: [
        { number: 'CN-DEMO-DMTO-1', legalStatus: 'EXPIRED', expiresOn: '2016-06-12', illustrative: true },
        { number: 'CN-DEMO-DMTO-2', legalStatus: 'GRANTED', expiresOn: '2028-11-03', illustrative: true },
      ],
    },
  },
};

/** Adds the partner to the config (if it is not there) and waits until the graph answers with it. */
async function joinPartner(): Promise<void> {
  if (!readPartners().some((s) => s.name === 'patent-office'))
    writePartners([...readPartners(), PARTNER_ENTRY()]);
  await eventually(async () => {
    const response = await federation.query(DMTO_PATENTS);
    return response.errors ? undefined : response;
  }, 'the gateway serves the partner');
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'alliance-partner-'));
  configFile = path.join(dir, 'partners.json');
  [partner, conflicting] = await Promise.all([
    startExamplePartner(SECRET_ENV, PARTNER_SECRET),
    startConflictingSubgraph(),
  ]);
  federation = await startFederation({
    pollMs: 200,
    extraSubgraphs: readPartners,
    partnerSecrets: (entry) => (entry.secretEnv === SECRET_ENV ? PARTNER_SECRET : undefined),
  });
});
afterAll(async () => {
  await federation?.stop();
  await Promise.all([stopExamplePartner(partner), conflicting?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

test('the partner passes the subgraph check against the running members', async () => {
  const members = [...federation.stack.subgraphs.values()].map((s) => ({ name: s.name, url: s.url }));
  const secrets = (entry: SubgraphEntry): Uint8Array =>
    new TextEncoder().encode(entry.secretEnv === SECRET_ENV ? PARTNER_SECRET : federation.gatewaySecret);
  const [current, [candidate]] = await Promise.all([
    loadSubgraphSdls({ subgraphs: members }, secrets),
    loadSubgraphSdls({ subgraphs: [PARTNER_ENTRY()] }, secrets),
  ]);

  expect(candidate).toBeDefined();
  const report = await checkSubgraph(current, candidate!);

  expect(report.compositionProblems).toEqual([]);
  expect(report.changes.filter((c) => c.level !== 'SAFE')).toEqual([]);
  expect(report.ok).toBe(true);
});

test('the partner joins the running gateway through its config and answers across subgraphs', async () => {
  const gatewayUrl = federation.url;
  const before = await federation.query(DMTO_PATENTS);
  expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(before.errors?.[0]?.message).toContain('registeredPatents');

  writePartners([PARTNER_ENTRY()]);
  const after = await eventually(async () => {
    const response = await federation.query(DMTO_PATENTS);
    return response.errors ? undefined : response;
  }, 'the gateway serves the partner');

  // The same gateway, never restarted: alliance → institutes → patent-office in one answer.
  expect(federation.url).toBe(gatewayUrl);
  expect(after.data).toEqual(EXPECTED_DMTO);
  // Each member's /ready has 2 s to answer: on a loaded worker one probe may miss it.
  const readiness = await eventually(
    async () => {
      const probe = await ready();
      return probe.status === 200 ? probe : undefined;
    },
    'the gateway is ready with the partner',
    50,
  );
  expect(readiness.body.composition).toBeNull();
});

test("the partner reads the caller from the gateway's proof", async () => {
  await joinPartner();
  const WHO = '{ patentOfficeCaller { subject organization roles } }';

  const anonymous = await federation.query(WHO);
  const member = await federation.query(WHO, {}, await federation.token('institute:dicp', 'EDITOR'));

  expect(anonymous.data).toEqual({ patentOfficeCaller: { subject: null, organization: null, roles: [] } });
  expect(member.data).toEqual({
    patentOfficeCaller: { subject: 'institute:dicp#user', organization: 'institute:dicp', roles: ['EDITOR'] },
  });
});

test("the partner's client errors reach the client with their code, field and service", async () => {
  await joinPartner();

  const found = await federation.query('{ registeredPatent(number: "CN-DEMO-PPC-1") { legalStatus } }');
  const malformed = await federation.query('{ registeredPatent(number: "not a number") { title } }');

  expect(found).toMatchObject({ data: { registeredPatent: { legalStatus: 'PENDING' } } });
  expect(found.errors).toBeUndefined();
  expect(malformed.data).toEqual({ registeredPatent: null });
  expect(malformed.errors).toEqual([
    {
      message: 'A publication number looks like CN-DEMO-DMTO-1',
      path: ['registeredPatent'],
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'number',
        serviceName: 'patent-office',
        requestId: expect.any(String) as string,
      },
    },
  ]);
});

test('the patent watch on a project is for members; anonymous callers get UNAUTHENTICATED', async () => {
  await joinPartner();
  const WATCH =
    '{ project(id: "dmto-industrialization") { code patentWatch { lastCheckedOn alerts { number } } } }';

  const anonymous = await federation.query(WATCH);
  const member = await federation.query(WATCH, {}, await federation.token('enterprise:levima', 'VIEWER'));

  expect(anonymous.data).toEqual({ project: { code: 'AMA-2018-001', patentWatch: null } });
  expect(anonymous.errors).toHaveLength(1);
  expect(anonymous.errors?.[0]).toMatchObject({
    path: ['project', 'patentWatch'],
    extensions: { code: 'UNAUTHENTICATED' },
  });
  expect(member.errors).toBeUndefined();
  expect(member.data).toEqual({
    project: {
      code: 'AMA-2018-001',
      patentWatch: { lastCheckedOn: '2026-11-01', alerts: [{ number: 'CN-DEMO-ALERT-7' }] },
    },
  });
});

test("nobody reaches the partner around the gateway, not even with the members' secret", async () => {
  const call = async (proof?: string): Promise<number> =>
    (
      await fetch(partner.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(proof ? { [GATEWAY_PROOF_HEADER]: proof } : {}) },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      })
    ).status;
  const membersSecret = new TextEncoder().encode(federation.gatewaySecret);
  const partnerSecret = new TextEncoder().encode(PARTNER_SECRET);

  expect(await call()).toBe(401);
  expect(await call(await signGatewayProof(membersSecret, 'patent-office', ANONYMOUS))).toBe(401);
  expect(await call(await signGatewayProof(partnerSecret, 'institutes', ANONYMOUS))).toBe(401);
  expect(await call(await signGatewayProof(partnerSecret, 'patent-office', ANONYMOUS))).toBe(200);
});

test("a list of projects with the partner's fields costs the members the same statements for 3 and 12", async () => {
  await joinPartner();
  for (let i = 0; i < 12; i += 1)
    await givenProject(federation, { achievementId: i % 2 ? 'dmto' : 'ciac-ppc' });
  const LIST = /* GraphQL */ `
    query List($first: Int!) {
      projects(first: $first) {
        edges {
          node {
            code
            achievement {
              title
              registeredPatents {
                number
                legalStatus
              }
            }
          }
        }
      }
    }
  `;
  const statements = async (first: number): Promise<Record<string, number>> =>
    federation.statementsDuring(async () => {
      const response = await federation.query<{ projects: { edges: unknown[] } }>(LIST, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data?.projects.edges).toHaveLength(first);
    });

  const three = await statements(3);
  const twelve = await statements(12);

  expect(twelve).toEqual(three);
  expect(three.alliance).toBeGreaterThan(0);
  expect(three.institutes).toBeGreaterThan(0);
});

test('a candidate that does not compose leaves the running graph answering as before', async () => {
  await joinPartner();
  const answerBefore = await federation.query(DMTO_PATENTS);
  expect(answerBefore.data).toEqual(EXPECTED_DMTO);

  writePartners([PARTNER_ENTRY(), { name: 'conflicting-feed', url: conflicting.url }]);
  const reported = await eventually(async () => {
    const readiness = await ready();
    return readiness.body.composition ? readiness : undefined;
  }, '/ready reports the composition problem');

  // Reported, but the gateway stays ready: the members answer and the last good supergraph serves.
  expect(reported.status).toBe(200);
  expect(reported.body.composition).toContain('"Achievement.trl"');
  expect(reported.body.composition).toContain('"conflicting-feed"');
  // The last good supergraph still answers, partner included; the candidate's field is absent.
  const answerAfter = await federation.query(DMTO_PATENTS);
  expect(answerAfter).toEqual(answerBefore);
  const candidateField = await federation.query('{ conflictingPing }');
  expect(candidateField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

  // Taking the candidate out again clears the report.
  writePartners([PARTNER_ENTRY()]);
  const cleared = await eventually(async () => {
    const readiness = await ready();
    return readiness.body.composition === null ? readiness : undefined;
  }, '/ready no longer reports it');
  expect(cleared.status).toBe(200);
});

/** Waits until `count` more polls of the gateway have finished. */
async function polls(count: number): Promise<void> {
  const supergraph = federation.stack.gateway.supergraph;
  const until = supergraph.polls + count;
  await eventually(async () => (supergraph.polls >= until ? true : undefined), `${count} more polls`);
}

test('a poll that finds every schema as it was composes nothing; a broken candidate is composed once', async () => {
  await joinPartner();
  const supergraph = federation.stack.gateway.supergraph;
  await polls(1);
  const unchanged = supergraph.compositions;
  await polls(3);
  expect(supergraph.compositions).toBe(unchanged);

  writePartners([PARTNER_ENTRY(), { name: 'conflicting-feed', url: conflicting.url }]);
  await eventually(
    async () => ((await ready()).body.composition ? true : undefined),
    'the problem is reported',
  );
  const tried = supergraph.compositions;
  // Composed once — or not at all when an earlier test already failed on these very schemas.
  expect(tried - unchanged).toBeLessThanOrEqual(1);
  await polls(3);
  // Still reported at every poll, but the same schemas are not composed again.
  expect((await ready()).body.composition).toContain('"conflicting-feed"');
  expect(supergraph.compositions).toBe(tried);

  writePartners([PARTNER_ENTRY()]);
  await eventually(async () => ((await ready()).body.composition === null ? true : undefined), 'cleared');
  // Back to the very schemas the served supergraph was composed of: nothing to compose.
  expect(supergraph.compositions).toBe(tried);
});

test('when the partner is down, only its field is null, with SUBGRAPH_UNAVAILABLE', async () => {
  await joinPartner();
  await stopExamplePartner(partner);
  try {
    const answer = await federation.query<typeof EXPECTED_DMTO>(DMTO_PATENTS);

    // The partner's field is nullable, so its outage costs only that field.
    expect(answer.data).toEqual({
      project: {
        code: 'AMA-2018-001',
        achievement: { title: 'DMTO: Dalian methanol-to-olefins technology', registeredPatents: null },
      },
    });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]).toMatchObject({
      message: 'The patent-office service did not answer',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'patent-office' },
    });
    expect(JSON.stringify(answer.errors)).not.toContain(new URL(partner.url).port);
  } finally {
    // A new instance takes over (on a new port); once the old one is gone, any answer is the new one's.
    partner = await startExamplePartner(SECRET_ENV, PARTNER_SECRET);
    writePartners([PARTNER_ENTRY()]);
    await joinPartner();
  }
});
