import type { GraphQLResolveInfo } from 'graphql';
import { idempotentRequest } from '../../shared/idempotency';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { ForbiddenError } from '../../shared/errors';
import { boundedSize, type ChildListArgs, type ListBound } from '../../shared/list-bounds';
import { Decimal, money } from '../../shared/money';
import { isStringPair, pageRequest, toConnection, type PageArgs } from '../../shared/pagination';
import { canSeeBookings } from './access';
import type { RequestBookingInput } from './booking.service';
import type { PilotBasesContext } from './context';
import type { BookingEntity } from './entities/booking.entity';
import type { FacilityEntity } from './entities/facility.entity';
import type { PilotBaseEntity } from './entities/pilot-base.entity';
import { daysBetween } from '../../shared/dates';
import { parseWindow } from './period';
import { facilityKey } from './pilot-base.repository';

/** A base's facilities, by name: `first`, 50 by default, at most 100. */
const FACILITIES: ListBound = { default: 50, max: 100 };
/** A project's bookings, by start date: `first`, 20 by default, at most 100. */
const BOOKINGS: ListBound = { default: 20, max: 100 };

type Ref = { id: string };
type Window = { from: string; to: string };

export const resolvers: GraphQLResolverMap<PilotBasesContext> = {
  Query: {
    pilotBase: (_: unknown, { id }: Ref, ctx: PilotBasesContext) => ctx.loaders.base.load(id),
    pilotBases: (_: unknown, __: unknown, ctx: PilotBasesContext) => ctx.bases.allBases(),
    facility: (_: unknown, { id }: Ref, ctx: PilotBasesContext) => ctx.loaders.facility.load(id),
    booking: (_: unknown, { id }: Ref, ctx: PilotBasesContext) => ctx.loaders.booking.load(id),
    availableFacilities: async (
      _: unknown,
      args: PageArgs & Window & { field?: string | null; baseId?: string | null },
      ctx: PilotBasesContext,
    ) => {
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
    requestBooking: (
      _: unknown,
      args: { input: RequestBookingInput },
      ctx: PilotBasesContext,
      info: GraphQLResolveInfo,
    ) =>
      ctx.bookingService.request(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    confirmBooking: (_: unknown, { id }: Ref, ctx: PilotBasesContext) =>
      ctx.bookingService.transition(id, 'confirm', ctx.caller),
    startBooking: (_: unknown, { id }: Ref, ctx: PilotBasesContext) =>
      ctx.bookingService.transition(id, 'start', ctx.caller),
    completeBooking: (_: unknown, { id, outcome }: Ref & { outcome: string }, ctx: PilotBasesContext) =>
      ctx.bookingService.transition(id, 'complete', ctx.caller, { outcome }),
    cancelBooking: (_: unknown, { id, reason }: Ref & { reason?: string | null }, ctx: PilotBasesContext) =>
      ctx.bookingService.transition(id, 'cancel', ctx.caller, { reason }),
  },
  PilotBase: {
    __resolveReference: (ref: Ref, ctx: PilotBasesContext) => ctx.loaders.base.load(ref.id),
    bookedProjectIds: (base: PilotBaseEntity, _: unknown, ctx: PilotBasesContext) =>
      ctx.loaders.projectsBookedAt.load(base.id),
    operator: (base: PilotBaseEntity) =>
      base.operatorId ? { __typename: 'Enterprise', id: base.operatorId } : null,
    facilities: (base: PilotBaseEntity, { first }: ChildListArgs, ctx: PilotBasesContext) =>
      ctx.loaders.facilitiesOfBase(boundedSize(first, FACILITIES)).load(base.id),
    calendar: (
      base: PilotBaseEntity,
      args: PageArgs & Window & { includeCancelled?: boolean | null },
      ctx: PilotBasesContext,
    ) => {
      if (!canSeeBookings(ctx.caller)) throw new ForbiddenError('A member token is required to see bookings');
      const period = parseWindow(args.from, args.to);
      const page = pageRequest(args, isStringPair, 'calendar');
      return ctx.loaders
        .calendar({ period, includeCancelled: args.includeCancelled ?? false, page })
        .load(base.id);
    },
  },
  Facility: {
    __resolveReference: (ref: Ref, ctx: PilotBasesContext) => ctx.loaders.facility.load(ref.id),
    base: (facility: FacilityEntity, _: unknown, ctx: PilotBasesContext) =>
      ctx.loaders.base.load(facility.baseId),
    dailyRate: (facility: FacilityEntity) => money(facility.dailyRate),
    utilization: async (facility: FacilityEntity, args: Window, ctx: PilotBasesContext) => {
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
    __resolveReference: (ref: Ref, ctx: PilotBasesContext) => ctx.loaders.booking.load(ref.id),
    facility: (booking: BookingEntity, _: unknown, ctx: PilotBasesContext) =>
      ctx.loaders.facility.load(booking.facilityId),
    project: (booking: BookingEntity) => ({ __typename: 'Project', id: booking.projectId }),
    days: (booking: BookingEntity) => daysBetween(booking.start, booking.end),
    requestedAt: (booking: BookingEntity) => booking.requestedAt.toISOString(),
    updatedAt: (booking: BookingEntity) => booking.updatedAt.toISOString(),
  },
  Project: {
    __resolveReference: (ref: Ref) => ({ id: ref.id }),
    bookings: (project: Ref, { first }: ChildListArgs, ctx: PilotBasesContext) =>
      ctx.loaders.bookingsOfProject(boundedSize(first, BOOKINGS)).load(project.id),
    pilotBases: (project: Ref, _: unknown, ctx: PilotBasesContext) =>
      ctx.loaders.basesOfProject.load(project.id),
    nextBooking: (project: Ref, _: unknown, ctx: PilotBasesContext) =>
      ctx.loaders.nextBookingOfProject.load(project.id),
  },
  Enterprise: {
    __resolveReference: (ref: Ref) => ({ id: ref.id }),
    operatedPilotBases: (enterprise: Ref, _: unknown, ctx: PilotBasesContext) =>
      ctx.loaders.basesOperatedBy.load(enterprise.id),
  },
};
