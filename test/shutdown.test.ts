import { request } from 'node:http';
import { startChildStack, type ChildStack } from './child-stack';

/**
 * SIGTERM to the stack as `npm start` runs it, with requests in flight: the gateway stops
 * accepting, the requests finish with full data (the subgraphs and databases stop after
 * them, not with them), and the process exits 0 within the grace period. Whether a fast
 * request is still running when the signal lands is up to the machine; three requests whose
 * bodies are sent only after the signal are in flight whatever its speed.
 */

const SUBGRAPH_TIMEOUT_MS = 10_000;
/** gateway/server.ts `shutdownGraceMs`, plus the time the subgraphs and the database take to close. */
const DEADLINE_MS = SUBGRAPH_TIMEOUT_MS + 5_000 + 10_000;

/**
 * Reaches every subgraph for 20 or more projects: slow enough on the shared embedded
 * database to be in flight. Each request asks for a different number, so the gateway does
 * not merge them into one subgraph fetch and each reaches the subgraphs under its own id.
 */
const SLOW = /* GraphQL */ `
  query Slow($first: Int!) {
    projects(first: $first) {
      edges {
        node {
          title
          achievement {
            title
            institute {
              name
            }
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
    }
  }
`;

let stack: ChildStack;

/**
 * A request whose headers the gateway has read (it answered `100 Continue`, which Node does
 * just before it hands the request on) and whose body is sent only when `send` is called:
 * in flight, for certain, at any moment in between.
 */
async function heldRequest(
  url: string,
  body: string,
): Promise<{ send: () => void; answer: Promise<{ status: number; text: string }> }> {
  const req = request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
    },
  });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
  });
  const read = new Promise<void>((resolve, reject) => {
    req.once('continue', resolve);
    req.once('error', reject);
  });
  req.flushHeaders();
  await read;
  return { send: () => req.end(body), answer };
}

beforeAll(async () => {
  stack = await startChildStack({ env: { SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS) } });
}, 240_000);
afterAll(async () => {
  await stack?.stop();
});

test('SIGTERM with requests in flight and three whose queries arrive after it: all complete with full data, new connections are refused, exit 0', async () => {
  const inFlight = Array.from({ length: 10 }, async (_, i) => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `in-flight-${i}` },
      body: JSON.stringify({ query: SLOW, variables: { first: 20 + i } }),
    });
    const body = (await response.json()) as {
      data?: { projects: { edges: { node: { title: string; leadEnterprise: unknown } }[] } };
      errors?: unknown[];
    };
    return { status: response.status, body, first: 20 + i };
  });
  // In flight: the gateway has begun every one (a subgraph has answered its part of each).
  // Waiting for all ten matters on a loaded machine: a request the gateway has not read yet
  // is an idle connection, which stopping closes at once.
  const begun = (): number =>
    new Set(
      [
        ...stack
          .output()
          .matchAll(
            /"service":"(?:alliance|institutes|enterprises|funds|pilot-bases)","requestId":"(in-flight-\d+)"/g,
          ),
      ].map((match) => match[1]),
    ).size;
  const deadline = Date.now() + 60_000;
  while (begun() < 10) {
    if (Date.now() > deadline) throw new Error(`only ${begun()} of the requests reached a subgraph`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // And three the gateway has begun to read, whose queries it only gets after the signal.
  const held = await Promise.all(
    [30, 31, 32].map((first) =>
      heldRequest(stack.url, JSON.stringify({ query: SLOW, variables: { first } })),
    ),
  );
  const signalledAt = Date.now();
  stack.processes[0]!.kill('SIGTERM');

  // A new connection after the signal is refused.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const late = fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  await expect(late).rejects.toThrow();
  for (const { send } of held) send();

  const answers = await Promise.all(inFlight);
  for (const { status, body, first } of answers) {
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.projects.edges).toHaveLength(first);
    for (const { node } of body.data!.projects.edges) expect(node.leadEnterprise).not.toBeNull();
  }
  // The held ones are asked after the signal: the gateway and every subgraph still answer.
  for (const [i, { answer }] of held.entries()) {
    const { status, text } = await answer;
    expect(status).toBe(200);
    const body = JSON.parse(text) as {
      data?: { projects: { edges: { node: { leadEnterprise: unknown } }[] } };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.projects.edges).toHaveLength(30 + i);
    for (const { node } of body.data!.projects.edges) expect(node.leadEnterprise).not.toBeNull();
  }

  const [code] = await stack.exited();
  expect(code).toBe(0);
  expect(Date.now() - signalledAt).toBeLessThan(DEADLINE_MS);
  expect(stack.output()).toMatch(/"msg":"stopped"/);
}, 120_000);
