import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FundEntity } from '../services/funds/entities/fund.entity';
import { FacilityEntity } from '../services/pilot-bases/entities/facility.entity';
import { PilotBaseEntity } from '../services/pilot-bases/entities/pilot-base.entity';
import type { Federation } from './federation';

/**
 * Builders for the industrial and capital chains (bases, facilities, bookings, funds),
 * written straight into the owning subgraph's database.
 */
export function database(federation: Federation, subgraph: string): DataSource {
  const running = federation.stack.subgraphs.get(subgraph);
  if (!running) throw new Error(`no subgraph ${subgraph}`);
  return running.dataSource;
}

let sequence = 0;
const next = (prefix: string): string => {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}`;
};

export async function givenBase(
  federation: Federation,
  overrides: Partial<PilotBaseEntity> = {},
): Promise<PilotBaseEntity> {
  const base: PilotBaseEntity = {
    id: next('base'),
    name: `Test base ${sequence}`,
    nameZh: null,
    city: 'Tengzhou',
    province: 'Shandong',
    operatorId: null,
    status: 'OPERATING',
    focusFields: [],
    description: '',
    illustrative: true,
    ...overrides,
  };
  await database(federation, 'pilot-bases').getRepository(PilotBaseEntity).insert(base);
  return base;
}

export async function givenFacility(
  federation: Federation,
  overrides: Partial<FacilityEntity> & { baseId: string },
): Promise<FacilityEntity> {
  const facility: FacilityEntity = {
    id: next('facility'),
    name: `Test facility ${sequence}`,
    kind: 'reactor',
    capabilities: ['fine chemicals'],
    capacity: null,
    capacityUnit: null,
    sharing: 'OPEN',
    dailyRate: '1000.00',
    illustrative: true,
    ...overrides,
  };
  await database(federation, 'pilot-bases').getRepository(FacilityEntity).insert(facility);
  return facility;
}

/**
 * A booking inserted as the base would hold it (status REQUESTED unless told), asked for by
 * `requestedBy`: Levima unless told, the lead of the demo projects and of `givenProject`'s, as
 * only a project's lead enterprise or the secretariat asks for its pilot runs.
 */
export async function givenBooking(
  federation: Federation,
  booking: {
    facilityId: string;
    projectId: string;
    start: string;
    end: string;
    status?: string;
    requestedBy?: string;
  },
): Promise<string> {
  const id = randomUUID();
  await database(federation, 'pilot-bases').query(
    `INSERT INTO pilot_bases.booking (id, facility_id, project_id, period, purpose, status, requested_by)
     VALUES ($1, $2, $3, daterange($4, $5, '[)'), 'test run', $6, $7)`,
    [
      id,
      booking.facilityId,
      booking.projectId,
      booking.start,
      booking.end,
      booking.status ?? 'REQUESTED',
      booking.requestedBy ?? 'enterprise:levima',
    ],
  );
  return id;
}

export async function givenFund(
  federation: Federation,
  overrides: Partial<Omit<FundEntity, 'committed'>> = {},
): Promise<Omit<FundEntity, 'committed'>> {
  const fund: Omit<FundEntity, 'committed'> = {
    id: next('fund'),
    name: `Test fund ${sequence}`,
    nameZh: null,
    manager: 'Test manager',
    registeredOn: '2020-01-01',
    status: 'INVESTING',
    size: '1000000.00',
    currency: 'CNY',
    focusAreas: ['advanced materials'],
    stages: ['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH'],
    illustrative: true,
    ...overrides,
  };
  await database(federation, 'funds').getRepository(FundEntity).insert(fund);
  return fund;
}

/** Rows of a table, counted straight in the owning subgraph's database. */
export async function rowCount(federation: Federation, subgraph: string, table: string): Promise<number> {
  // A count: always one row.
  const [row] = await database(federation, subgraph).query<[{ n: number }]>(
    `SELECT count(*)::int AS n FROM ${table}`,
  );
  return row.n;
}
