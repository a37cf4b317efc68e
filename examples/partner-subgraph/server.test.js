import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { PROOF_HEADER, startPatentOffice } from './subgraph.js';

// The partner's own test (`npm test` here): the proof contract, without the alliance graph.
const SECRET = 'test-only-secret-of-at-least-32-characters';
let office;

before(async () => {
  office = await startPatentOffice({ name: 'patent-office', secret: SECRET, port: 0 });
});
after(async () => {
  await office.stop();
});

/** A proof as the gateway signs it. */
function proof({
  secret = SECRET,
  audience = 'patent-office',
  sub = 'anonymous',
  claims = {},
  expires = '30s',
  jti = randomUUID(),
} = {}) {
  const signed = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('alliance-gateway')
    .setAudience(audience)
    .setSubject(sub);
  return (jti ? signed.setJti(jti) : signed)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));
}

async function post(query, token) {
  const response = await fetch(office.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [PROOF_HEADER]: token } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

test('refuses a request without the proof, even for _service', async () => {
  const { status, body } = await post('{ _service { sdl } }');
  assert.equal(status, 401);
  assert.equal(body.errors[0].extensions.code, 'UNAUTHENTICATED');
  assert.equal(body.data ?? null, null);
});

test('refuses a proof signed with another secret, for another audience, expired, living minutes, or without a jti', async () => {
  for (const token of [
    await proof({ secret: 'another-secret-of-at-least-32-characters!' }),
    await proof({ audience: 'institutes' }),
    await proof({ expires: Math.floor(Date.now() / 1000) - 60 }),
    await proof({ expires: '2m' }),
    await proof({ jti: null }),
  ]) {
    const { status } = await post('{ patentOfficeCaller { subject } }', token);
    assert.equal(status, 401);
  }
});

test('refuses a proof used a second time (a replay)', async () => {
  const token = await proof();
  assert.equal((await post('{ patentOfficeCaller { subject } }', token)).status, 200);
  assert.equal((await post('{ patentOfficeCaller { subject } }', token)).status, 401);
});

test("reads the caller from the proof's claims", async () => {
  const token = await proof({
    sub: 'institute:dicp#user',
    claims: { org: 'institute:dicp', roles: ['EDITOR'] },
  });
  const { status, body } = await post('{ patentOfficeCaller { subject organization roles } }', token);
  assert.equal(status, 200);
  assert.deepEqual(body.data.patentOfficeCaller, {
    subject: 'institute:dicp#user',
    organization: 'institute:dicp',
    roles: ['EDITOR'],
  });
});

test('resolves achievements by key with their patents, and keeps the watch for members', async () => {
  const query = `{ _entities(representations: [
      { __typename: "Achievement", id: "dmto" },
      { __typename: "Achievement", id: "unknown" },
      { __typename: "Project", id: "dmto-industrialization" }]) {
    ... on Achievement { registeredPatents { number legalStatus } }
    ... on Project { patentWatch { lastCheckedOn } } } }`;
  const anonymous = await post(query, await proof());
  assert.deepEqual(anonymous.body.data._entities.slice(0, 2), [
    {
      registeredPatents: [
        { number: 'CN-DEMO-DMTO-1', legalStatus: 'EXPIRED' },
        { number: 'CN-DEMO-DMTO-2', legalStatus: 'GRANTED' },
      ],
    },
    { registeredPatents: [] },
  ]);
  assert.equal(anonymous.body.errors[0].extensions.code, 'UNAUTHENTICATED');

  const member = await post(
    query,
    await proof({ sub: 'enterprise:levima#user', claims: { org: 'enterprise:levima' } }),
  );
  assert.equal(member.body.errors, undefined);
  assert.deepEqual(member.body.data._entities[2], { patentWatch: { lastCheckedOn: '2026-11-01' } });
});

test('names the offending argument of a malformed publication number', async () => {
  const { body } = await post('{ registeredPatent(number: "not a number") { title } }', await proof());
  assert.deepEqual(body.data, { registeredPatent: null });
  assert.equal(body.errors[0].extensions.code, 'BAD_USER_INPUT');
  assert.equal(body.errors[0].extensions.field, 'number');
});
