import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { ConfigurationError, type Environment } from '../shared/environment';
import { UnauthenticatedError } from '../shared/errors';
import { serviceLogger, type Logger } from '../shared/logger';
import {
  ANONYMOUS,
  ROLES,
  parseOrganization,
  type Caller,
  type OrganizationRef,
  type Role,
} from '../shared/identity';

/** How the gateway checks member tokens. */
export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Production: the identity provider's key set. When given, `localSecret` is not used. */
  jwksUrl?: string;
  /** Embedded default and tests: the local HS256 signing key. */
  localSecret?: Uint8Array;
  /** Where a key set that cannot be fetched is reported; the gateway's log by default. */
  log?: Logger;
  /** The longest lifetime accepted, in seconds (AUTH_MAX_TOKEN_LIFETIME_SECONDS, 24 h). */
  maxLifetimeSeconds?: number;
  /** How far ahead of this clock `iat`/`nbf` may be (AUTH_CLOCK_SKEW_SECONDS, 60 s). */
  clockSkewSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 86_400;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/**
 * What an identity provider signs with. Listed so that a key set never vouches for an HS256
 * token: an `oct` key published in it by mistake would let anyone who reads the key set
 * sign tokens.
 */
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** Turns an `Authorization` header into the caller; no header means anonymous. */
export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

export function tokenVerifier(options: TokenVerifierOptions): Authenticate {
  const jwks: JWTVerifyGetKey | undefined = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl))
    : undefined;
  const secret = options.localSecret;
  if (!jwks && !secret) throw new Error('The gateway needs AUTH_JWKS_URL or a local signing key');
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
    try {
      const verified = jwks
        ? await jwtVerify(token, jwks, {
            issuer: options.issuer,
            audience: options.audience,
            algorithms: JWKS_ALGORITHMS,
            clockTolerance: skew,
          })
        : await jwtVerify(token, secret!, {
            issuer: options.issuer,
            audience: options.audience,
            algorithms: ['HS256'],
            clockTolerance: skew,
          });
      const payload = verified.payload;
      checkLifetime(payload, maxLifetime, skew);
      const organization = parseOrganization(payload.org);
      if (!payload.sub || !organization)
        throw new UnauthenticatedError('The token lacks a subject or an organization');
      const roles = Array.isArray(payload.roles)
        ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string))
        : [];
      return { subject: payload.sub, organization, roles };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (jwks && keySetUnavailable(error)) {
        // Not the caller's fault: say so, and tell the operator, who otherwise sees nothing.
        (options.log ?? serviceLogger('gateway')).error(
          { err: error, jwksUrl: options.jwksUrl },
          'the identity provider key set could not be fetched',
        );
        throw new UnauthenticatedError(
          'The token could not be checked: the identity provider did not answer',
        );
      }
      throw new UnauthenticatedError('The token is invalid or expired');
    }
  };
}

/**
 * A member token must say when it expires, and not live longer than the cap: a stolen token
 * is then good for hours, not forever. jose has checked `exp` and `nbf` against the clock
 * (with the skew); `iat` ahead of the clock means a token minted for later, refused too.
 */
function checkLifetime(payload: JWTPayload, maxLifetime: number, skew: number): void {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number')
    throw new UnauthenticatedError('The token has no expiry (exp): ask for a token that expires');
  if (typeof payload.iat === 'number' && payload.iat > now + skew)
    throw new UnauthenticatedError('The token was issued in the future (iat): check the issuing clock');
  const start = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
  // Within the clock skew: an issuer that reads its clock twice may add a second.
  if (payload.exp - start > maxLifetime + skew)
    throw new UnauthenticatedError(
      `The token lives longer than the ${formatSeconds(maxLifetime)} allowed: ask for a shorter-lived token`,
    );
}

/** `24 h`, `90 min`, `45 s`. */
export function formatSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/**
 * The key set could not be fetched (a timeout, a refused connection, an answer that is no
 * key set), as opposed to a token it does not vouch for.
 */
function keySetUnavailable(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return true;
  return !(error instanceof joseErrors.JOSEError);
}

export interface TokenClaims {
  subject: string;
  organization: OrganizationRef;
  roles: Role[];
  /** Lifetime, e.g. `1h`, `8h`, or an absolute expiry in epoch seconds. */
  expiresIn?: string | number;
}

/** Signs a member token with the local key: for `npm run token`, the README and tests. */
export async function signLocalToken(
  secret: Uint8Array,
  claims: TokenClaims,
  issuer: string,
  audience: string,
): Promise<string> {
  return new SignJWT({ org: `${claims.organization.type}:${claims.organization.id}`, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h')
    .sign(secret);
}

/** Said when production has no key to check member tokens with. */
export const PRODUCTION_NEEDS_TOKEN_KEY =
  'NODE_ENV=production needs AUTH_JWKS_URL (the key set of the identity provider that signs member ' +
  'tokens) or AUTH_SECRET (a shared HS256 key of at least 32 characters): the gateway makes no ' +
  'signing key of its own in production';

/**
 * How the gateway checks member tokens, as the environment says: with the identity
 * provider's key set when AUTH_JWKS_URL is set, else with the local HS256 key. Production
 * never falls back to a generated key: nobody else would hold it, so no real member could
 * sign in, while anyone who reads the data directory could sign for any organization. It
 * refuses to start instead, before anything listens.
 */
export function configuredTokenVerification(
  env: Pick<
    Environment,
    'NODE_ENV' | 'AUTH_JWKS_URL' | 'AUTH_SECRET' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'DATA_DIR'
  > &
    Partial<Pick<Environment, 'AUTH_MAX_TOKEN_LIFETIME_SECONDS' | 'AUTH_CLOCK_SKEW_SECONDS'>>,
): TokenVerifierOptions {
  const expected = {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    maxLifetimeSeconds: env.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    clockSkewSeconds: env.AUTH_CLOCK_SKEW_SECONDS,
  };
  if (env.AUTH_JWKS_URL) return { ...expected, jwksUrl: env.AUTH_JWKS_URL };
  if (env.NODE_ENV === 'production' && !env.AUTH_SECRET)
    throw new ConfigurationError(PRODUCTION_NEEDS_TOKEN_KEY);
  return { ...expected, localSecret: localSigningKey(env.AUTH_SECRET, env.DATA_DIR) };
}

/**
 * The embedded default's local signing key: AUTH_SECRET when set, else a random key made
 * once and kept under the data directory, so `npm run token` and `npm start` agree
 * without a credential in the repository.
 */
export function localSigningKey(authSecret: string | undefined, dataDir: string): Uint8Array {
  if (authSecret) return new TextEncoder().encode(authSecret);
  const directory = dataDir.startsWith('memory://') ? './data' : dataDir;
  const file = path.join(directory, 'auth-signing-key');
  if (!existsSync(file)) {
    mkdirSync(directory, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}
