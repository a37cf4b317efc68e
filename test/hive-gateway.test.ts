import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getOperationAST, OperationTypeNode, parse } from 'graphql';
import { decodeJwt } from 'jose';
import { apiSchemaOf } from '../gateway/supergraph';
import { costDirectivesOf, operationCost } from '../gateway/limits';
import { UnauthenticatedError } from '../shared/errors';
import * as identity from '../shared/identity';
import { memberSubgraphs } from '../services/index';
import { DOC_PAGES, pageExamples, readmeExamples, withoutRequestIds } from './examples';
import { queryAt, startFederation, type Federation, type GraphQLResponse } from './federation';

/**
 * The second gateway, Hive Gateway (gateway/hive/), on the same running stack as the
 * project's gateway: the README's and the docs' read examples answer alike through both,
 * and both refuse, mask and prove alike. Where they differ by design, an assertion says so.
 */
let federation: Federation;
const gateways = (): [string, string][] => [
  ['apollo', federation.url],
  ['hive', federation.hiveUrl!],
];

beforeAll(async () => {
  federation = await startFederation({ hive: true });
});
afterAll(async () => {
  await federation.stop();
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** The answer without what differs per request: its id, and a masked error's id. */
function comparable(body: unknown): unknown {
  return JSON.parse(JSON.stringify(withoutRequestIds(body)), (key, value: unknown) =>
    key === 'errorId' ? undefined : value,
  );
}

/** Sends the same request to both gateways; each answer with its status and `x-request-id`. */
interface Answer {
  status: number;
  requestId: string | null;
  body: GraphQLResponse;
}

/** The same request to the project's gateway, then to Hive: their two answers, in that order. */
async function both(body: string, headers: Record<string, string> = {}): Promise<[Answer, Answer]> {
  const ask = async (url: string): Promise<Answer> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return {
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      body: (await response.json()) as GraphQLResponse,
    };
  };
  const [[, apollo], [, hive]] = gateways() as [[string, string], [string, string]];
  return [await ask(apollo), await ask(hive)];
}

const request = (query: string, variables?: Record<string, unknown>): string =>
  JSON.stringify({ query, variables });

describe('the README and docs read examples answer alike through both gateways', () => {
  const reads: [string, string, string | undefined][] = [
    ...readmeExamples().map((e, i): [string, string, string | undefined] => [
      `README ${i + 1}`,
      e.body,
      undefined,
    ]),
    ...DOC_PAGES.flatMap((page) =>
      pageExamples(page)
        // Reads only: a mutation (or the unprinted one a setup step runs) would change what
        // the other gateway reads next. A read of a record such a mutation made finds it
        // missing through both alike.
        .filter(
          (e) =>
            !e.annotation.skip &&
            !e.annotation.setup &&
            getOperationAST(parse(e.query))?.operation === OperationTypeNode.QUERY,
        )
        .map((e): [string, string, string | undefined] => [
          `${page}:${e.line}`,
          request(e.query, e.annotation.variables),
          e.annotation.bearer ? `bearer:${e.annotation.bearer}` : e.annotation.as,
        ]),
    ),
  ];

  test('there are at least 25 of them', () => {
    expect(reads.length).toBeGreaterThanOrEqual(25);
  });

  test.each(reads)('%s', async (_title, body, as) => {
    let authorization: string | undefined;
    if (as?.startsWith('bearer:')) authorization = `Bearer ${as.slice('bearer:'.length)}`;
    else if (as) {
      const [organization = '', role] = as.split('/');
      authorization = `Bearer ${await federation.token(organization, role as identity.Role)}`;
    }
    const [apollo, hive] = await both(body, authorization ? { authorization } : {});
    expect(comparable(hive.body)).toEqual(comparable(apollo.body));
    expect(hive.status).toBe(apollo.status);
  });
});

describe('the limits refuse alike, before any SQL', () => {
  const sevenBoards = `{ ${Array.from(
    { length: 7 },
    (_, i) =>
      `c${i}: projects(first: 30) { edges { node { investments(first: 63) { fund { investments(first: 57) { id } } } } } }`,
  ).join(' ')} }`;

  /** Both answers, and the SQL statements all subgraphs ran while both were asked. */
  async function refusedByBoth(query: string): Promise<[Answer, Answer]> {
    const answers: Answer[] = [];
    const statements = await federation.statementsDuring(async () => {
      answers.push(...(await both(request(query))));
    });
    expect(Object.values(statements).every((n) => n === 0)).toBe(true);
    const [apollo, hive] = answers as [Answer, Answer];
    expect(apollo.body.data ?? null).toBeNull();
    expect(comparable(hive.body)).toEqual(comparable(apollo.body));
    expect(hive.status).toBe(apollo.status);
    return [apollo, hive];
  }

  test('a query costing 780,997 (limit 20,000) is refused by both with QUERY_COST_EXCEEDED', async () => {
    const sdl = readFileSync(path.join(__dirname, '..', 'supergraph.graphql'), 'utf8');
    const document = parse(sevenBoards);
    const full = operationCost(document, getOperationAST(document)!, {
      schema: buildSchema(apiSchemaOf(sdl)),
      directives: costDirectivesOf(sdl),
    });
    expect(full.cost).toBe(780_997);
    const [apollo] = await refusedByBoth(sevenBoards);
    expect(apollo.status).toBe(400);
    expect(apollo.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_COST_EXCEEDED',
      maxCost: 20_000,
    });
  });

  test('16 aliases are refused by both', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: institutes { name }`).join(' ');
    const [apollo] = await refusedByBoth(`{ ${aliases} }`);
    expect(apollo.status).toBe(400);
    expect(apollo.body.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded, found 16/);
    expect(apollo.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('depth 11 is refused by both', async () => {
    const [apollo] = await refusedByBoth(
      '{ project(id: "dmto-industrialization") { achievement { institute { achievements { institute { achievements { institute { achievements { institute { achievements { id } } } } } } } } } } }',
    );
    expect(apollo.status).toBe(400);
    expect(apollo.body.errors?.[0]?.message).toMatch(/depth limit of 10 exceeded, found 11/);
  });

  test.each([
    ['a page above 100', '{ projects(first: 101) { totalCount } }', 'BAD_USER_INPUT'],
    ['more than 2,000 tokens', `{ institutes { ${'name '.repeat(2001)} } }`, 'GRAPHQL_PARSE_FAILED'],
    ['a syntax error', '{ institutes { name ', 'GRAPHQL_PARSE_FAILED'],
  ])('%s is refused by both', async (_case, query, code) => {
    const [apollo] = await refusedByBoth(query);
    expect(apollo.status).toBe(400);
    expect(apollo.body.errors?.[0]?.extensions?.code).toBe(code);
  });
});

describe('requests refused before any GraphQL runs', () => {
  test('an oversized body is 413 through both, with the same error', async () => {
    const [apollo, hive] = await both(
      JSON.stringify({ query: '{ institutes { name } }', variables: { padding: 'x'.repeat(200_000) } }),
    );
    expect([apollo.status, hive.status]).toEqual([413, 413]);
    expect(apollo.body).toEqual({
      errors: [{ message: 'The request body is too large', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(hive.body).toEqual(apollo.body);
  });

  test('a GET without a preflight header is refused by both (CSRF prevention)', async () => {
    const refusals = [];
    for (const [, url] of gateways()) {
      const response = await fetch(`${url}?query=${encodeURIComponent('{ institutes { name } }')}`);
      refusals.push({ status: response.status, body: (await response.json()) as GraphQLResponse });
    }
    const [apollo, hive] = refusals as [(typeof refusals)[number], (typeof refusals)[number]];
    expect(apollo.status).toBe(400);
    expect(apollo.body.errors?.[0]?.message).toMatch(/CSRF/);
    // By design: Yoga's CSRF check answers 403 with a message of its own; the plugin gives
    // it the project's code for a refused request.
    expect(hive.status).toBe(403);
    expect(hive.body.errors?.[0]).toMatchObject({
      message: 'Required CSRF header(s) not present',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(apollo.body.data ?? null).toBeNull();
    expect(hive.body.data ?? null).toBeNull();
  });

  test('batched requests are refused by both', async () => {
    const [apollo, hive] = await both(
      JSON.stringify([{ query: '{ institutes { name } }' }, { query: '{ funds { name } }' }]),
    );
    expect([apollo.status, hive.status]).toEqual([400, 400]);
    expect(hive.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('callers, proofs and request ids', () => {
  test('without a token both answer public data; with a bad or expired one both refuse with 401', async () => {
    const query = request('{ institutes { name } }');
    const [anonymousApollo, anonymousHive] = await both(query);
    expect(anonymousApollo.status).toBe(200);
    expect(anonymousHive.body).toEqual(anonymousApollo.body);
    const expired = await federation.tokenWith({
      subject: 'x',
      organization: { type: 'institute', id: 'dicp' },
      roles: ['VIEWER'],
      expiresIn: Math.floor(Date.now() / 1000) - 3600,
    });
    for (const token of ['not-a-jwt', expired]) {
      const answers: Answer[] = [];
      const statements = await federation.statementsDuring(async () => {
        answers.push(...(await both(query, { authorization: `Bearer ${token}` })));
      });
      expect(Object.values(statements).every((n) => n === 0)).toBe(true);
      const [apollo, hive] = answers as [Answer, Answer];
      expect([apollo.status, hive.status]).toEqual([401, 401]);
      expect(apollo.body).toEqual({
        errors: [{ message: 'The token is invalid or expired', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      // By design: Hive's 401 carries the request id in the body too (Apollo Server answers a
      // refused context before the plugin that adds it runs); both send it as `x-request-id`.
      expect(comparable(hive.body)).toEqual(apollo.body);
      expect(hive.body.errors?.[0]?.extensions?.requestId).toBe(hive.requestId);
    }
  });

  test('each subgraph gets a proof for itself with the caller inside, the same claims from both', async () => {
    const verify = jest.spyOn(identity, 'verifyGatewayProof');
    const token = await federation.token('enterprise:levima', 'EDITOR');
    const query =
      '{ project(id: "dmto-industrialization") { code achievement { title } leadEnterprise { name } investments { stage } } }';
    const proofsOf = async (url: string): Promise<Record<string, unknown>[]> => {
      verify.mockClear();
      const response = await queryAt(url, query, undefined, token);
      expect(response.errors).toBeUndefined();
      return verify.mock.calls.map(([, audience, proof]) => ({ audience, ...decodeJwt(proof!) }));
    };
    const claims = (proofs: Record<string, unknown>[]): unknown[] =>
      proofs
        .map(({ audience, aud, iss, sub, org, roles, exp, iat }) => ({
          audience,
          aud,
          iss,
          sub,
          org,
          roles,
          lifetime: (exp as number) - (iat as number),
        }))
        .sort((a, b) => String(a.aud).localeCompare(String(b.aud)));
    const apollo = await proofsOf(federation.url);
    const hive = await proofsOf(federation.hiveUrl!);
    expect(claims(hive)).toEqual(claims(apollo));
    expect(new Set(hive.map((p) => p.aud))).toEqual(
      new Set(['alliance', 'institutes', 'enterprises', 'funds']),
    );
    expect(hive).toContainEqual(
      expect.objectContaining({
        audience: 'funds',
        aud: 'funds',
        iss: 'alliance-gateway',
        sub: 'enterprise:levima#user',
        org: 'enterprise:levima',
        roles: ['EDITOR'],
      }),
    );
    // A proof proves one request: every one Hive signed has an id of its own.
    expect(new Set(hive.map((p) => p.jti)).size).toBe(hive.length);
  });

  test('identical queries of different callers at once each get their own answer', async () => {
    const token = await federation.token('institute:dicp', 'EDITOR');
    const query = '{ institutes { name achievements(first: 100) { id } } }';
    for (const [, url] of gateways()) {
      const anonymous = await queryAt(url, query);
      const owner = await queryAt(url, query, undefined, token);
      expect(owner.data).not.toEqual(anonymous.data);
      // In flight together, the same subgraph request of two callers must not be collapsed
      // into one: it carries a different caller in its proof. (Hive collapsed 4 of 8 when
      // the proof was set at the fetch, after its key for collapsing was taken.)
      const together = await Promise.all(
        Array.from({ length: 8 }, (_, i) => queryAt(url, query, undefined, i % 2 ? token : undefined)),
      );
      together.forEach((answer, i) => expect(answer.data).toEqual((i % 2 ? owner : anonymous).data));
    }
  });

  test('a well-formed request id is echoed and forwarded by both; a malformed one replaced', async () => {
    const contexts = memberSubgraphs.map((module) => jest.spyOn(module, 'createContext'));
    const forwarded = (): unknown[] =>
      contexts.flatMap((spy) => spy.mock.calls.map((call) => (call[3] as { requestId?: string }).requestId));
    const query = request(
      '{ project(id: "dmto-industrialization") { code leadEnterprise { name } } institutes { nam } }',
    );
    for (const [gateway] of gateways()) {
      const id = `check-${gateway}-1`;
      const answers = await both(query, { 'x-request-id': id });
      const answer = answers[gateway === 'apollo' ? 0 : 1];
      expect(answer.requestId).toBe(id);
      expect(answer.body.errors?.[0]?.extensions?.requestId).toBe(id);
    }
    const ok = await both(
      request('{ project(id: "dmto-industrialization") { code leadEnterprise { name } } }'),
      {
        'x-request-id': 'check-both-2',
      },
    );
    expect(ok.map((a) => a.requestId)).toEqual(['check-both-2', 'check-both-2']);
    // Each gateway asked the alliance and the enterprises subgraphs with the client's id.
    expect(forwarded().filter((id) => id === 'check-both-2')).toHaveLength(4);
    const malformed = await both(request('{ institutes { nam } }'), { 'x-request-id': 'two words' });
    for (const answer of malformed) {
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body.errors?.[0]?.extensions?.requestId).toBe(answer.requestId);
    }
  });

  test('a subgraph that refuses the proof is SUBGRAPH_UNAVAILABLE through both, the rest answered', async () => {
    const verify = identity.verifyGatewayProof;
    jest
      .spyOn(identity, 'verifyGatewayProof')
      .mockImplementation(async (secret, audience, token, replays) => {
        if (audience === 'funds')
          throw new UnauthenticatedError('This service only answers the alliance gateway');
        return verify(secret, audience, token, replays);
      });
    const [apollo, hive] = await both(request('{ institutes { name } funds { name } }'));
    expect(apollo.body.data?.funds).toBeNull();
    expect(apollo.body.data?.institutes).toContainEqual({ name: 'Dalian Institute of Chemical Physics' });
    expect(apollo.body.errors).toEqual([
      {
        message: 'The funds service did not answer',
        path: ['funds'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'funds', requestId: apollo.requestId },
      },
    ]);
    expect(comparable(hive.body)).toEqual(comparable(apollo.body));
    expect(hive.status).toBe(apollo.status);
    expect(JSON.stringify(hive.body)).not.toMatch(/127\.0\.0\.1|\b401\b|only answers/);
  });
});
