import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { type PageRequest, type SortKey, keysetPage } from '../../shared/pagination';
import { FacilityEntity } from './entities/facility.entity';
import { PilotBaseEntity } from './entities/pilot-base.entity';
import type { PilotBaseStatus } from './generated/graphql';
import type { Period } from './period';
import { rowsByIds } from '../../shared/selected-columns';

/**
 * The most bases `Query.pilotBases` returns: the alliance's members, registered by the
 * secretariat, far fewer in practice. Its `@listSize(assumedSize:)` says the same.
 */
export const MAX_BASES = 100;

/** By name, ties by id. */
const FACILITY_ORDER: SortKey[] = [
  { expr: 'f.name', descending: false },
  { expr: 'f.id', descending: false },
];

/** Keyset of the facility order: [name, id]. */
export type FacilityKey = [string, string];

export const facilityKey = (f: FacilityEntity): FacilityKey => [f.name, f.id];

/** What an availability search asks for. */
export interface AvailabilityFilter {
  /** A field or IPC code the facility must serve; absent means any. */
  field?: string | null;
  /** Only facilities of this base. */
  baseId?: string | null;
  /** The period that must be entirely free. */
  period: Period;
}

/** A facility with what a booking request needs to know about its base. */
export interface BookableFacility {
  facility: FacilityEntity;
  baseStatus: PilotBaseStatus;
}

/** An IPC symbol: section letter, class digits, and optionally subclass, group, subgroup. */
const IPC = /^[A-H]\d{2}([A-Z](\s*\d{1,4}(\/\d{1,6})?)?)?$/i;

/** Pilot bases and facilities: public profiles. */
export class PilotBaseRepository {
  constructor(private readonly db: DataSource) {}

  /** By id; with `columns`, only those properties are read and set. */
  async basesByIds(
    ids: readonly string[],
    columns: readonly (keyof PilotBaseEntity)[] | null = null,
  ): Promise<PilotBaseEntity[]> {
    return rowsByIds(this.db, PilotBaseEntity, ids, columns);
  }

  /** The bases by name: at most MAX_BASES. */
  async allBases(): Promise<PilotBaseEntity[]> {
    return this.db.getRepository(PilotBaseEntity).find({ order: { name: 'ASC' }, take: MAX_BASES });
  }

  async basesOperatedBy(enterpriseIds: readonly string[]): Promise<PilotBaseEntity[]> {
    return this.db
      .createQueryBuilder(PilotBaseEntity, 'b')
      .where('b.operator_id IN (:...enterpriseIds)', { enterpriseIds })
      .orderBy('b.name')
      .getMany();
  }

  /** By id; with `columns`, only those properties are read and set. */
  async facilitiesByIds(
    ids: readonly string[],
    columns: readonly (keyof FacilityEntity)[] | null = null,
  ): Promise<FacilityEntity[]> {
    return rowsByIds(this.db, FacilityEntity, ids, columns);
  }

  /** The first `limit` facilities of each base by name, in one statement for all of them. */
  async facilitiesOfBases(baseIds: readonly string[], limit: number): Promise<FacilityEntity[]> {
    const ranked = this.db
      .createQueryBuilder(FacilityEntity, 'v')
      .select('v.id', 'id')
      .addSelect('row_number() OVER (PARTITION BY v.base_id ORDER BY v.name, v.id)', 'rank')
      .where('v.base_id IN (:...baseIds)', { baseIds });
    return this.db
      .createQueryBuilder(FacilityEntity, 'f')
      .where(`f.id IN (SELECT r.id FROM (${ranked.getQuery()}) r WHERE r.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit })
      .orderBy('f.name')
      .addOrderBy('f.id')
      .getMany();
  }

  /** A facility and the status of its base, or null when there is no such facility. */
  async bookableFacility(facilityId: string): Promise<BookableFacility | null> {
    const { entities, raw } = await this.db
      .createQueryBuilder(FacilityEntity, 'f')
      .innerJoin(PilotBaseEntity, 'b', 'b.id = f.base_id')
      .addSelect('b.status', 'base_status')
      .where('f.id = :facilityId', { facilityId })
      .getRawAndEntities<{ base_status: PilotBaseStatus }>();
    const [facility] = entities;
    const [row] = raw;
    return facility && row ? { facility, baseStatus: row.base_status } : null;
  }

  /**
   * One page of the facilities that are free for the whole period, at operating bases,
   * serving the field, by name; plus how many match in all. Two statements.
   */
  async availablePage(
    filter: AvailabilityFilter,
    page: PageRequest<FacilityKey>,
  ): Promise<{ rows: FacilityEntity[]; total: number }> {
    const query = this.available(filter);
    return keysetPage(query, FACILITY_ORDER, page);
  }

  private available(filter: AvailabilityFilter): SelectQueryBuilder<FacilityEntity> {
    const query = this.db
      .createQueryBuilder(FacilityEntity, 'f')
      .innerJoin(PilotBaseEntity, 'b', 'b.id = f.base_id')
      .where(`b.status = 'OPERATING'`)
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM pilot_bases.booking k WHERE k.facility_id = f.id
           AND k.status <> 'CANCELLED' AND k.period && daterange(:start, :end, '[)'))`,
        { start: filter.period.start, end: filter.period.end },
      );
    if (filter.baseId) query.andWhere('f.base_id = :baseId', { baseId: filter.baseId });
    const field = filter.field?.trim();
    if (field) {
      // A capability matches when it names the field (ignoring case). IPC codes also match
      // along the hierarchy: a facility for C08F serves C08F 10/06, and a search for C08
      // finds it.
      const ipc = IPC.test(field);
      query.andWhere(
        `EXISTS (SELECT 1 FROM unnest(f.capabilities) c WHERE lower(c) = lower(:field)
           OR (:ipc AND c ~* '^[A-H][0-9]{2}' AND (upper(c) LIKE :fieldPrefix OR :fieldUpper LIKE upper(c) || '%')))`,
        {
          field,
          ipc,
          fieldUpper: field.toUpperCase(),
          fieldPrefix: `${field.toUpperCase().replace(/[%_\\]/g, '\\$&')}%`,
        },
      );
    }
    return query;
  }
}
