import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { verifyGatewayProof, GATEWAY_PROOF_HEADER, type Caller } from '../../shared/identity';
import { serviceLogger } from '../../shared/logger';
import { standInSubgraph } from '../../test/stand-in-subgraph';
import { ProvingDataSource, type GatewayContext } from '../data-source';

/** The proof each request to a subgraph carries, with the secret as configured at that moment. */
const member: Caller = { subject: 'u', organization: { type: 'institute', id: 'dicp' }, roles: ['VIEWER'] };
const secretA = new TextEncoder().encode('a'.repeat(32));
const secretB = new TextEncoder().encode('b'.repeat(32));

async function proofSent(source: ProvingDataSource): Promise<string> {
  const headers = new Map<string, string>();
  await source.willSendRequest({
    request: { http: { headers } },
    context: { caller: member },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  return headers.get(GATEWAY_PROOF_HEADER)!;
}

describe.each([true, false])('tuned: %p', (tuned) => {
  test('a rotated secret signs the next proof; a proof of the old secret is not reused', async () => {
    let current = secretA;
    const source = new ProvingDataSource(
      { name: 'funds', url: 'http://127.0.0.1:1/graphql' },
      () => current,
      { timeoutMs: 1_000, tuned, log: serviceLogger('test') },
    );
    expect(await verifyGatewayProof(secretA, 'funds', await proofSent(source))).toMatchObject(member);
    current = secretB;
    const afterRotation = await proofSent(source);
    expect(await verifyGatewayProof(secretB, 'funds', afterRotation)).toMatchObject(member);
    await expect(verifyGatewayProof(secretA, 'funds', afterRotation)).rejects.toThrow(GraphQLError);
  });

  test('a secret that cannot be read makes the subgraph unavailable, not an internal error', async () => {
    const source = new ProvingDataSource(
      { name: 'funds', url: 'http://127.0.0.1:1/graphql' },
      () => {
        throw new Error('ENOENT: /run/secrets/funds');
      },
      { timeoutMs: 1_000, tuned, log: serviceLogger('test') },
    );
    await expect(proofSent(source)).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'funds' },
    });
  });
});

describe('identical queries in flight', () => {
  let received = 0;

  // Answers every request after 100 ms, so concurrent ones are in flight together.
  const url = standInSubgraph((_request, response) => {
    received += 1;
    setTimeout(() => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { projects: [{ code: 'DMTO', stages: ['PILOT'] }] } }));
    }, 100);
  });

  function ask(source: ProvingDataSource) {
    return source.process({
      kind: 'loading schema',
      request: { query: 'query Board { projects { code stages } }', variables: {} },
      context: { caller: member },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  }

  test('share one subgraph request, and each request gets an answer of its own to merge into', async () => {
    const source = new ProvingDataSource({ name: 'alliance', url: url() }, () => secretA, {
      timeoutMs: 5_000,
      tuned: true,
      log: serviceLogger('test'),
    });
    received = 0;
    const answers = await Promise.all([ask(source), ask(source), ask(source)]);
    expect(received).toBe(1);
    expect(new Set(answers.map((a) => a.data)).size).toBe(3);
    // What one request's merging writes stays out of the others' answers.
    (answers[0].data as { projects: { code: string }[] }).projects[0]!.code = 'written by one request';
    for (const answer of answers.slice(1)) {
      expect(answer.data).toEqual({ projects: [{ code: 'DMTO', stages: ['PILOT'] }] });
    }

    // Once answered, the next identical query is a request of its own.
    const later = await ask(source);
    expect(received).toBe(2);
    expect(later.data).toEqual({ projects: [{ code: 'DMTO', stages: ['PILOT'] }] });
  });
});

describe("the subgraph's cache-control header", () => {
  let header: string | undefined;

  let received = 0;

  const url = standInSubgraph((_request, response) => {
    received += 1;
    setTimeout(() => {
      response.setHeader('content-type', 'application/json');
      if (header) response.setHeader('cache-control', header);
      response.end(JSON.stringify({ data: { projects: [] } }));
    }, 50);
  });

  /** The hints each of three identical operations in flight puts on its client's answer. */
  async function hints(tuned: boolean): Promise<unknown[][]> {
    const source = new ProvingDataSource({ name: 'partner', url: url() }, () => secretA, {
      timeoutMs: 5_000,
      tuned,
      log: serviceLogger('test'),
    });
    const policies = [0, 1, 2].map(() => ({ restrict: jest.fn() }));
    received = 0;
    await Promise.all(
      policies.map((policy) =>
        source.process({
          kind: 'incoming operation',
          request: { query: 'query { projects { code } }', variables: {} },
          incomingRequestContext: { overallCachePolicy: policy },
          context: { caller: member },
        } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>),
      ),
    );
    // Tuned, the three shared one subgraph request.
    expect(received).toBe(tuned ? 1 : 3);
    return policies.map((policy) => policy.restrict.mock.calls.map((call: unknown[]) => call[0]));
  }

  test.each([true, false])("limits every request's answer, shared or not (tuned: %p)", async (tuned) => {
    header = 'max-age=30, public';
    expect(await hints(tuned)).toEqual([0, 1, 2].map(() => [{ maxAge: 30, scope: 'PUBLIC' }]));
    header = 'private, max-age="5"';
    expect(await hints(tuned)).toEqual([0, 1, 2].map(() => [{ maxAge: 5, scope: 'PRIVATE' }]));
    // None (what the member subgraphs send): not cacheable. Nor directives Apollo would not
    // read (it knows lower-case names only): a partner cannot make an answer public by case.
    for (header of [undefined, 'Public, Max-Age=300']) {
      expect(await hints(tuned)).toEqual([0, 1, 2].map(() => [{ maxAge: 0 }]));
    }
  });
});

