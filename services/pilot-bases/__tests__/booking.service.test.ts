import type { DataSource } from 'typeorm';
import type { AuditLog } from '../../../shared/audit';
import { QueryFailedError } from 'typeorm';
import { ANONYMOUS, type Caller } from '../../../shared/identity';
import type { PeerClient } from '../../../shared/peers';
import {
  canRequestBookings,
  mayUseMembersOnlyFacilities,
  requestedBooking,
  requestsForProject,
  runsBase,
} from '../access';
import type { BookingRepository } from '../booking.repository';
import { BookingService, TRANSITIONS, validateRequest } from '../booking.service';
import type { BookingEntity } from '../entities/booking.entity';
import type { BookingStatus, RequestBookingInput } from '../generated/graphql';
import type { FacilityEntity } from '../entities/facility.entity';
import type { PilotBaseRepository } from '../pilot-base.repository';

const levima: Caller = {
  subject: 'u',
  organization: { type: 'enterprise', id: 'levima' },
  roles: ['EDITOR'],
};
const input: RequestBookingInput = {
  facilityId: 'line',
  projectId: 'p',
  start: '2030-01-01',
  end: '2030-01-10',
  purpose: 'run',
};

describe('the booking lifecycle', () => {
  const ALL: BookingStatus[] = ['REQUESTED', 'CONFIRMED', 'RUNNING', 'COMPLETED', 'CANCELLED'];
  test('every status but REQUESTED is reached by exactly one action', () => {
    const reached = Object.values(TRANSITIONS).map((t) => t.to);
    expect([...reached].sort()).toEqual(ALL.filter((s) => s !== 'REQUESTED').sort());
  });
  test('COMPLETED and CANCELLED are final; a running run cannot be cancelled', () => {
    const leaving = new Set(Object.values(TRANSITIONS).flatMap((t) => t.from));
    expect(leaving.has('COMPLETED')).toBe(false);
    expect(leaving.has('CANCELLED')).toBe(false);
    expect(TRANSITIONS.cancel.from).not.toContain('RUNNING');
  });
});

describe('access', () => {
  test("a base's editors run its calendar, nobody else's", () => {
    const base: Caller = {
      subject: 'u',
      organization: { type: 'pilot-base', id: 'tengzhou' },
      roles: ['EDITOR'],
    };
    expect(runsBase(base, 'tengzhou')).toBe(true);
    expect(runsBase(base, 'shangyu')).toBe(false);
    expect(runsBase({ ...base, roles: ['VIEWER'] }, 'tengzhou')).toBe(false);
    expect(runsBase(levima, 'tengzhou')).toBe(false);
  });
  test('the requesting organization is recognised by its editors', () => {
    expect(requestedBooking(levima, 'enterprise:levima')).toBe(true);
    expect(requestedBooking({ ...levima, roles: ['VIEWER'] }, 'enterprise:levima')).toBe(false);
    expect(requestedBooking(levima, null)).toBe(false);
    expect(requestedBooking(ANONYMOUS, 'enterprise:levima')).toBe(false);
  });
  test("a pilot run is asked for by the project's lead enterprise's editors or the secretariat", () => {
    const secretariat: Caller = {
      subject: 's',
      organization: { type: 'alliance', id: 'secretariat' },
      roles: ['SECRETARIAT'],
    };
    const operator: Caller = { ...levima, organization: { type: 'enterprise', id: 'operator' } };
    const base: Caller = { ...levima, organization: { type: 'pilot-base', id: 'tengzhou' } };
    expect(requestsForProject(levima, 'levima')).toBe(true);
    expect(requestsForProject(secretariat, 'levima')).toBe(true);
    expect(requestsForProject(secretariat, null)).toBe(true);
    expect(requestsForProject(operator, 'levima')).toBe(false);
    expect(requestsForProject(levima, null)).toBe(false);
    expect(requestsForProject({ ...levima, roles: ['VIEWER'] }, 'levima')).toBe(false);
    // A secretariat role outside the secretariat's organization is not the secretariat.
    expect(requestsForProject({ ...base, roles: ['SECRETARIAT'] }, 'levima')).toBe(false);
    // Before the project is known: only enterprises' editors and the secretariat get that far.
    expect(canRequestBookings(levima)).toBe(true);
    expect(canRequestBookings(secretariat)).toBe(true);
    expect(canRequestBookings(base)).toBe(false);
    expect(canRequestBookings({ ...levima, roles: ['VIEWER'] })).toBe(false);
    expect(canRequestBookings(ANONYMOUS)).toBe(false);
    // Whoever asked may take the request back, the secretariat through its own role.
    expect(requestedBooking(secretariat, 'alliance:secretariat')).toBe(true);
  });
  test('partners and anonymous callers do not use members-only facilities', () => {
    expect(mayUseMembersOnlyFacilities(levima)).toBe(true);
    expect(mayUseMembersOnlyFacilities({ ...levima, organization: { type: 'partner', id: 'x' } })).toBe(
      false,
    );
    expect(mayUseMembersOnlyFacilities(ANONYMOUS)).toBe(false);
  });
});

