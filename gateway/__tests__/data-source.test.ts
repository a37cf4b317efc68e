import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { verifyGatewayProof, GATEWAY_PROOF_HEADER, type Caller } from '../../shared/identity';
import { serviceLogger } from '../../shared/logger';
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
  let server: Server;
  let url: string;
  let received = 0;

  beforeAll(async () => {
    // Answers every request after 100 ms, so concurrent ones are in flight together.
    server = createServer((_request, response) => {
      received += 1;
      setTimeout(() => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ data: { projects: [{ code: 'DMTO', stages: ['PILOT'] }] } }));
      }, 100);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function ask(source: ProvingDataSource) {
    return source.process({
      kind: 'loading schema',
      request: { query: 'query Board { projects { code stages } }', variables: {} },
      context: { caller: member },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  }

  test('share one subgraph request, and each request gets an answer of its own to merge into', async () => {
    const source = new ProvingDataSource({ name: 'alliance', url }, () => secretA, {
      timeoutMs: 5_000,
      tuned: true,
      log: serviceLogger('test'),
    });
    received = 0;
    const answers = await Promise.all([ask(source), ask(source), ask(source)]);
    expect(received).toBe(1);
    expect(new Set(answers.map((a) => a.data)).size).toBe(3);
    // Each copy is parsed again from the answer's text, next to the subgraph's own response.
    for (const answer of answers) expect(answer.http?.headers.get('content-type')).toBe('application/json');
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
  let server: Server;
  let url: string;
  let header: string | undefined;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      setTimeout(() => {
        response.setHeader('content-type', 'application/json');
        if (header) response.setHeader('cache-control', header);
        response.end(JSON.stringify({ data: { projects: [] } }));
      }, 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The hints each of three identical operations in flight puts on its client's answer. */
  async function hints(tuned: boolean): Promise<unknown[][]> {
    const source = new ProvingDataSource({ name: 'partner', url }, () => secretA, {
      timeoutMs: 5_000,
      tuned,
      log: serviceLogger('test'),
    });
    const policies = [0, 1, 2].map(() => ({ restrict: jest.fn() }));
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
    return policies.map((policy) => policy.restrict.mock.calls.map((call: unknown[]) => call[0]));
  }

  test.each([true, false])("limits every request's answer, shared or not (tuned: %p)", async (tuned) => {
    header = 'max-age=30, public';
    expect(await hints(tuned)).toEqual([0, 1, 2].map(() => [{ maxAge: 30, scope: 'PUBLIC' }]));
    header = 'private, max-age="5"';
    expect(await hints(tuned)).toEqual([0, 1, 2].map(() => [{ maxAge: 5, scope: 'PRIVATE' }]));
    // None (what the member subgraphs send): not cacheable.
    header = undefined;
    expect(await hints(tuned)).toEqual([0, 1, 2].map(() => [{ maxAge: 0 }]));
  });
});

describe('a connection reset under the request', () => {
  let server: Server;
  let url: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    // Resets the connection of every other request before answering, as a subgraph closing
    // a kept-alive connection just as a request goes out would.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(body);
        if (bodies.length % 2 === 1) {
          request.socket.resetAndDestroy();
          return;
        }
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ data: { createProject: { code: 'X' }, projects: [{ code: 'DMTO' }] } }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const source = () =>
    new ProvingDataSource({ name: 'alliance', url }, () => secretA, {
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