describe('a connection reset under the request', () => {
  const bodies: string[] = [];
  const proofs: string[] = [];

  // Resets the connection of every other request before answering, as a subgraph closing
  // a kept-alive connection just as a request goes out would.
  const url = standInSubgraph((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      proofs.push(String(request.headers[GATEWAY_PROOF_HEADER]));
      if (bodies.length % 2 === 1) {
        request.socket.resetAndDestroy();
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { createProject: { code: 'X' }, projects: [{ code: 'DMTO' }] } }));
    });
  });

  const source = () =>
    new ProvingDataSource({ name: 'alliance', url: url() }, () => secretA, {
      timeoutMs: 5_000,
      tuned: false,
      log: serviceLogger('test'),
    });
  const send = (query: string) =>
    source().process({
      kind: 'loading schema',
      request: { query, variables: {} },
      context: { caller: member },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

  test('a read is asked once more and answered', async () => {
    bodies.length = 0;
    const answer = await send('query Board { projects { code } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ createProject: { code: 'X' }, projects: [{ code: 'DMTO' }] });
    expect(bodies).toHaveLength(2);
    // A proof is accepted once: the second attempt carries one of its own.
    expect(new Set(proofs.slice(-2)).size).toBe(2);
    for (const proof of proofs.slice(-2)) {
      expect(await verifyGatewayProof(secretA, 'alliance', proof)).toMatchObject(member);
    }
  });

  test('a write is not sent twice: its outcome is unknown', async () => {
    bodies.length = 0;
    const answer = await send('mutation Dock { createProject { code } }');
    expect(bodies).toHaveLength(1);
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['createProject'], 'OUTCOME_UNKNOWN'],
    ]);
  });
});

describe('what the subgraph receives, and what a failure becomes', () => {
  let seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];
  let status = 200;

  const url = standInSubgraph((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ method: request.method, headers: request.headers, body });
      response.statusCode = status;
      response.setHeader('content-type', status === 200 ? 'application/json' : 'text/plain');
      response.end(
        status === 200 ? JSON.stringify({ data: { projects: [] } }) : 'stack trace at /srv/alliance',
      );
    });
  });

  const ask = (at: string, query: string) =>
    new ProvingDataSource({ name: 'alliance', url: at }, () => secretA, {
      timeoutMs: 5_000,
      tuned: true,
      log: serviceLogger('test'),
    }).process({
      kind: 'loading schema',
      request: { query, variables: { first: 3 }, operationName: 'Board' },
      context: { caller: member, requestId: 'req-1', idempotencyKey: 'key-1' },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

  test('a POST of the request as JSON, with the proof of the caller and the request id', async () => {
    seen = [];
    status = 200;
    const answer = await ask(url(), 'query Board($first: Int) { projects(first: $first) { code } }');
    expect(answer.data).toEqual({ projects: [] });
    // The answer's status and headers, for a hook of Apollo's that reads them.
    expect(answer.http?.status).toBe(200);
    expect(answer.http?.headers.get('content-type')).toBe('application/json');
    expect(seen).toHaveLength(1);
    const [{ method, headers, body }] = seen as [(typeof seen)[number]];
    expect(method).toBe('POST');
    expect(headers['content-type']).toBe('application/json');
    expect(headers.accept).toBe('application/graphql-response+json, application/json');
    expect(headers['x-request-id']).toBe('req-1');
    // The idempotency key goes with mutations only.
    expect(headers['idempotency-key']).toBeUndefined();
    expect(
      await verifyGatewayProof(secretA, 'alliance', String(headers[GATEWAY_PROOF_HEADER])),
    ).toMatchObject(member);
    expect(JSON.parse(body)).toEqual({
      query: 'query Board($first: Int) { projects(first: $first) { code } }',
      variables: { first: 3 },
      operationName: 'Board',
    });
  });

  test('an HTTP error status is the subgraph unavailable, without its URL or what it said', async () => {
    status = 500;
    const answer = await ask(url(), 'query Board { projects { code } }');
    status = 200;
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['projects'], 'SUBGRAPH_UNAVAILABLE'],
    ]);
    expect(JSON.stringify(answer)).not.toMatch(/127\.0\.0\.1|stack trace|\/srv/);
  });

  test('a write to a subgraph that refuses the connection was not made: unavailable, not unknown', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const answer = await ask(`http://127.0.0.1:${port}/graphql`, 'mutation Dock { createProject { code } }');
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['createProject'], 'SUBGRAPH_UNAVAILABLE'],
    ]);
  });
});
