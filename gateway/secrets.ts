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
 * The secrets the gateway proves itself with, as configured: a partner's own secret, or
 * GATEWAY_SECRET for the members' subgraphs.
 */
export function configuredSecrets(env: Environment): SecretOf {
  return (entry: SubgraphEntry) => {
    const value = hasOwnSecret(entry) ? partnerSecret(entry) : env.GATEWAY_SECRET;
    const source = entry.secretFile ?? entry.secretEnv ?? 'GATEWAY_SECRET';
    if (!value)
      throw new Error(`${source} must hold a secret (≥ 32 characters) to reach subgraph ${entry.name}`);
    return secretFrom(value);
  };
}
