import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AuditLog, auditActor, type RequestMeta } from '../../shared/audit';
import type { Caller } from '../../shared/identity';
import { chinaToday } from '../../shared/dates';
import {
  groupedInKeyOrder,
  inKeyOrder,
  loadManyAndKeep,
  loaderById,
  loaderFamily,
  loaderOfChildren,
  loadersByIdOfColumns,
} from '../../shared/loaders';
import { ALL_COLUMNS, columnsOf, type ColumnsKey } from '../../shared/selected-columns';
import { toConnection, type Connection } from '../../shared/pagination';
import type { PeerClient } from '../../shared/peers';
import type { RequestContext } from '../../shared/subgraph-server';
import { PilotBasesMetrics } from './metrics';
import { canSeeBookings } from './access';
import {
  BookingRepository,
  bookingKey,
  type CalendarRequest,
  type FacilityUsage,
} from './booking.repository';
import { BookingService } from './booking.service';
import type { BookingEntity } from './entities/booking.entity';
import type { FacilityEntity } from './entities/facility.entity';
import type { PilotBaseEntity } from './entities/pilot-base.entity';
import type { Period } from './period';
import { PilotBaseRepository } from './pilot-base.repository';
import { PilotBaseSearchRepository } from './search.repository';

/**
 * What a project's `bookings` selection reads (`columnsAsked` keys): the bookings' columns,
 * and each booking's facility and the facility's base when it asks them under one name.
 */
export interface BookingsAsked {
  bookings: ColumnsKey;
  facility: ColumnsKey | null;
  base: ColumnsKey | null;
}

/**
 * `asked` as a loader key, made once per selection: every project of a batch finds its
 * loader by it twice, and a key built per call (a JSON text) cost more than the project's
 * own resolvers.
 */
export function bookingsKey(asked: BookingsAsked): string {
  return [asked.bookings, asked.facility ?? '', asked.base ?? ''].join('\n');
}

/** What the pilot-bases resolvers get for one request. */
export interface PilotBasesContext extends RequestContext {
  /** This subgraph's figures for the alliance dashboard. */
  metrics: PilotBasesMetrics;
  bases: PilotBaseRepository;
  bookings: BookingRepository;
  /** The bases' and facilities' part of the search across the graph. */
  search: PilotBaseSearchRepository;
  bookingService: BookingService;
  loaders: {
    base: DataLoader<string, PilotBaseEntity | null>;
    /** Bases with only the columns of a selection (a `columnsAsked` key). */
    baseWith: (columns: ColumnsKey) => DataLoader<string, PilotBaseEntity | null>;
    facility: DataLoader<string, FacilityEntity | null>;
    /** Facilities with only the columns of a selection (a `columnsAsked` key). */
    facilityWith: (columns: ColumnsKey) => DataLoader<string, FacilityEntity | null>;
    /** Bookings the caller may see (members only). */
    booking: DataLoader<string, BookingEntity | null>;
    /** The first `limit` facilities of each base: one statement per batch and limit. */
    facilitiesOfBase: (limit: number) => DataLoader<string, FacilityEntity[]>;
    basesOperatedBy: DataLoader<string, PilotBaseEntity[]>;
    /**
     * The first `limit` bookings of each project the caller may see (members only), with the
     * columns a selection asks (`asked`, a `bookingsKey`), and their facilities and bases as
     * it asks them, read for the
     * whole batch (one statement each, as `facilityWith` and `baseWith` send them) and kept in
     * those loaders (`keptOrLoad`), so that `Booking.facility` and `Facility.base` answer
     * without a promise.
     */
    bookingsOfProject: (limit: number, asked: string) => DataLoader<string, BookingEntity[]>;
    basesOfProject: DataLoader<string, PilotBaseEntity[]>;
    /** Projects with a booking that is not cancelled at a base (the board's filter). */
    projectsBookedAt: DataLoader<string, string[]>;
    /** A project's next run the caller may see (members only). */
    nextBookingOfProject: DataLoader<string, BookingEntity | null>;
    /** A base's calendar page, one loader per window and page request. */
    calendar: (request: CalendarRequest) => DataLoader<string, Connection<BookingEntity>>;
    /** Days of a window a facility is booked, one loader per window. */
    usage: (window: Period) => DataLoader<string, FacilityUsage>;
  };
}

