import { hasRole, isMember, isOrganization } from '../../shared/access';
import type { Caller } from '../../shared/identity';
import type { PartyKey } from './organizations';

/** The alliance secretariat: organization `alliance:secretariat` with role SECRETARIAT. */
export const SECRETARIAT = { type: 'alliance', id: 'secretariat' } as const;

/** True when the caller speaks for the secretariat: it manages projects, members, experts and agreements. */
export function isSecretariat(caller: Caller): boolean {
  return isSecretariatOf(caller, SECRETARIAT.id);
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
 * The secretariat the caller speaks for: the `<secretariat>` of a token of organization
 * `alliance:<secretariat>` with role SECRETARIAT (an alliance's `secretariat` column);
 * null for anyone else.
 */
export function secretariatOfCaller(caller: Caller): string | null {
  const organization = caller.organization;
  return hasRole(caller, 'SECRETARIAT') && organization?.type === 'alliance' ? organization.id : null;
}

/** True when the caller speaks for the secretariat whose tokens name `alliance:<secretariat>`. */
export function isSecretariatOf(caller: Caller, secretariat: string): boolean {
  return secretariatOfCaller(caller) === secretariat;
}

/**
 * Agreement terms: the secretariat of the project's alliance (`secretariat`, as its tokens
 * name it; null when not looked up, the caller being no secretariat) and the parties in force only. A party an amendment removed no longer reads the
 * terms (nor the history it keeps): they are the remaining parties' business now.
 */
export function canSeeAgreement(
  caller: Caller,
  secretariat: string | null,
  parties: readonly PartyKey[],
): boolean {
  return (
    (secretariat !== null && isSecretariatOf(caller, secretariat)) ||
    parties.some((party) => isParty(caller, party))
  );
}

/** What an anonymous caller reads as the author of a stage change: the body that makes them. */
export const HIDDEN_AUTHOR = 'secretariat';

/**
 * The author of a stage change as the caller may see it: the staff member's token subject
 * for members, `secretariat` for anyone else (a person's account name is not public).
 */
export function visibleAuthor(by: string, caller: Caller): string {
  return isMember(caller) ? by : HIDDEN_AUTHOR;
}

/**
 * Whether the review gate (an EVALUATION review recommending ADVANCE) counts as passed in
 * what the caller is told of a project's next stages. Reviews are for members; for anyone
 * else the answer must not depend on their outcome, so it is listed as not passed: an
 * outsider is never told a stage is open that a review may still close.
 */
export function reviewGateAsSeen(
  caller: Caller,
  advanceRecommended: () => Promise<boolean>,
): Promise<boolean> {
  return isMember(caller) ? advanceRecommended() : Promise.resolve(false);
}
