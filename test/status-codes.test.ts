import { startFederation, type Federation } from './federation';

/**
 * GraphQL over HTTP: a request the client got wrong is HTTP 400 with a stable code and the
 * request id, in the header and in every error; only a fault of ours is 500. None of these
 * reaches a subgraph.
 */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({
    seed: false,
    limits: { maxDepth: 6, maxAliases: 5, maxCost: 60, maxTokens: 400 },
  });
});
afterAll(async () => {
  await federation.stop();
});

interface Answer {
  status: number;
  requestId: string | null;
  errors: { message: string; extensions: { code?: string; requestId?: string } }[];
}

async function post(body: unknown): Promise<Answer> {
  const response = await fetch(federation.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { errors: Answer['errors'] };
  return { status: response.status, requestId: response.headers.get('x-request-id'), errors: answer.errors };
}

const aliases = Array.from({ length: 8 }, (_, i) => `a${i}: institutes { name }`).join(' ');

test.each([
  ['a syntax error', { query: '{ institutes { name ' }, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
  [
    'too many tokens',
    { query: `{ institutes { ${'name '.repeat(500)} } }` },
    'GRAPHQL_PARSE_FAILED',
    /400 tokens/,
  ],
  ['an unknown field', { query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nope"/],
  [
    'too deep',
    {
      query:
        '{ project(id: "x") { achievement { institute { achievements { institute { achievements { institute { name } } } } } } } }',
    },
    'GRAPHQL_VALIDATION_FAILED',
    /depth limit of 6/,
  ],
  ['too many aliases', { query: `{ ${aliases} }` }, 'GRAPHQL_VALIDATION_FAILED', /Aliases limit of 5/],
  [
    'too costly',
    { query: '{ projects(first: 30) { edges { node { code achievement { title } } } } }' },
    'QUERY_COST_EXCEEDED',
    /above the limit of 60/,
  ],
  [
    'an unknown operationName',
    { query: 'query A { institutes { name } }', operationName: 'B' },
    'OPERATION_RESOLUTION_FAILURE',
    /no operation named "B" \(it has "A"\)/,
  ],
  [
    'two operations and no operationName',
    { query: 'query A { institutes { name } } query B { funds { name } }' },
    'OPERATION_RESOLUTION_FAILURE',
    /several operations/,
  ],
  [
    'two anonymous operations',
    { query: '{ institutes { name } } { funds { name } }' },
    'GRAPHQL_VALIDATION_FAILED',
    /anonymous operation must be the only/,
  ],
  [
    'a subscription',
    { query: 'subscription { institutes { name } }' },
    'OPERATION_RESOLUTION_FAILURE',
    /Subscriptions are not supported/,
  ],
  ['no query', { variables: {} }, 'BAD_REQUEST', /non-empty `query`/],
])(
  '%s is HTTP 400 with a stable code and the request id, and runs no SQL',
  async (_case, body, code, message) => {
    let answer: Answer | undefined;
    const statements = await federation.statementsDuring(async () => {
      answer = await post(body);
    });
    expect(Object.values(statements).every((n) => n === 0)).toBe(true);
    expect(answer!.status).toBe(400);
    expect(answer!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer!.errors.length).toBeGreaterThan(0);
    for (const error of answer!.errors) {
      expect(error.extensions.code).toBe(code);
      expect(error.extensions.requestId).toBe(answer!.requestId);
    }
    expect(answer!.errors[0]?.message).toMatch(message);
  },
);

test('the operation named among several runs', async () => {
  const answer = await post({ query: 'query A { __typename } query B { __typename }', operationName: 'B' });
  expect(answer.errors).toBeUndefined();
  expect(answer.status).toBe(200);
});

test('variables that are not an object are 400, with the request id in the header', async () => {
  const answer = await post({ query: '{ __typename }', variables: 'not an object' });
  expect(answer.status).toBe(400);
  expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
});
