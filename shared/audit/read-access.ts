import { hasRole, isOrganization } from '../access';
import type { Caller, OrganizationRef } from '../identity';

/** The alliance secretariat: organization `alliance:secretariat` with role SECRETARIAT. */
const SECRETARIAT: OrganizationRef = { type: 'alliance', id: 'secretariat' };

/**
 * Who reads a record's audit trail: the secretariat, and members of the organizations
 * that own the record (any of their tokens). Nobody else, and no anonymous caller.
 */
export function mayReadAudit(caller: Caller, owners: readonly (OrganizationRef | null)[]): boolean {
  if (!caller.organization) return false;
  if (isOrganization(caller, SECRETARIAT) && hasRole(caller, 'SECRETARIAT')) return true;
  return owners.some((owner) => owner !== null && isOrganization(caller, owner));
}
