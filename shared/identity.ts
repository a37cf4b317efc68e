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

const ISSUER = 'alliance-gateway';

export function parseOrganization(value: unknown): OrganizationRef | null {
  if (typeof value !== 'string') return null;
  const [type, id, ...rest] = value.split(':');
  if (rest.length || !id || !(ORGANIZATION_TYPES as readonly string[]).includes(type)) return null;
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
 * The gateway's proof to one subgraph: a short-lived HS256 JWT with that subgraph as its
 * audience, signed with the secret the two share, carrying the verified caller.
 */
export async function signGatewayProof(
  secret: Uint8Array,
  audience: string,
  caller: Caller,
): Promise<string> {
  return new SignJWT({
    org: caller.organization ? formatOrganization(caller.organization) : undefined,
    roles: caller.roles,
    chk: caller.referenceCheck ? 'reference' : undefined,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(caller.subject ?? 'anonymous')
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(secret);
}

/** Checks the gateway's proof; throws UNAUTHENTICATED when it is missing, forged or stale. */
export async function verifyGatewayProof(
  secret: Uint8Array,
  audience: string,
  token: string | undefined,
): Promise<Caller> {
  if (!token) throw new UnauthenticatedError('This service only answers the alliance gateway');
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience, algorithms: ['HS256'] });
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
    if (error instanceof joseErrors.JOSEError) {
      throw new UnauthenticatedError('This service only answers the alliance gateway');
    }
    throw error;
  }
}

/** A per-subgraph secret from text (env or config); at least 32 characters. */
export function secretFrom(text: string): Uint8Array {
  if (text.length < 32) throw new Error('A gateway secret must be at least 32 characters');
  return new TextEncoder().encode(text);
}
