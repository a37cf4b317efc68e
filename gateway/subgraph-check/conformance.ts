import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import {
  ANONYMOUS,
  GATEWAY_PROOF_HEADER,
  PROOF_ISSUER,
  PROOF_LIFETIME_SECONDS,
  signGatewayProof,
} from '../../shared/identity';

/**
 * The conformance kit (`npm run subgraph:check -- --url … --conformance`): sends a running
 * candidate the gateway's proof and proofs it must refuse, and reports which it wrongly
 * accepted. The rules are those of docs/integrators.md, "The check".
 */

/** What a probe sends: the query every probe asks, so only the proof differs. */
export const PROBE_QUERY = '{ _service { sdl } }';

/** How the candidate answered one probe. */
export type ProbeOutcome =
  /** 2xx with data and no UNAUTHENTICATED error. */
  | 'accepted'
  /** HTTP 401, or an error with `extensions.code: UNAUTHENTICATED`. */
  | 'refused'
  /** Neither: another status or error, an unreadable body, no answer. */
  | 'other';

export interface ProbeResult {
  /** The probe's name, e.g. `expired`. */
  probe: string;
  /** What it sends, in words. */
  sends: string;
  expected: 'accepted' | 'refused';
  outcome: ProbeOutcome;
  /** The answer in short: `HTTP 401, UNAUTHENTICATED`, `HTTP 200 with data`, `no answer (ECONNREFUSED)`. */
  answer: string;
  /**
   * A refusal that is not the contract's exact one (HTTP 401 and an UNAUTHENTICATED
   * error): the gateway treats it as a refusal all the same, so it is reported, not failed.
   */
  deviation?: string;
  ok: boolean;
}

export interface ConformanceReport {
  candidate: string;
  url: string;
  probes: ProbeResult[];
  /** True when the valid proof was accepted and every other one refused. */
  ok: boolean;
}

/** The claims of a proof as the gateway signs it, for an anonymous caller, at `now`. */
function claims(audience: string, now: number): Record<string, unknown> {
  return {
    roles: [],
    iss: PROOF_ISSUER,
    aud: audience,
    sub: 'anonymous',
    jti: randomUUID(),
    iat: now,
    exp: now + PROOF_LIFETIME_SECONDS,
  };
}

function sign(payload: Record<string, unknown>, key: Uint8Array, alg = 'HS256'): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg }).sign(key);
}

interface Probe {
  name: string;
  sends: string;
  /** The header's value; undefined sends none. `valid` is the control's proof, for the replay. */
  proof(ctx: {
    secret: Uint8Array;
    audience: string;
    now: number;
    valid: string;
  }): Promise<string | undefined>;
}

/** A name that is not the candidate's: the proof is for another subgraph. */
function elsewhere(audience: string): string {
  return audience === 'institutes' ? 'funds' : 'institutes';
}

/**
 * The proofs a subgraph must refuse, in the order they are sent: the replay comes right
 * after the valid control it replays. Each breaks one rule and keeps every other one.
 */
const MUST_REFUSE: Probe[] = [
  { name: 'replayed', sends: 'the valid proof a second time', proof: async ({ valid }) => valid },
  { name: 'unsigned', sends: 'no proof header at all', proof: async () => undefined },
  {
    name: 'forged',
    sends: 'a proof signed with another key',
    proof: ({ audience, now }) => sign(claims(audience, now), randomBytes(32)),
  },
  {
    name: 'key-base64-decoded',
    sends: "a proof signed with the secret's base64url decoding instead of its UTF-8 bytes",
    proof: ({ secret, audience, now }) =>
      sign(claims(audience, now), new Uint8Array(Buffer.from(new TextDecoder().decode(secret), 'base64url'))),
  },
  {
    name: 'alg-none',
    sends: 'an unsigned token (alg "none")',
    proof: async ({ audience, now }) => new UnsecuredJWT(claims(audience, now)).encode(),
  },
  {
    name: 'other-algorithm',
    sends: 'a proof signed HS512 with the right key',
    proof: ({ secret, audience, now }) => sign(claims(audience, now), secret, 'HS512'),
  },
  {
    name: 'expired',
    sends: 'a proof that expired 30 s ago',
    proof: ({ secret, audience, now }) => sign({ ...claims(audience, now - 60), exp: now - 30 }, secret),
  },
  {
    name: 'issued-in-the-future',
    sends: 'a proof issued 60 s from now (not yet valid)',
    proof: ({ secret, audience, now }) => sign(claims(audience, now + 60), secret),
  },
  {
    name: 'wrong-audience',
    sends: 'a proof for another subgraph',
    proof: ({ secret, audience, now }) => sign(claims(elsewhere(audience), now), secret),
  },
  {
    name: 'wrong-issuer',
    sends: 'a proof from another issuer',
    proof: ({ secret, audience, now }) => sign({ ...claims(audience, now), iss: 'not-the-gateway' }, secret),
  },
  {
    name: 'overlong-lifetime',
    sends: 'a proof living 120 s instead of 30',
    proof: ({ secret, audience, now }) => sign({ ...claims(audience, now), exp: now + 120 }, secret),
  },
  {
    name: 'no-jti',
    sends: 'a proof without a jti',
    proof: ({ secret, audience, now }) => sign({ ...claims(audience, now), jti: undefined }, secret),
  },
];

