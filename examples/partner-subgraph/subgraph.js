import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { errors as joseErrors, jwtVerify } from 'jose';
import { patentByNumber, patentsOfAchievement, watchOfProject } from './register.js';

/** The header the alliance gateway puts its proof (with the caller inside) in. */
export const PROOF_HEADER = 'x-alliance-gateway-proof';
/** The proof's issuer. */
const ISSUER = 'alliance-gateway';
/** The error codes the alliance gateway lets through to clients as they are. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'BAD_REQUEST',
]);

/** A country or office code, then letters, digits and dashes: `CN-DEMO-DMTO-1`, `EP1234567`. */
const PUBLICATION_NUMBER = /^[A-Z]{2}-?[A-Z0-9][A-Z0-9-]{0,39}$/;

const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/**
 * @typedef {object} Caller who is asking, as the gateway verified it
 * @property {string | null} subject null for an anonymous caller
 * @property {string | null} organization e.g. `institute:dicp`
 * @property {string[]} roles e.g. `EDITOR`
 */

function unauthenticated(message) {
  // `http.status` makes Apollo Server answer 401 when this is thrown while building the context.
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** How long a gateway proof may live: the gateway signs each for 30 seconds. */
const PROOF_LIFETIME_SECONDS = 30;
/** How far apart the gateway's clock and ours may be. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The proofs already accepted, by `jti`, until they expire plus the clock tolerance (the
 * check still accepts them that long): the gateway signs one proof per request, so a proof
 * seen twice is a replay (by whoever read it off the wire or a log).
 */
export class ReplayGuard {
  #seen = new Map();

  /** @returns {boolean} false when the proof was seen before */
  firstUse(jti, expiresAt, now = Date.now() / 1000) {
    for (const [id, until] of this.#seen) if (until < now) this.#seen.delete(id);
    if (this.#seen.has(jti)) return false;
    this.#seen.set(jti, expiresAt + CLOCK_TOLERANCE_SECONDS);
    return true;
  }
}

/**
 * Checks the gateway's proof: an HS256 JWT signed with the secret this subgraph shares
 * with the gateway, issued by `alliance-gateway`, for this subgraph's name, not expired,
 * living seconds (issued at most 30 s ago), with a `jti` never seen before (given a
 * ReplayGuard). Returns the caller it carries; throws UNAUTHENTICATED (HTTP 401) otherwise.
 *
 * @param {string | undefined} token
 * @param {Uint8Array} secret
 * @param {string} audience this subgraph's name in the supergraph config
 * @param {ReplayGuard} [replays] the proofs this process has accepted
 * @returns {Promise<Caller>}
 */
export async function callerFromProof(token, secret, audience, replays) {
  if (!token) throw unauthenticated('This service only answers the alliance gateway');
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'jti'],
      maxTokenAge: `${PROOF_LIFETIME_SECONDS}s`,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (payload.exp - payload.iat > PROOF_LIFETIME_SECONDS || (replays && !replays.firstUse(payload.jti, payload.exp)))
      throw unauthenticated('This service only answers the alliance gateway');
    if (payload.sub === 'anonymous') return { subject: null, organization: null, roles: [] };
    return {
      subject: payload.sub ?? null,
      organization: typeof payload.org === 'string' ? payload.org : null,
      roles: Array.isArray(payload.roles) ? payload.roles.filter((r) => typeof r === 'string') : [],
    };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError)
      throw unauthenticated('This service only answers the alliance gateway');
    throw error;
  }
}

const resolvers = {
  Query: {
    registeredPatent: (_, { number }) => {
      if (!PUBLICATION_NUMBER.test(number))
        throw new GraphQLError('A publication number looks like CN-DEMO-DMTO-1', {
          extensions: { code: 'BAD_USER_INPUT', field: 'number' },
        });
      return patentByNumber(number);
    },
    patentOfficeCaller: (_, __, ctx) => ctx.caller,
  },
  RegisteredPatent: {
    __resolveReference: (ref) => patentByNumber(ref.number),
  },
  Achievement: {
    // The register stores nothing about the achievement itself: its id is the link.
    __resolveReference: (ref) => ({ id: ref.id }),
    registeredPatents: (achievement) => patentsOfAchievement(achievement.id),
  },
  Project: {
    __resolveReference: (ref) => ({ id: ref.id }),
    patentWatch: (project, _, ctx) => {
      // The alliance's rule: MEMBERS data needs a member's token (any organization).
      if (!ctx.caller.organization)
        throw new GraphQLError('The patent watch is for alliance members: sign in with a member token', {
          extensions: { code: 'UNAUTHENTICATED' },
        });
      return watchOfProject(project.id);
    },
  },
};

/**
 * Client errors pass as they are; anything else (a bug, a failing backend) becomes a
 * generic INTERNAL_SERVER_ERROR with an `errorId` that the log line carries too, so no
 * internals reach the gateway's clients and a client's report can be traced here.
 */
function formatError(formatted, error) {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (CLIENT_CODES.has(code) || code.startsWith('GRAPHQL_')))
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      // `field` names the offending argument of a BAD_USER_INPUT.
      extensions: formatted.extensions.field ? { code, field: formatted.extensions.field } : { code },
    };
  const errorId = randomUUID();
  console.error(`patent office: internal error ${errorId}`, error);
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
  };
}

/**
 * Starts the patent office subgraph.
 *
 * @param {{ name: string, secret: string, port: number, host?: string }} options
 *   `name` is the subgraph's name in the supergraph config (the proof's audience);
 *   `secret` the one it shares with the gateway (at least 32 characters).
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startPatentOffice({ name, secret, port, host = '127.0.0.1' }) {
  if (!secret || secret.length < 32) throw new Error('The gateway secret must be at least 32 characters');
  const key = new TextEncoder().encode(secret);
  const replays = new ReplayGuard();
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    formatError,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host },
    context: async ({ req }) => ({
      caller: await callerFromProof(req.headers[PROOF_HEADER], key, name, replays),
    }),
  });
  return { url: new URL('graphql', url).toString(), stop: () => server.stop() };
}
