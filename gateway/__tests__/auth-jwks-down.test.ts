import { generateKeyPair, SignJWT } from 'jose';
import type { Logger } from '../../shared/logger';
import { tokenVerifier } from '../auth';

/** A key set that cannot be fetched is the operator's problem: the caller is told, the log says why. */
test('an unreachable key set refuses the token as unchecked and logs the cause', async () => {
  const errors: unknown[] = [];
  const log = { error: (...args: unknown[]) => errors.push(args) } as unknown as Logger;
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  const authenticate = tokenVerifier({
    issuer: 'idp',
    audience: 'alliance',
    jwksUrl: 'http://127.0.0.1:1/.well-known/jwks.json',
    log,
  });
  const { privateKey } = await generateKeyPair('ES256');
  const token = await new SignJWT({ org: 'institute:dicp', roles: ['VIEWER'] })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer('idp')
    .setAudience('alliance')
    .setSubject('someone')
    .setExpirationTime('5m')
    .sign(privateKey);

  await expect(authenticate(`Bearer ${token}`)).rejects.toMatchObject({
    message: 'The token could not be checked: the identity provider did not answer',
    extensions: { code: 'UNAUTHENTICATED' },
  });
  expect(errors).toHaveLength(1);
  // A token the key set could never vouch for (HS256) is simply invalid: nothing to report.
  const hs256 = await new SignJWT({ org: 'institute:dicp' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('idp')
    .setAudience('alliance')
    .setSubject('someone')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode('x'.repeat(32)));
  await expect(authenticate(`Bearer ${hs256}`)).rejects.toMatchObject({
    message: 'The token is invalid or expired',
  });
  expect(errors).toHaveLength(1);
});
