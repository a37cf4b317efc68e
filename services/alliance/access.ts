import { hasRole, isOrganization } from '../../shared/access';
import type { Caller } from '../../shared/identity';
import type { PartyKey } from './organizations';

/** The alliance secretariat: organization `alliance:secretariat` with role SECRETARIAT. */
export const SECRETARIAT = { type: 'alliance', id: 'secretariat' } as const;

/** True when the caller speaks for the secretariat: it manages projects, members, experts and agreements. */
export function isSecretariat(caller: Caller): boolean {
  return hasRole(caller, 'SECRETARIAT') && isOrganization(caller, SECRETARIAT);
}

/**
 * True when the caller is this party of an agreement: an organization party by the token's
 * organization, a researcher party by a token whose subject is `researcher:<id>`.
 */
export function isParty(caller: Caller, party: PartyKey): boolean {
  if (party.kind === 'researcher') return caller.subject === `researcher:${party.id}`;
  return isOrganization(caller, { type: party.kind, id: party.id });
}

/**
 * Agreement terms: the secretariat and the parties in force only. A party an amendment
 * removed no longer reads the terms (nor the history it keeps): they are the remaining
 * parties' business now.
 */
export function canSeeAgreement(caller: Caller, parties: readonly PartyKey[]): boolean {
  return isSecretariat(caller) || parties.some((party) => isParty(caller, party));
}
