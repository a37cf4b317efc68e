import { parseArgs } from 'node:util';
import { environment } from '../shared/environment';
import { ROLES, parseOrganization, type Role } from '../shared/identity';
import { decodeJwt } from 'jose';
import { formatSeconds, localSigningKey, signLocalToken } from './auth';

/**
 * `npm run token -- --org institute:dicp --role EDITOR [--role VIEWER] [--sub alice] [--ttl 8h]`
 * prints a member token signed with the local key of the embedded default.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      role: { type: 'string', multiple: true, default: ['VIEWER'] },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const organization = parseOrganization(values.org);
  if (!organization)
    throw new Error(
      '--org must look like institute:dicp, enterprise:levima, fund:cas-amif or alliance:secretariat',
    );
  const roles = values.role.map((r) => r.toUpperCase());
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`unknown role(s) ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
  const env = environment();
  const token = await signLocalToken(
    localSigningKey(env.AUTH_SECRET, env.DATA_DIR),
    {
      subject: values.sub ?? `${values.org}#user`,
      organization,
      roles: roles as Role[],
      expiresIn: values.ttl,
    },
    env.AUTH_ISSUER,
    env.AUTH_AUDIENCE,
  );
  // The gateway refuses a token that lives longer than its cap: say so here, not at its first use.
  const { exp = 0, iat = 0 } = decodeJwt(token);
  if (exp - iat > env.AUTH_MAX_TOKEN_LIFETIME_SECONDS)
    throw new Error(
      `--ttl ${values.ttl} is longer than the ${formatSeconds(env.AUTH_MAX_TOKEN_LIFETIME_SECONDS)} the gateway accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS)`,
    );
  console.log(token);
  const refusal = await refusedByRunningGateway(token, env.GATEWAY_PORT);
  if (refusal) console.error(refusal);
}

/**
 * The key is the one under DATA_DIR (or AUTH_SECRET) as this command sees them. A stack
 * started with another DATA_DIR or AUTH_SECRET holds another key and refuses the token
 * with "invalid or expired", which does not say why. So ask the gateway on this machine,
 * if one answers, and say plainly when it refuses: nothing is printed when none runs.
 */
async function refusedByRunningGateway(token: string, port: number): Promise<string | undefined> {
  const url = `http://127.0.0.1:${port}/graphql`;
  let status: number;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(1_000),
    });
    status = response.status;
  } catch {
    return undefined;
  }
  if (status !== 401) return undefined;
  return (
    `warning: the gateway at ${url} refuses this token: it was signed with the key ` +
    'of this DATA_DIR and AUTH_SECRET, and the running stack holds another. Run ' +
    '`npm run token` with the DATA_DIR (or AUTH_SECRET) the stack was started with.'
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
