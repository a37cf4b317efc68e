import { hasRole, isOrganization } from '../access';
import type { Caller, OrganizationRef } from '../identity';

/** The first alliance's secretariat, as its tokens name it (`alliance:secretariat`). */
const FIRST_SECRETARIAT = 'secretariat';

/**
 * Who reads a record's audit trail: the secretariat (with role SECRETARIAT) — of the
 * record's alliance, for a record that belongs to one (`secretariat`, as its tokens name
 * it), else the first alliance's —, and members of the organizations that own the record
 * (any of their tokens). Nobody else, and no anonymous caller.
 */
export function mayReadAudit(
  caller: Caller,
  owners: readonly (OrganizationRef | null)[],
  secretariat = FIRST_SECRETARIAT,
): boolean {
  if (!caller.organization) return false;
  if (isOrganization(caller, { type: 'alliance', id: secretariat }) && hasRole(caller, 'SECRETARIAT'))
    return true;
  return owners.some((owner) => owner !== null && isOrganization(caller, owner));
}
