import { logger } from '../shared/logger';
import { startFederation, type Federation } from './federation';

/**
 * One access-log line per request at the gateway and at every subgraph the request reached,
 * all carrying the request's id: the client's `x-request-id` when it is well formed, a new
 * one otherwise.
 */

interface AccessLine {
  msg: string;
  service: string;
  requestId: string;
  operationName?: string;
  operationType?: string;
  organization?: string;
  durationMs: number;
  status: number;
  outcome: string;
  errorCodes?: string[];
  subgraphs?: string[];
}

const CROSS = /* GraphQL */ `
  query Dmto {
    project(id: "dmto-industrialization") {
      title
      achievement {
        title
      }
      leadEnterprise {
        name
      }
      investments {
        stage
      }
      bookings {
        id
      }
    }
  }
`;

let federation: Federation;
let output: string[] = [];
let write: jest.SpyInstance;

beforeAll(async () => {
  // Tests log warnings only; the access log is at info. Set before the services make their loggers.
  logger.level = 'info';
  write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(chunk.toString());
    return true;
  });
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
  write.mockRestore();
  logger.level = 'warn';
});

/** The access-log lines written for `requestId` so far, by service. */
async function linesOf(requestId: string): Promise<AccessLine[]> {
  // A line is written when the answer has gone: give the last `close` events a turn.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return output
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as AccessLine)
    .filter((line) => line.msg === 'request' && line.requestId === requestId);
}

async function send(query: string, headers: Record<string, string>, token?: string) {
  const response = await fetch(federation.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query }),
  });
  return {
    response,
    body: (await response.json()) as { errors?: { extensions: Record<string, unknown> }[] },
  };
}

beforeEach(() => {
  output = [];
});

test('a well-formed x-request-id comes back and is on the line of the gateway and of every subgraph reached', async () => {
  const token = await federation.token('enterprise:levima', 'VIEWER');
  const { response, body } = await send(CROSS, { 'x-request-id': 'abc-123' }, token);
  expect(body.errors).toBeUndefined();
  expect(response.headers.get('x-request-id')).toBe('abc-123');

  const lines = await linesOf('abc-123');
  const gateway = lines.filter((l) => l.service === 'gateway');
  expect(gateway).toHaveLength(1);
  expect(gateway[0]).toMatchObject({
    operationName: 'Dmto',
    operationType: 'query',
    organization: 'enterprise:levima',
    status: 200,
    outcome: 'ok',
  });
  expect(gateway[0]?.durationMs).toBeGreaterThan(0);
  expect(new Set(gateway[0]?.subgraphs)).toEqual(
    new Set(['alliance', 'institutes', 'enterprises', 'funds', 'pilot-bases']),
  );
  // Each subgraph the plan reached logged the request once, as the gateway's query for it.
  for (const subgraph of ['alliance', 'institutes', 'enterprises', 'funds', 'pilot-bases']) {
    const own = lines.filter((l) => l.service === subgraph);
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(own[0]).toMatchObject({
      operationType: 'query',
      organization: 'enterprise:levima',
      outcome: 'ok',
    });
    expect(own[0]?.operationName).toMatch(/^Dmto__/);
  }
  // Never the token.
  expect(output.join('')).not.toContain(token);
});

test("a subgraph's call to another subgraph carries the request's id too", async () => {
  const secretariat = await federation.token('alliance:secretariat', 'SECRETARIAT');
  const { body } = await send(
    `mutation { createProject(input: { code: "AMA-2026-701", title: "Request id through a reference check",
      achievementId: "ciac-ppc", leadEnterpriseId: "levima" }) { id } }`,
    { 'x-request-id': 'peer-check-1' },
    secretariat,
  );
  expect(body.errors).toBeUndefined();
  const lines = await linesOf('peer-check-1');
  // The alliance checks the achievement and the lead enterprise with their owners before it
  // writes; the gateway asked only the alliance.
  expect(lines.find((l) => l.service === 'gateway')?.subgraphs).toEqual(['alliance']);
  expect(lines.filter((l) => l.service === 'institutes').length).toBeGreaterThanOrEqual(1);
  expect(lines.filter((l) => l.service === 'enterprises').length).toBeGreaterThanOrEqual(1);
});

test('an error answer logs its codes at the gateway and at the subgraph that refused', async () => {
  const { body } = await send('query Bad { projects(first: 0) { totalCount } }', { 'x-request-id': 'bad-1' });
  expect(body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  expect(body.errors?.[0]?.extensions.requestId).toBe('bad-1');
  const lines = await linesOf('bad-1');
  expect(lines.find((l) => l.service === 'gateway')).toMatchObject({
    operationName: 'Bad',
    outcome: 'error',
    errorCodes: ['BAD_USER_INPUT'],
  });
  expect(lines.find((l) => l.service === 'alliance')).toMatchObject({
    outcome: 'error',
    errorCodes: ['BAD_USER_INPUT'],
  });
});

test.each([
  ['4 kB long', 'a'.repeat(4096)],
  ['with a control character (tab)', 'abc\tdef'],
  ['with a quote and braces', 'abc"},{"x":"'],
  ['with a space', 'abc def'],
])('an id %s is replaced by a new one, used everywhere', async (_, malformed) => {
  const { response, body } = await send('{ projects { totalCount } }', { 'x-request-id': malformed });
  expect(body.errors).toBeUndefined();
  const requestId = response.headers.get('x-request-id')!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const lines = await linesOf(requestId);
  expect(lines.map((l) => l.service).sort()).toEqual(['alliance', 'gateway']);
  expect(output.join('')).not.toContain(malformed);
});
