import type { GraphQLResolveInfo } from 'graphql';
import { searchRequest } from '../../shared/search';
import { idempotentRequest } from '../../shared/idempotency';
import { ForbiddenError } from '../../shared/errors';
import { boundedSize, type ListBound } from '../../shared/list-bounds';
import { keptOrLoad, loadAndKeep, referenced } from '../../shared/loaders';
import { Decimal, money } from '../../shared/money';
import { isStringPair, pageRequest, toConnection } from '../../shared/pagination';
import { canSeeBookings } from './access';
import { daysBetween } from '../../shared/dates';
import {
  columnsAsked,
  fieldAskedOnce,
  listAskedOnce,
  perSelection,
  type ColumnsOfFields,
} from '../../shared/selected-columns';
import type { BookingEntity } from './entities/booking.entity';
import type { FacilityEntity } from './entities/facility.entity';
import type { PilotBaseEntity } from './entities/pilot-base.entity';
import type { Resolvers } from './generated/graphql';
import { bookingsKey } from './context';
import { parseWindow } from './period';
import { facilityKey } from './pilot-base.repository';

/** A base's facilities, by name: `first`, 50 by default, at most 100. */
const FACILITIES: ListBound = { default: 50, max: 100 };
/** A project's bookings, by start date: `first`, 20 by default, at most 100. */
const BOOKINGS: ListBound = { default: 20, max: 100 };

/*
 * What each field reads of its row, so that a project's bookings, their facilities and their
 * bases read only the columns a request asks for (the gateway's board asks a few of each).
 * A field not listed (an audit trail, a calendar) reads the whole row.
 */
export const BOOKING_COLUMNS: ColumnsOfFields<BookingEntity> = {
  typename: 'Booking',
  // Grouped by project.
  always: ['id', 'projectId'],
  fields: {
    id: [],
    facility: ['facilityId'],
    project: [],
    start: ['start'],
    end: ['end'],
    purpose: ['purpose'],
    status: ['status'],
    outcome: ['outcome'],
    days: ['start', 'end'],
    requestedBy: ['requestedBy'],
    requestedAt: ['requestedAt'],
    updatedAt: ['updatedAt'],
    cancellationReason: ['cancellationReason'],
    illustrative: ['illustrative'],
  },
};

export const FACILITY_COLUMNS: ColumnsOfFields<FacilityEntity> = {
  typename: 'Facility',
  always: ['id'],
  fields: {
    id: [],
    base: ['baseId'],
    name: ['name'],
    kind: ['kind'],
    capabilities: ['capabilities'],
    capacity: ['capacity'],
    capacityUnit: ['capacityUnit'],
    sharing: ['sharing'],
    dailyRate: ['dailyRate'],
    utilization: ['dailyRate'],
    illustrative: ['illustrative'],
  },
};

export const PILOT_BASE_COLUMNS: ColumnsOfFields<PilotBaseEntity> = {
  typename: 'PilotBase',
  always: ['id'],
  fields: {
    id: [],
    bookedProjectIds: [],
    name: ['name'],
    nameZh: ['nameZh'],
    city: ['city'],
    province: ['province'],
    operator: ['operatorId'],
    status: ['status'],
    focusFields: ['focusFields'],
    description: ['description'],
    facilities: [],
    illustrative: ['illustrative'],
  },
};

/**
 * What a `bookings` selection reads of each booking, and of its facility and the facility's
 * base when it asks for them under one name, as a loader key (`bookingsKey`). Worked out
 * once per selection.
 */
const bookingsAsked = perSelection((info: GraphQLResolveInfo): string => {
  const facility = fieldAskedOnce(info, 'Booking', 'facility');
  const base = facility && fieldAskedOnce(facility, 'Facility', 'base');
  return bookingsKey({
    bookings: columnsAsked(BOOKING_COLUMNS, info),
    facility: facility && columnsAsked(FACILITY_COLUMNS, facility),
    base: base && columnsAsked(PILOT_BASE_COLUMNS, base),
  });
});

/** How an `_entities` selection asks for each project's `bookings` (`listAskedOnce`). */
const bookingsAskedOfProject = perSelection((info: GraphQLResolveInfo) => {
  const bookings = listAskedOnce(info, 'Project', 'bookings', BOOKINGS);
  return bookings && { limit: bookings.limit, asked: bookingsAsked(bookings.info) };
});

