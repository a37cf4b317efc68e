import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ANONYMOUS, GATEWAY_PROOF_HEADER, signGatewayProof } from '../shared/identity';
import { startFederation, type Federation } from './federation';

/** Nobody reaches a subgraph around the gateway: every request needs the gateway's proof. */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ seed: false });
});
afterAll(async () => {
  await federation.stop();
});

const QUERIES = {
  _entities:
    '{ _entities(representations: [{ __typename: "Achievement", id: "dmto" }]) { ... on Achievement { title } } }',
  _service: '{ _service { sdl } }',
  ordinary: '{ institutes { name } }',
};

async function callInstitutes(
  query: string,
  proof?: string,
): Promise<{ status: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }> {
  const response = await fetch(federation.stack.subgraphs.get('institutes')!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(proof ? { [GATEWAY_PROOF_HEADER]: proof } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe.each(Object.entries(QUERIES))('a direct %s query', (_name, query) => {
  test('without proof is refused', async () => {
    const { status, body } = await callInstitutes(query);
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('with a proof signed by another key is refused', async () => {
    const forged = await signGatewayProof(randomBytes(32), 'institutes', ANONYMOUS);
    const { status, body } = await callInstitutes(query, forged);
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
  });

  test('with a proof meant for another subgraph is refused', async () => {
    const elsewhere = await signGatewayProof(
      new TextEncoder().encode(federation.gatewaySecret),
      'funds',
      ANONYMOUS,
    );
    const { status } = await callInstitutes(query, elsewhere);
    expect(status).toBe(401);
  });
});

test("the gateway's proof opens the door", async () => {
  const proof = await signGatewayProof(
    new TextEncoder().encode(federation.gatewaySecret),
    'institutes',
    ANONYMOUS,
  );
  const { status, body } = await callInstitutes(QUERIES.ordinary, proof);
  expect(status).toBe(200);
  expect(body.data).toEqual({ institutes: [] });
});

describe('a proof proves one request, for seconds', () => {
  const secret = (): Uint8Array => new TextEncoder().encode(federation.gatewaySecret);

  test('a replayed proof is refused, whatever it asks the second time', async () => {
    const proof = await signGatewayProof(secret(), 'institutes', ANONYMOUS);
    const first = await callInstitutes(QUERIES.ordinary, proof);
    const replayed = await callInstitutes(QUERIES._entities, proof);
    const again = await callInstitutes(QUERIES.ordinary, proof);

    expect(first.status).toBe(200);
    expect(replayed.status).toBe(401);
    expect(replayed.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(again.status).toBe(401);
  });

  test('the gateway signs a new proof for every request, so its callers are never refused as replays', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await federation.query(QUERIES.ordinary);
      expect(response.errors).toBeUndefined();
    }
  });

  const now = (): number => Math.floor(Date.now() / 1000);
  test.each([
    ['living two minutes (the old lifetime)', { jti: 'x', iat: 0, exp: 120 }],
    ['without a jti', { iat: 0, exp: 20 }],
    ['without an expiry', { jti: 'x', iat: 0 }],
    ['issued a minute ago', { jti: 'x', iat: -60, exp: -35 + 60 }],
  ])('a proof %s is refused', async (_case, times) => {
    const claims: Record<string, unknown> = { sub: 'anonymous' };
    if ('jti' in times) claims.jti = randomUUID();
    if ('iat' in times) claims.iat = now() + times.iat;
    if ('exp' in times) claims.exp = now() + times.exp;
    const proof = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('alliance-gateway')
      .setAudience('institutes')
      .sign(secret());
    const { status } = await callInstitutes(QUERIES.ordinary, proof);
    expect(status).toBe(401);
  });
});