interface Answer {
  status: number | null;
  body: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] } | null;
  failure?: string;
}

async function send(url: string, proof: string | undefined, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(proof ? { [GATEWAY_PROOF_HEADER]: proof } : {}) },
      body: JSON.stringify({ query: PROBE_QUERY }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Answer['body'] };
    } catch {
      return { status: response.status, body: null };
    }
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    return { status: null, body: null, failure: cause?.message ?? (error as Error).message };
  }
}

/** Classifies an answer: accepted, refused (and how far from the contract's refusal), or other. */
function classify(answer: Answer): Pick<ProbeResult, 'outcome' | 'answer' | 'deviation'> {
  if (answer.status === null) return { outcome: 'other', answer: `no answer (${answer.failure})` };
  const codes = (answer.body?.errors ?? []).map((e) => e.extensions?.code);
  const unauthenticated = codes.includes('UNAUTHENTICATED');
  const hasData = answer.body?.data !== undefined && answer.body.data !== null;
  const status = `HTTP ${answer.status}`;
  if (answer.status >= 200 && answer.status < 300 && hasData && !unauthenticated)
    return { outcome: 'accepted', answer: `${status} with data` };
  if (answer.status === 401 || unauthenticated) {
    const deviation =
      answer.status !== 401
        ? `refused with ${status}, not 401`
        : !unauthenticated
          ? 'refused without an error whose extensions.code is UNAUTHENTICATED in a JSON body'
          : undefined;
    return {
      outcome: 'refused',
      answer: unauthenticated ? `${status}, UNAUTHENTICATED` : status,
      ...(deviation ? { deviation } : {}),
    };
  }
  const found = codes.filter((c) => typeof c === 'string');
  return {
    outcome: 'other',
    answer: `${status}${answer.body ? (found.length ? `, ${found.join(', ')}` : ', no data') : ', not JSON'}`,
  };
}

/**
 * Sends the candidate at `url` one proof as the gateway signs it (the control, which must
 * be accepted) and then each proof of MUST_REFUSE, one at a time, and reports each answer.
 * `secret` is the one the candidate shares with the gateway; `audience` its name.
 */
export async function checkConformance(
  candidate: { name: string; url: string },
  secret: Uint8Array,
  timeoutMs = 10_000,
): Promise<ConformanceReport> {
  const now = Math.floor(Date.now() / 1000);
  const valid = await signGatewayProof(secret, candidate.name, ANONYMOUS, { now });
  const probes: ProbeResult[] = [];
  const control = classify(await send(candidate.url, valid, timeoutMs));
  probes.push({
    probe: 'valid',
    sends: 'a proof as the gateway signs it (the control)',
    expected: 'accepted',
    ...control,
    ok: control.outcome === 'accepted',
  });
  for (const probe of MUST_REFUSE) {
    const proof = await probe.proof({ secret, audience: candidate.name, now, valid });
    const result = classify(await send(candidate.url, proof, timeoutMs));
    probes.push({
      probe: probe.name,
      sends: probe.sends,
      expected: 'refused',
      ...result,
      ok: result.outcome === 'refused',
    });
  }
  return { candidate: candidate.name, url: candidate.url, probes, ok: probes.every((p) => p.ok) };
}