export const resolvers: Resolvers = {
  Query: {
    pilotBaseSearchHits: (_, args, ctx) =>
      ctx.search.search(searchRequest(args.text, args.first, args.kinds)),
    pilotBase: (_, { id }, ctx) => ctx.loaders.base.load(id),
    pilotBases: (_, __, ctx) => ctx.bases.allBases(),
    facility: (_, { id }, ctx) => ctx.loaders.facility.load(id),
    booking: (_, { id }, ctx) => ctx.loaders.booking.load(id),
    availableFacilities: async (_, args, ctx) => {
      const period = parseWindow(args.from, args.to);
      const page = pageRequest(args, isStringPair, 'available-facilities');
      const { rows, total } = await ctx.bases.availablePage(
        { field: args.field, baseId: args.baseId, period },
        page,
      );
      return toConnection(rows, page, facilityKey, total);
    },
  },
  Mutation: {
    requestBooking: (_, args, ctx, info) =>
      ctx.bookingService.request(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    confirmBooking: (_, { id }, ctx) => ctx.bookingService.transition(id, 'confirm', ctx.caller),
    startBooking: (_, { id }, ctx) => ctx.bookingService.transition(id, 'start', ctx.caller),
    completeBooking: (_, { id, outcome }, ctx) =>
      ctx.bookingService.transition(id, 'complete', ctx.caller, { outcome }),
    cancelBooking: (_, { id, reason }, ctx) =>
      ctx.bookingService.transition(id, 'cancel', ctx.caller, { reason }),
  },
  PilotBase: {
    __resolveReference: (ref, ctx, info) =>
      ctx.loaders.baseWith(columnsAsked(PILOT_BASE_COLUMNS, info)).load(ref.id),
    bookedProjectIds: (base, _, ctx) => ctx.loaders.projectsBookedAt.load(base.id),
    operator: (base) => (base.operatorId ? { __typename: 'Enterprise', id: base.operatorId } : null),
    facilities: (base, { first }, ctx) =>
      ctx.loaders.facilitiesOfBase(boundedSize(first, FACILITIES)).load(base.id),
    calendar: (base, args, ctx) => {
      if (!canSeeBookings(ctx.caller)) throw new ForbiddenError('A member token is required to see bookings');
      const period = parseWindow(args.from, args.to);
      const page = pageRequest(args, isStringPair, 'calendar');
      return ctx.loaders
        .calendar({ period, includeCancelled: args.includeCancelled ?? false, page })
        .load(base.id);
    },
  },
  Facility: {
    __resolveReference: (ref, ctx, info) =>
      ctx.loaders.facilityWith(columnsAsked(FACILITY_COLUMNS, info)).load(ref.id),
    base: (facility, _, ctx, info) =>
      referenced(
        keptOrLoad(ctx.loaders.baseWith(columnsAsked(PILOT_BASE_COLUMNS, info)), facility.baseId),
        `pilot base ${facility.baseId}`,
      ),
    dailyRate: (facility) => money(facility.dailyRate),
    utilization: async (facility, args, ctx) => {
      const window = parseWindow(args.from, args.to);
      const usage = await ctx.loaders.usage(window).load(facility.id);
      const days = daysBetween(window.start, window.end);
      return {
        from: window.start,
        to: window.end,
        days,
        bookedDays: usage.bookedDays,
        confirmedDays: usage.confirmedDays,
        rate: new Decimal(usage.bookedDays).div(days).toFixed(4),
        bookedValue: money(new Decimal(facility.dailyRate).times(usage.bookedDays)),
      };
    },
  },
  Booking: {
    __resolveReference: (ref, ctx) => ctx.loaders.booking.load(ref.id),
    facility: (booking, _, ctx, info) =>
      referenced(
        keptOrLoad(ctx.loaders.facilityWith(columnsAsked(FACILITY_COLUMNS, info)), booking.facilityId),
        `facility ${booking.facilityId}`,
      ),
    project: (booking) => ({ __typename: 'Project', id: booking.projectId }),
    days: (booking) => daysBetween(booking.start, booking.end),
    requestedAt: (booking) => booking.requestedAt.toISOString(),
    updatedAt: (booking) => booking.updatedAt.toISOString(),
  },
  Project: {
    __resolveReference: (ref, ctx, info) => {
      const bookings = bookingsAskedOfProject(info);
      if (!bookings) return { id: ref.id };
      // The batch's bookings, then their facilities, then their bases are read in one
      // statement each and kept before any project answers, so that each project completes
      // at once with its bookings and theirs: no promise turn per booking or facility.
      const loader = ctx.loaders.bookingsOfProject(bookings.limit, bookings.asked);
      return loadAndKeep(loader, ref.id).then(() => ({ id: ref.id }));
    },
    bookings: (project, { first }, ctx, info) =>
      keptOrLoad(
        ctx.loaders.bookingsOfProject(boundedSize(first, BOOKINGS), bookingsAsked(info)),
        project.id,
      ),
    pilotBases: (project, _, ctx) => ctx.loaders.basesOfProject.load(project.id),
    nextBooking: (project, _, ctx) => ctx.loaders.nextBookingOfProject.load(project.id),
  },
  Enterprise: {
    __resolveReference: (ref) => ({ id: ref.id }),
    operatedPilotBases: (enterprise, _, ctx) => ctx.loaders.basesOperatedBy.load(enterprise.id),
  },
};
