import type { Caller, OrganizationRef, Role } from './identity';

/** True when the caller holds a member's token (any organization). */
export function isMember(caller: Caller): boolean {
  return caller.organization !== null;
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.roles.includes(role);
}

/** True when the caller speaks for this organization. */
export function isOrganization(caller: Caller, org: OrganizationRef): boolean {
  return caller.organization?.type === org.type && caller.organization.id === org.id;
}
