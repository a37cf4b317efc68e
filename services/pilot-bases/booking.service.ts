import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { once, type IdempotentRequest } from '../../shared/idempotency';
import type { AuditLog } from '../../shared/audit';
import { violates } from '../../shared/database';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import { formatOrganization, type Caller } from '../../shared/identity';
import type { PeerClient } from '../../shared/peers';
import {
  canRequestBookings,
  canSeeBookings,
  mayUseMembersOnlyFacilities,
  requestedBooking,
  requestsForProject,
  runsBase,
} from './access';
import type { BookingRepository } from './booking.repository';
import type { BookingEntity } from './entities/booking.entity';
import type { BookingStatus, RequestBookingInput } from './generated/graphql';
import { chinaToday } from '../../shared/dates';
import { actionConflict, requiredText } from '../../shared/validation';
import { parseNewBookingPeriod, type Period } from './period';
import type { PilotBaseRepository } from './pilot-base.repository';

/** What a base (or the requester) can do with a booking. */
export type BookingAction = 'confirm' | 'start' | 'complete' | 'cancel';

/**
 * The booking lifecycle: REQUESTED → CONFIRMED → RUNNING → COMPLETED, and CANCELLED from
 * REQUESTED or CONFIRMED (a running pilot run ends as COMPLETED, with its outcome).
 */
export const TRANSITIONS: Record<
  BookingAction,
  {
    from: readonly BookingStatus[];
    to: BookingStatus;
    /** The mutation that makes it, as the audit trail names it. */
    operation: string;
  }
> = {
  confirm: { from: ['REQUESTED'], to: 'CONFIRMED', operation: 'confirmBooking' },
  start: { from: ['CONFIRMED'], to: 'RUNNING', operation: 'startBooking' },
  complete: { from: ['RUNNING'], to: 'COMPLETED', operation: 'completeBooking' },
  cancel: { from: ['REQUESTED', 'CONFIRMED'], to: 'CANCELLED', operation: 'cancelBooking' },
};

/** The most characters of a booking's purpose, outcome or cancellation reason. */
const MAX_TEXT = 2000;

/** Checks the shape of a booking request; throws BAD_USER_INPUT naming the first offending field. */
export function validateRequest(
  input: RequestBookingInput,
  today: string,
): { period: Period; purpose: string } {
  if (!input.facilityId.trim())
    throw new BadUserInputError('facilityId must not be empty', 'input.facilityId');
  if (!input.projectId.trim()) throw new BadUserInputError('projectId must not be empty', 'input.projectId');
  const period = parseNewBookingPeriod(input.start, input.end, today);
  return { period, purpose: requiredText(input.purpose, 'input.purpose', MAX_TEXT) };
}