test('a request names its first bad field', () => {
  expect(() => validateRequest({ ...input, purpose: ' ' }, '2029-01-01')).toThrow(/input.purpose/);
  expect(() => validateRequest({ ...input, facilityId: '' }, '2029-01-01')).toThrow(/facilityId/);
  expect(validateRequest(input, '2029-01-01')).toEqual({
    period: { start: '2030-01-01', end: '2030-01-10' },
    purpose: 'run',
  });
});

/** A service over stand-ins: the facility exists and is bookable, the project exists, led by Levima. */
function serviceWith(
  bookings: Partial<BookingRepository>,
  projects: () => Promise<Map<string, unknown>> = async () =>
    new Map([['p', { id: 'p', leadEnterprise: { id: 'levima' } }]]),
): BookingService {
  const bases = {
    bookableFacility: async () => ({
      facility: { sharing: 'OPEN' } as FacilityEntity,
      baseStatus: 'OPERATING',
    }),
  } as unknown as PilotBaseRepository;
  const peers = { entities: projects } as unknown as PeerClient;
  // The insert runs in the transaction the service opens; refusals come from inside it.
  const db = { transaction: (write: (tx: unknown) => unknown) => write({}) } as unknown as DataSource;
  return new BookingService(
    db,
    { record: async () => undefined } as unknown as AuditLog,
    bases,
    bookings as BookingRepository,
    peers,
    () => '2029-01-01',
  );
}

function exclusionViolation(): QueryFailedError {
  return new QueryFailedError(
    'INSERT',
    [],
    Object.assign(new Error('conflicting key value'), {
      code: '23P01',
      constraint: 'booking_no_overlap',
    }),
  );
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('an overlapping request', () => {
  test('is a CONFLICT naming the period already taken', async () => {
    const service = serviceWith({
      insertRequested: async () => {
        throw exclusionViolation();
      },
      overlapping: async () =>
        ({ start: '2029-12-20', end: '2030-01-02', status: 'CONFIRMED' }) as BookingEntity,
    });
    const error = await refusal(service.request(input, levima));
    expect(error.message).toContain('[2029-12-20, 2030-01-02)');
    expect(error).toMatchObject({
      extensions: {
        code: 'CONFLICT',
        facilityId: 'line',
        taken: { start: '2029-12-20', end: '2030-01-02', status: 'CONFIRMED' },
      },
    });
  });

  test('whose rival was cancelled meanwhile is still a CONFLICT, saying the period is free again', async () => {
    const service = serviceWith({
      insertRequested: async () => {
        throw exclusionViolation();
      },
      overlapping: async () => null,
    });
    const error = await refusal(service.request(input, levima));
    expect(error.message).toContain('freed');
    expect(error).toMatchObject({
      extensions: { code: 'CONFLICT', facilityId: 'line' },
    });
  });

  test('other database errors are not dressed up as conflicts', async () => {
    const failure = new Error('connection lost');
    const service = serviceWith({
      insertRequested: async () => {
        throw failure;
      },
    });
    await expect(service.request(input, levima)).rejects.toBe(failure);
  });
});

describe('a request the project does not stand behind', () => {
  let inserts = 0;
  const insertRequested = async (): Promise<BookingEntity> => {
    inserts += 1;
    return {} as BookingEntity;
  };
  beforeEach(() => {
    inserts = 0;
  });

  test('is FORBIDDEN naming the lead enterprise, and nothing is written', async () => {
    const service = serviceWith({ insertRequested });
    const other: Caller = { ...levima, organization: { type: 'enterprise', id: 'other' } };
    const error = await refusal(service.request(input, other));
    expect(error).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(error.message).toContain('enterprise:levima');
    expect(inserts).toBe(0);
  });

  test('of an unknown project is NOT_FOUND on input.projectId', async () => {
    const service = serviceWith({ insertRequested }, async () => new Map());
    const error = await refusal(service.request(input, levima));
    expect(error).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'input.projectId' } });
    expect(inserts).toBe(0);
  });

  test('while the alliance does not answer is its failure, not a refusal', async () => {
    const unavailable = new Error('the alliance did not answer');
    const service = serviceWith({ insertRequested }, async () => {
      throw unavailable;
    });
    await expect(service.request(input, levima)).rejects.toBe(unavailable);
    expect(inserts).toBe(0);
  });
});
