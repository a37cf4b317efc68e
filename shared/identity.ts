import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { UnauthenticatedError } from './errors';

export const ROLES = ['VIEWER', 'EDITOR', 'SECRETARIAT', 'EXPERT'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_TYPES = [
  'institute',
  'enterprise',
  'fund',
  'pilot-base',
  'alliance',
  'partner',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** An organization reference as tokens carry it: `institute:dicp`, `enterprise:levima`. */
export interface OrganizationRef {
  type: OrganizationType;
  id: string;
}

/** Who is asking, as the gateway verified it. Anonymous callers have no subject. */
export interface Caller {
  subject: string | null;
  organization: OrganizationRef | null;
  roles: Role[];
  /**
   * Set only when a member subgraph checks a reference on this caller's behalf
   * (`PeerClient.references`): the owner then answers whether a record exists and who owns
   * it, whatever the caller may see of it. Only subgraphs sign such a proof; the gateway
   * builds its callers from verified tokens, which cannot carry it.
   */
  referenceCheck?: true;
}

export const ANONYMOUS: Caller = Object.freeze({ subject: null, organization: null, roles: [] });

/** The header that carries the gateway's signed proof (with the caller inside) to a subgraph. */
export const GATEWAY_PROOF_HEADER = 'x-alliance-gateway-proof';

/** The proof's `iss`: the same for every gateway replica and every subgraph. */
export const PROOF_ISSUER = 'alliance-gateway';

export function parseOrganization(value: unknown): OrganizationRef | null {
  if (typeof value !== 'string') return null;
  const [type, id, ...rest] = value.split(':');
  if (rest.length || !type || !id || !(ORGANIZATION_TYPES as readonly string[]).includes(type)) return null;
  return { type: type as OrganizationType, id };
}

export function formatOrganization(org: OrganizationRef): string {
  return `${org.type}:${org.id}`;
}

function parseRoles(value: unknown): Role[] {
  return Array.isArray(value)
    ? value.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string))
    : [];
}

/**
 * How long a proof is valid. A proof is signed for one request and sent at once, so it
 * needs only to outlive the clock difference between the two processes; a stolen one is
 * good for seconds, once (ProofReplayGuard).
 */
export const PROOF_LIFETIME_SECONDS = 30;

/** How far apart the gateway's and a subgraph's clocks may be before its proofs are refused. */
export const PROOF_CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The clock (seconds since the epoch) and the `jti` a proof is signed or checked with,
 * fixed only by the test vectors of docs/integrators.md (test/proof-vectors.test.ts): the
 * gateway always signs with the current time and a random id.
 */
export interface ProofClockAndId {
  now?: number;
  jti?: string;
}

/**
 * The gateway's proof to one subgraph: a short-lived HS256 JWT with that subgraph as its
 * audience, signed with the secret the two share, carrying the verified caller and a
 * `jti` of its own, so that it proves one request: the subgraph refuses it a second time.
 */
export async function signGatewayProof(
  secret: Uint8Array,
  audience: string,
  caller: Caller,
  fixed: ProofClockAndId = {},
): Promise<string> {
  // One clock reading for both: read twice, a second could tick between them and the proof
  // would claim to live a second longer than a proof may, and be refused.
  const now = fixed.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({
    org: caller.organization ? formatOrganization(caller.organization) : undefined,
    roles: caller.roles,
    chk: caller.referenceCheck ? 'reference' : undefined,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(PROOF_ISSUER)
    .setAudience(audience)
    .setSubject(caller.subject ?? 'anonymous')
    .setJti(fixed.jti ?? randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + PROOF_LIFETIME_SECONDS)
    .sign(secret);
}

/**
 * The proofs a subgraph has accepted, by `jti`, each until it expires plus the clock
 * tolerance (the verifier still accepts it that long): a proof seen again (replayed by
 * whoever read it off the wire or a log) is refused. Memory stays bounded by the proofs of
 * the last PROOF_LIFETIME_SECONDS and the tolerance.
 */
export class ProofReplayGuard {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  /** Records the proof; false when it was seen before. */
  firstUse(jti: string, expiresAt: number, now = Date.now() / 1000): boolean {
    if (now >= this.nextSweep) {
      for (const [id, until] of this.seen) if (until < now) this.seen.delete(id);
      this.nextSweep = now + PROOF_LIFETIME_SECONDS;
    }
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, expiresAt + PROOF_CLOCK_TOLERANCE_SECONDS);
    return true;
  }
}

/**
 * Checks the gateway's proof; throws UNAUTHENTICATED when it is missing, forged or stale,
 * lives longer than a proof may, or — given the subgraph's `replays` — was used before.
 */
export async function verifyGatewayProof(
  secret: Uint8Array,
  audience: string,
  token: string | undefined,
  replays?: ProofReplayGuard,
  at: Pick<ProofClockAndId, 'now'> = {},
): Promise<Caller> {
  const refused = (): UnauthenticatedError =>
    new UnauthenticatedError('This service only answers the alliance gateway');
  if (!token) throw refused();
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: PROOF_ISSUER,
      audience,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'jti'],
      maxTokenAge: `${PROOF_LIFETIME_SECONDS}s`,
      clockTolerance: PROOF_CLOCK_TOLERANCE_SECONDS,
      currentDate: at.now === undefined ? undefined : new Date(at.now * 1000),
    });
    // exp and iat are required: a proof must not outlive its few seconds whatever it says.
    if (payload.exp! - payload.iat! > PROOF_LIFETIME_SECONDS) throw refused();
    if (replays && !replays.firstUse(payload.jti!, payload.exp!, at.now)) throw refused();
    const caller: Caller =
      payload.sub === 'anonymous'
        ? ANONYMOUS
        : {
            subject: payload.sub ?? null,
            organization: parseOrganization(payload.org),
            roles: parseRoles(payload.roles),
          };
    return payload.chk === 'reference' ? { ...caller, referenceCheck: true } : caller;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) throw refused();
    throw error;
  }
}

/** A per-subgraph secret from text (env or config); at least 32 characters. */
export function secretFrom(text: string): Uint8Array {
  if (text.length < 32) throw new Error('A gateway secret must be at least 32 characters');
  return new TextEncoder().encode(text);
}
