import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UnauthenticatedError } from '../shared/errors';
import {
  ProofReplayGuard,
  formatOrganization,
  parseOrganization,
  secretFrom,
  signGatewayProof,
  verifyGatewayProof,
  type Caller,
  type Role,
} from '../shared/identity';

/**
 * The test vectors of the proof's specification (docs/integrators.md, "Test vectors") are
 * read from the page itself and checked against the gateway's own signing and checking
 * code, and against the recipe the page gives in words: the page cannot drift from the code.
 */
const PAGE = path.resolve(__dirname, '../docs/integrators.md');
const MARKER = '<!-- proof-test-vectors';

interface Vector {
  name: string;
  expect: 'accept' | 'refuse';
  verifyAt: number;
  key: 'utf8' | 'base64url-decoded';
  header: { alg: string };
  payload: Record<string, unknown> & { iat: number; exp: number; jti?: string; aud: string };
  caller?: { subject: string | null; organization: string | null; roles: string[] };
  token: string;
}

interface Vectors {
  secret: string;
  keyHex: string;
  audience: string;
  vectors: Vector[];
}

/** The ```json block right after the marker comment. */
function readVectors(markdown: string): Vectors {
  const at = markdown.indexOf(MARKER);
  if (at < 0) throw new Error(`${PAGE} has no "${MARKER}" comment before its test vectors`);
  const [, block] = /```json\n([\s\S]*?)\n```/.exec(markdown.slice(at)) ?? [];
  if (block === undefined) throw new Error(`${PAGE}: no \`\`\`json block follows the "${MARKER}" comment`);
  return JSON.parse(block) as Vectors;
}

const { secret, keyHex, audience, vectors } = readVectors(readFileSync(PAGE, 'utf8'));
const key = secretFrom(secret);
const HASH_OF: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** The page's recipe: base64url(JSON) of header and payload, then the HMAC of both with the key. */
function byTheRecipe(vector: Vector): string {
  const keyBytes = vector.key === 'utf8' ? Buffer.from(secret, 'utf8') : Buffer.from(secret, 'base64url');
  const segment = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${segment(vector.header)}.${segment(vector.payload)}`;
  const hash = HASH_OF[vector.header.alg];
  if (!hash) throw new Error(`the page's vectors use ${vector.header.alg}, which the recipe does not know`);
  const signature = createHmac(hash, keyBytes).update(input).digest('base64url');
  return `${input}.${signature}`;
}

/** The caller as the page writes it (the organization as its `org` claim). */
function asWritten(caller: Caller): Vector['caller'] {
  return {
    subject: caller.subject,
    organization: caller.organization ? formatOrganization(caller.organization) : null,
    roles: caller.roles,
  };
}

const accepted = vectors.filter((v) => v.expect === 'accept');
const refused = vectors.filter((v) => v.expect === 'refuse');

test('the page holds vectors to accept and to refuse, the base64-decoded key among the refused', () => {
  expect(accepted.length).toBeGreaterThanOrEqual(2);
  expect(refused.map((v) => v.key)).toContain('base64url-decoded');
  expect(refused.length).toBeGreaterThanOrEqual(6);
});

test('the key is the UTF-8 bytes of the secret text, as keyHex spells them', () => {
  expect(Buffer.from(key).toString('hex')).toBe(keyHex);
  expect(Buffer.from(keyHex, 'hex').toString('utf8')).toBe(secret);
});

test.each(vectors.map((v) => [v.name, v] as const))(
  '%s: its token is the recipe applied to its header and payload',
  (_name, vector) => {
    expect(vector.token).toBe(byTheRecipe(vector));
  },
);

describe.each(accepted.map((v) => [v.name, v] as const))('accepted: %s', (_name, vector) => {
  test('is exactly the token the gateway signs for that caller, audience, time and jti', async () => {
    const { payload } = vector;
    const caller: Caller =
      payload.sub === 'anonymous'
        ? { subject: null, organization: null, roles: [] }
        : {
            subject: payload.sub as string,
            organization: parseOrganization(payload.org),
            roles: payload.roles as Role[],
          };

    const signed = await signGatewayProof(key, payload.aud, caller, { now: payload.iat, jti: payload.jti });

    expect(signed).toBe(vector.token);
  });

  test("is accepted by the subgraphs' check, with the caller the page states", async () => {
    const caller = await verifyGatewayProof(key, audience, vector.token, new ProofReplayGuard(), {
      now: vector.verifyAt,
    });
    expect(asWritten(caller)).toEqual(vector.caller);
  });

  test('is refused as a replay, until 5 s after it expired', async () => {
    const replays = new ProofReplayGuard();
    await verifyGatewayProof(key, audience, vector.token, replays, { now: vector.verifyAt });

    for (const now of [vector.verifyAt, vector.payload.exp + 4])
      await expect(verifyGatewayProof(key, audience, vector.token, replays, { now })).rejects.toThrow(
        UnauthenticatedError,
      );
  });
});

describe.each(refused.map((v) => [v.name, v] as const))('refused: %s', (_name, vector) => {
  test("is refused by the subgraphs' check with UNAUTHENTICATED", async () => {
    const refusal = verifyGatewayProof(key, audience, vector.token, new ProofReplayGuard(), {
      now: vector.verifyAt,
    });
    await expect(refusal).rejects.toThrow(UnauthenticatedError);
    await expect(refusal).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

test('the base64url-decoded vector is refused for its key alone: with that key it would pass', async () => {
  const vector = refused.find((v) => v.key === 'base64url-decoded')!;
  const decodedKey = new Uint8Array(Buffer.from(secret, 'base64url'));
  expect(decodedKey).toHaveLength(32);

  const caller = await verifyGatewayProof(decodedKey, audience, vector.token, undefined, {
    now: vector.verifyAt,
  });

  expect(caller.subject).toBeNull();
});