export function createContext(
  db: DataSource,
  caller: Caller,
  peers: PeerClient,
  request: RequestMeta,
): PilotBasesContext {
  const bases = new PilotBaseRepository(db);
  const bookings = new BookingRepository(db);
  const seesBookings = canSeeBookings(caller);
  const calendars = loaderFamily(
    (key: string) =>
      new DataLoader<string, Connection<BookingEntity>>(async (baseIds) => {
        const request = JSON.parse(key) as CalendarRequest;
        const { rows, totals } = await bookings.calendars(baseIds, request);
        const groups = groupedInKeyOrder(baseIds, rows, (r) => r.baseId);
        return baseIds.map((baseId, i) =>
          toConnection(
            (groups[i] ?? []).map((r) => r.booking),
            request.page,
            bookingKey,
            totals.get(baseId) ?? 0,
          ),
        );
      }),
  );
  const usages = loaderFamily(
    (key: string) =>
      new DataLoader<string, FacilityUsage>(async (facilityIds) => {
        const rows = await bookings.usage(facilityIds, JSON.parse(key) as Period);
        const byFacility = new Map(rows.map((r) => [r.facilityId, r]));
        return facilityIds.map(
          (facilityId) => byFacility.get(facilityId) ?? { facilityId, bookedDays: 0, confirmedDays: 0 },
        );
      }),
  );
  const audit = new AuditLog(db, 'pilot_bases', auditActor(caller, request));
  const baseWith = loadersByIdOfColumns<PilotBaseEntity>((ids, columns) => bases.basesByIds(ids, columns));
  const facilityWith = loadersByIdOfColumns<FacilityEntity>((ids, columns) =>
    bases.facilitiesByIds(ids, columns),
  );
  const bookingsOfProject = loaderFamily((limit: number) =>
    loaderFamily((asked: string) => {
      const [columns, facility, base] = asked.split('\n') as ColumnsKey[];
      return new DataLoader<string, BookingEntity[]>(async (projectIds) => {
        const lists = groupedInKeyOrder(
          projectIds,
          seesBookings ? await bookings.ofProjects(projectIds, limit, columnsOf(columns!)) : [],
          (k) => k.projectId,
        );
        if (facility) {
          const facilities = await loadManyAndKeep(
            facilityWith(facility),
            lists.flat().map((k) => k.facilityId),
          );
          if (base)
            await loadManyAndKeep(
              baseWith(base),
              facilities.map((f) => f.baseId),
            );
        }
        return lists;
      });
    }),
  );
  return {
    caller,
    audit,
    metrics: new PilotBasesMetrics(db),
    bases,
    bookings,
    search: new PilotBaseSearchRepository(db),
    bookingService: new BookingService(db, audit, bases, bookings, peers),
    loaders: {
      base: baseWith(ALL_COLUMNS),
      baseWith,
      facility: facilityWith(ALL_COLUMNS),
      facilityWith,
      booking: loaderById(async (ids) => (seesBookings ? bookings.findByIds(ids) : [])),
      facilitiesOfBase: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => bases.facilitiesOfBases(ids, limit),
          (f) => f.baseId,
        ),
      ),
      basesOperatedBy: loaderOfChildren(
        (ids) => bases.basesOperatedBy(ids),
        (b) => b.operatorId ?? '',
      ),
      bookingsOfProject: (limit, asked) => bookingsOfProject(limit)(asked),
      nextBookingOfProject: new DataLoader(async (ids) =>
        inKeyOrder(
          ids,
          seesBookings ? await bookings.nextOfProjects(ids, chinaToday()) : [],
          (k) => k.projectId,
        ),
      ),
      basesOfProject: new DataLoader(async (ids) =>
        groupedInKeyOrder(ids, await bookings.basesOfProjects(ids), (row) => row.projectId).map((rows) =>
          rows.map((r) => r.base),
        ),
      ),
      projectsBookedAt: new DataLoader(async (ids) =>
        groupedInKeyOrder(ids, await bookings.projectsBookedAt(ids), (row) => row.baseId).map((rows) =>
          rows.map((r) => r.projectId),
        ),
      ),
      // JSON keys: requests asking the same window and page share one loader (and statement).
      calendar: (request) => calendars(JSON.stringify(request)),
      usage: (window) => usages(JSON.stringify({ start: window.start, end: window.end })),
    },
  };
}