/** Booking pilot runs: the rules around the repositories. */
export class BookingService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly bases: PilotBaseRepository,
    private readonly bookings: BookingRepository,
    private readonly peers: PeerClient,
    private readonly today: () => string = () => chinaToday(),
  ) {}

  /**
   * Asks for a facility for a project's pilot run, on behalf of the project: its lead
   * enterprise's editors or the secretariat. Everything is checked before anything is
   * written; the project and its lead are checked with the alliance subgraph, which owns
   * them. Two active bookings of a facility never overlap: PostgreSQL refuses the later
   * one, and the caller learns which period is taken.
   */
  async request(
    input: RequestBookingInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<BookingEntity> {
    try {
      return await once(this.db, 'pilot_bases', idempotency, {
        prepare: () => this.prepareRequest(input, caller),
        idOf: (booking) => booking.id,
        load: async (id) => {
          const [booking] = await this.bookings.findByIds([id]);
          if (!booking) throw new NotFoundError('Booking', id);
          return booking;
        },
      });
    } catch (error) {
      // Read after the refused transaction is gone: what the request collided with.
      if (violates(error, 'booking_no_overlap')) {
        throw await this.periodTaken(input.facilityId, validateRequest(input, this.today()).period);
      }
      throw error;
    }
  }

  /** The checks of a request (with the alliance for the project's lead), then its insert. */
  private async prepareRequest(
    input: RequestBookingInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<BookingEntity>> {
    if (!canRequestBookings(caller)) {
      throw new ForbiddenError(
        "Only the editors of a project's lead enterprise or the alliance secretariat request its pilot runs",
      );
    }
    const { period, purpose } = validateRequest(input, this.today());
    const bookable = await this.bases.bookableFacility(input.facilityId);
    if (!bookable) throw new NotFoundError('Facility', input.facilityId, 'input.facilityId');
    if (bookable.facility.sharing === 'MEMBERS_ONLY' && !mayUseMembersOnlyFacilities(caller)) {
      throw new ForbiddenError(`Facility "${input.facilityId}" is shared with alliance members only`);
    }
    if (bookable.baseStatus !== 'OPERATING') {
      throw new ConflictError(`The base of facility "${input.facilityId}" is not operating yet`, {
        field: 'input.facilityId',
        baseStatus: bookable.baseStatus,
      });
    }
    const lead = await this.projectLead(input.projectId, caller);
    if (!requestsForProject(caller, lead)) throw notTheProjectsParty(input.projectId, lead);

    const booking = {
      id: randomUUID(),
      facilityId: input.facilityId,
      projectId: input.projectId,
      period,
      purpose,
      requestedBy: formatOrganization(caller.organization!),
    };
    return async (tx) => {
      const requested = await this.bookings.insertRequested(booking, tx);
      await this.audit.record(tx, {
        operation: 'requestBooking',
        entityType: 'Booking',
        entityId: requested.id,
        before: null,
        after: requested,
      });
      return requested;
    };
  }

  /**
   * The id of the enterprise leading a project, asked of the alliance in the one lookup that
   * also proves the project exists (null if the alliance names no lead). An unknown project is
   * NOT_FOUND; an alliance that does not answer is SUBGRAPH_UNAVAILABLE, never a refusal.
   */
  private async projectLead(projectId: string, caller: Caller): Promise<string | null> {
    const projects = await this.peers.entities<{ id: string; leadEnterprise: { id: string } | null }>(
      'alliance',
      'Project',
      [projectId],
      'leadEnterprise { id }',
      caller,
    );
    const project = projects.get(projectId);
    if (!project) throw new NotFoundError('Project', projectId, 'input.projectId');
    return project.leadEnterprise?.id ?? null;
  }

  /** The refusal of an overlapping request, naming the period already taken. */
  private async periodTaken(facilityId: string, period: Period): Promise<ConflictError> {
    const taken = await this.bookings.overlapping(facilityId, period);
    // The booking we collided with may have been cancelled since: the period is free again.
    if (!taken) {
      return new ConflictError(
        `Facility "${facilityId}" was booked for an overlapping period; it has just been freed, try again`,
        { facilityId },
      );
    }
    return new ConflictError(
      `Facility "${facilityId}" is already booked for [${taken.start}, ${taken.end}) (${taken.status})`,
      { facilityId, taken: { start: taken.start, end: taken.end, status: taken.status } },
    );
  }

  /**
   * Moves a booking along its lifecycle. The base's editors confirm, start, complete and
   * cancel; the requesting organization (its editors, or the secretariat) may also cancel. An invalid transition
   * is a CONFLICT naming the current status and changes nothing.
   */
  async transition(
    id: string,
    action: BookingAction,
    caller: Caller,
    details: { outcome?: string | null; reason?: string | null } = {},
  ): Promise<BookingEntity> {
    const found = canSeeBookings(caller) ? await this.bookings.withBase(id) : null;
    if (!found) throw new NotFoundError('Booking', id, 'id');
    const { booking, baseId } = found;
    const allowed =
      runsBase(caller, baseId) || (action === 'cancel' && requestedBooking(caller, booking.requestedBy));
    if (!allowed) {
      throw new ForbiddenError(
        action === 'cancel'
          ? `Only the editors of pilot-base:${baseId} or of the requesting organization cancel this booking`
          : `Only the editors of pilot-base:${baseId} ${action} its bookings`,
      );
    }
    const outcome = action === 'complete' ? requiredText(details.outcome, 'outcome', MAX_TEXT) : undefined;
    const reason =
      action === 'cancel' && details.reason?.trim() ? requiredText(details.reason, 'reason', MAX_TEXT) : null;
    const { from, to, operation } = TRANSITIONS[action];
    if (!from.includes(booking.status))
      throw actionConflict({ type: 'Booking', id, status: booking.status }, action, from);
    await this.db.transaction(async (tx) => {
      const before = await this.bookings.locked(id, tx);
      const details = {
        ...(outcome !== undefined ? { outcome } : {}),
        ...(action === 'cancel' ? { cancellationReason: reason } : {}),
      };
      const changed = await this.bookings.changeStatus(id, from, to, details, tx);
      // Someone else moved it between our read and our write.
      if (!changed)
        throw actionConflict({ type: 'Booking', id, status: before?.status ?? booking.status }, action, from);
      const after = await this.bookings.locked(id, tx);
      await this.audit.record(tx, { operation, entityType: 'Booking', entityId: id, before, after });
    });
    const [after] = await this.bookings.findByIds([id]);
    if (!after) throw new NotFoundError('Booking', id, 'id');
    return after;
  }
}

/** The refusal of a request by someone who does not speak for the project, naming who does. */
function notTheProjectsParty(projectId: string, lead: string | null): ForbiddenError {
  return new ForbiddenError(
    lead
      ? `Only the editors of enterprise:${lead}, the lead enterprise of project "${projectId}", or the alliance secretariat request its pilot runs`
      : `Project "${projectId}" names no lead enterprise: only the alliance secretariat requests its pilot runs`,
  );
}
