import { readFileSync } from 'node:fs';
import { secretFromEnvironment, type Environment } from '../shared/environment';
import { secretFrom } from '../shared/identity';
import type { SubgraphEntry } from '../shared/supergraph-config';
import type { SecretOf } from './supergraph';

/** True when the config gives this subgraph a secret of its own (a partner's). */
export function hasOwnSecret(entry: SubgraphEntry): boolean {
  return Boolean(entry.secretFile ?? entry.secretEnv);
}

/**
 * A partner's own secret: the file named by `secretFile` (read at every use, so it can
 * arrive while the gateway runs), else the variable named by `secretEnv`.
 */
export function partnerSecret(entry: SubgraphEntry): string | undefined {
  if (entry.secretFile) return readFileSync(entry.secretFile, 'utf8').trim();
  return entry.secretEnv ? secretFromEnvironment(entry.secretEnv) : undefined;
}

/**
 * Why a subgraph cannot be reached: its secret is missing. Names where the secret should
 * be (a variable, a file), never a value.
 */
function missingSecret(entry: SubgraphEntry, source = entry.secretFile ?? entry.secretEnv): string {
  return source
    ? `${source} must hold a secret (≥ 32 characters) to reach subgraph ${entry.name}`
    : `subgraph ${entry.name} is not a member's: its config entry needs a secret of its own (secretEnv or secretFile)`;
}

/**
 * The members' own subgraphs, by the names their config entries carry. Only these share
 * the members' secret (GATEWAY_SECRET); services/index.ts holds the same five.
 */
export const MEMBER_SUBGRAPH_NAMES: readonly string[] = [
  'institutes',
  'enterprises',
  'pilot-bases',
  'funds',
  'alliance',
];

/** A member's entry: one of the five names, with no secret of its own (it shares GATEWAY_SECRET). */
export function isMemberEntry(entry: SubgraphEntry): boolean {
  return MEMBER_SUBGRAPH_NAMES.includes(entry.name) && !hasOwnSecret(entry);
}

/**
 * The secret the gateway proves itself to each subgraph with — the one rule of every mode
 * (`npm start`, the gateway alone, `compose` and `subgraph:check`): an entry with a secret of
 * its own (`secretEnv`, `secretFile`) proves with it; a member's entry without one shares
 * the members' secret; any other entry is a partner's and must bring its own, found by
 * `partnerSecretOf`, or it is refused (the gateway leaves it out and logs why). A partner
 * is never lent the members' secret, with which it could forge proofs for them.
 */
export function gatewaySecrets(
  membersSecret: Uint8Array | string | undefined,
  partnerSecretOf: (entry: SubgraphEntry) => string | undefined,
): SecretOf {
  const members = typeof membersSecret === 'string' ? secretFrom(membersSecret) : membersSecret;
  return (entry: SubgraphEntry) => {
    if (isMemberEntry(entry)) {
      if (!members) throw new Error(missingSecret(entry, 'GATEWAY_SECRET'));
      return members;
    }
    const own = partnerSecretOf(entry);
    if (!own) throw new Error(missingSecret(entry));
    return secretFrom(own);
  };
}

/** The secrets of the gateway alone, as configured: GATEWAY_SECRET for the members. */
export function configuredSecrets(env: Environment): SecretOf {
  return gatewaySecrets(env.GATEWAY_SECRET, partnerSecret);
}
