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

/** An editor of a member organization, or the secretariat, may ask a base for a pilot run. */
export function canRequestBookings(caller: Caller): boolean {
  return isMember(caller) && (hasRole(caller, 'EDITOR') || hasRole(caller, 'SECRETARIAT'));
}

/** A base's own editors (organization `pilot-base:<id>`) run its calendar. */
export function runsBase(caller: Caller, baseId: string): boolean {
  return isOrganization(caller, { type: 'pilot-base', id: baseId }) && hasRole(caller, 'EDITOR');
}

/** The organization that asked for a booking may withdraw it, through one of its editors. */
export function requestedBooking(caller: Caller, requestedBy: string | null): boolean {
  return (
    requestedBy !== null &&
    caller.organization !== null &&
    formatOrganization(caller.organization) === requestedBy &&
    hasRole(caller, 'EDITOR')
  );
}

/** Facilities shared with members only refuse organizations from outside the alliance. */
export function mayUseMembersOnlyFacilities(caller: Caller): boolean {
  return isMember(caller) && caller.organization?.type !== 'partner';
}
