import { hasRole, isMember, isOrganization } from '../../shared/access';
import { formatOrganization, type Caller } from '../../shared/identity';

/**
 * Who may do what with bookings. Bases and facilities are public profiles; bookings (which
 * project runs what, when, and why) are members' data.
 */

/** Members (any token) see bookings; anonymous callers do not. */
export function canSeeBookings(caller: Caller): boolean {
  return isMember(caller);
}

/** The alliance secretariat: organization `alliance:secretariat` with role SECRETARIAT. */
const SECRETARIAT = { type: 'alliance', id: 'secretariat' } as const;

/** As the alliance, which manages projects, knows it: the role alone, in another organization, is not it. */
function isSecretariat(caller: Caller): boolean {
  return isOrganization(caller, SECRETARIAT) && hasRole(caller, 'SECRETARIAT');
}

/**
 * Who may ask for a pilot run at all, before the project is known: the secretariat, or an
 * enterprise's editor (only an enterprise leads projects). Refusing everyone else here spares
 * the alliance a lookup whose answer could not change the refusal.
 */
export function canRequestBookings(caller: Caller): boolean {
  return isSecretariat(caller) || (caller.organization?.type === 'enterprise' && hasRole(caller, 'EDITOR'));
}

/**
 * A pilot run is asked for by the project's party: an editor of its lead enterprise, or the
 * secretariat, which manages projects. A base (or the enterprise operating it) does not ask
 * on a project's behalf: it confirms what the project asked for, and the two sides stay two.
 * `leadEnterpriseId` is null when the alliance did not say who leads: only the secretariat.
 */
export function requestsForProject(caller: Caller, leadEnterpriseId: string | null): boolean {
  if (isSecretariat(caller)) return true;
  return (
    leadEnterpriseId !== null &&
    isOrganization(caller, { type: 'enterprise', id: leadEnterpriseId }) &&
    hasRole(caller, 'EDITOR')
  );
}

/** A base's own editors (organization `pilot-base:<id>`) run its calendar. */
export function runsBase(caller: Caller, baseId: string): boolean {
  return isOrganization(caller, { type: 'pilot-base', id: baseId }) && hasRole(caller, 'EDITOR');
}

/**
 * The organization that asked for a booking may withdraw it, through one of its editors (the
 * secretariat through its own role: whoever may ask may take the request back).
 */
export function requestedBooking(caller: Caller, requestedBy: string | null): boolean {
  return (
    requestedBy !== null &&
    caller.organization !== null &&
    formatOrganization(caller.organization) === requestedBy &&
    (hasRole(caller, 'EDITOR') || isSecretariat(caller))
  );
}

/** Facilities shared with members only refuse organizations from outside the alliance. */
export function mayUseMembersOnlyFacilities(caller: Caller): boolean {
  return isMember(caller) && caller.organization?.type !== 'partner';
}
