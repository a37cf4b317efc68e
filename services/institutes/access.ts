import { hasRole, isMember, isOrganization } from '../../shared/access';
import { ForbiddenError } from '../../shared/errors';
import type { Caller } from '../../shared/identity';

/** A caller with the achievements it is a party to (through projects its enterprise leads). */
export interface AchievementViewer extends Caller {
  partyAchievementIds: readonly string[];
}

function partyAchievementsOf(caller: Caller): readonly string[] {
  return 'partyAchievementIds' in caller ? (caller as AchievementViewer).partyAchievementIds : [];
}

/**
 * The SQL condition on `achievement` (aliased `a`) that keeps only what the caller may see:
 * PUBLIC to anyone, MEMBERS to members, CONFIDENTIAL to the owning institute and to the
 * parties of its projects (their lead enterprises).
 * Returned with its parameters so repositories compose it into their own statements.
 */
export function visibleAchievements(
  caller: Caller,
  alias = 'a',
): { sql: string; params: Record<string, unknown> } {
  // A subgraph checking a reference learns that the achievement exists and whose it is.
  if (caller.referenceCheck) return { sql: 'true', params: {} };
  if (!isMember(caller)) return { sql: `${alias}.visibility = 'PUBLIC'`, params: {} };
  const ownInstitute = caller.organization?.type === 'institute' ? caller.organization.id : null;
  const partyOf = partyAchievementsOf(caller);
  // Parameter names carry the alias: a statement may compose the rule twice (a subquery).
  const own = `ownInstitute_${alias}`;
  const party = `partyAchievements_${alias}`;
  return {
    sql:
      `(${alias}.visibility IN ('PUBLIC', 'MEMBERS') OR ${alias}.institute_id = :${own}` +
      // One array parameter however many projects the caller leads (not one per id).
      (partyOf.length ? ` OR ${alias}.id = ANY(:${party})` : '') +
      ')',
    params: partyOf.length ? { [own]: ownInstitute, [party]: partyOf } : { [own]: ownInstitute },
  };
}

/** True when the caller is an EDITOR speaking for this institute: only they change its records. */
export function isEditorOf(caller: Caller, instituteId: string): boolean {
  return hasRole(caller, 'EDITOR') && isOrganization(caller, { type: 'institute', id: instituteId });
}

/** True when the caller is an EDITOR of some institute (the first gate of every institutes mutation). */
export function isInstituteEditor(caller: Caller): boolean {
  return hasRole(caller, 'EDITOR') && caller.organization?.type === 'institute';
}

/** FORBIDDEN unless the caller is an editor of some institute: checked before any input or lookup. */
export function requireInstituteEditor(caller: Caller): void {
  if (!isInstituteEditor(caller)) throw new ForbiddenError("Only an institute's editors change its records");
}

/** FORBIDDEN unless the caller is an editor of this institute. */
export function requireEditorOf(caller: Caller, instituteId: string): void {
  if (!isEditorOf(caller, instituteId)) {
    throw new ForbiddenError(`Only the editors of institute ${instituteId} change its records`);
  }
}
