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
 * The secrets of the all-in-one stack (`npm start`, the tests), which knows its members'
 * subgraphs by name: they share the members' secret; every other entry is a partner's and
 * must bring its own, found by `partnerSecretOf`. A partner never gets the members' secret,
 * with which it could forge proofs for them.
 */
export function stackSecrets(
  membersSecret: Uint8Array,
  isMember: (name: string) => boolean,
  partnerSecretOf: (entry: SubgraphEntry) => string | undefined,
): SecretOf {
  return (entry: SubgraphEntry) => {
    if (isMember(entry.name)) return membersSecret;
    const own = partnerSecretOf(entry);
    if (!own) throw new Error(missingSecret(entry));
    return secretFrom(own);
  };
}

/**
 * The secrets the gateway proves itself with, as configured: a partner's own secret, or
 * GATEWAY_SECRET for the members' subgraphs.
 */
export function configuredSecrets(env: Environment): SecretOf {
  return (entry: SubgraphEntry) => {
    const value = hasOwnSecret(entry) ? partnerSecret(entry) : env.GATEWAY_SECRET;
    if (!value)
      throw new Error(missingSecret(entry, entry.secretFile ?? entry.secretEnv ?? 'GATEWAY_SECRET'));
    return secretFrom(value);
  };
}
