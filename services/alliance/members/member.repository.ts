import type { DataSource, EntityManager } from 'typeorm';
import { type PageRequest, type SortKey, keysetPage } from '../../../shared/pagination';
import { GOVERNING_ROLES, MemberEntity, type MemberRole, type MemberStatus } from './member.entity';
import type { MemberFilter } from '../generated/graphql';
import { FIRST_ALLIANCE } from '../alliances/alliance.entity';
import type { OrganizationKind } from '../organizations';

/** Joining order, ties by id. */
const MEMBER_ORDER: SortKey[] = [
  { expr: 'm.joined_on', descending: false, cast: 'date' },
  { expr: 'm.id', descending: false },
];
/** Keyset of the register's order: [joinedOn, id]. */
export type MemberKey = [string, string];

export const memberKey = (m: MemberEntity): MemberKey => [m.joinedOn, m.id];

/** An organization's key as one string, for loaders: `institute:dicp`. */
export const organizationKey = (type: OrganizationKind, id: string): string => `${type}:${id}`;

export interface NewMember {
  id: string;
  allianceId: string;
  organizationType: OrganizationKind;
  organizationId: string;
  role: MemberRole;
  joinedOn: string;
}

export interface MemberChange {
  role?: MemberRole;
  status?: MemberStatus;
  leftOn?: string | null;
}

/** The member register. */
export class MemberRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<MemberEntity[]> {
    return this.db.createQueryBuilder(MemberEntity, 'm').where('m.id IN (:...ids)', { ids }).getMany();
  }

  /**
   * Memberships by organization key (`institute:dicp`), of every alliance in joining order,
   * one statement for all keys.
   */
  async byOrganizations(keys: readonly string[]): Promise<MemberEntity[]> {
    const pairs = keys.map((key) => {
      const at = key.indexOf(':');
      return [key.slice(0, at), key.slice(at + 1)];
    });
    return this.db
      .createQueryBuilder(MemberEntity, 'm')
      .where(
        '(m.organization_type, m.organization_id) IN (SELECT * FROM unnest(CAST(:types AS text[]), CAST(:ids AS text[])))',
        { types: pairs.map(([type]) => type), ids: pairs.map(([, id]) => id) },
      )
      .orderBy('m.joined_on')
      .addOrderBy('m.id')
      .getMany();
  }

  /** The chairman unit of each of these alliances that has one now, one statement for all. */
  async chairmenOf(allianceIds: readonly string[]): Promise<MemberEntity[]> {
    return this.db
      .createQueryBuilder(MemberEntity, 'm')
      .where('m.alliance_id IN (:...allianceIds)', { allianceIds })
      .andWhere(`m.role = 'CHAIRMAN_UNIT' AND m.status <> 'WITHDRAWN'`)
      .getMany();
  }

  async page(
    filter: MemberFilter,
    page: PageRequest<MemberKey>,
  ): Promise<{ rows: MemberEntity[]; total: number }> {
    const query = this.db
      .createQueryBuilder(MemberEntity, 'm')
      .where('m.alliance_id = :alliance', { alliance: filter.allianceId ?? FIRST_ALLIANCE });
    if (filter.role) query.andWhere('m.role = :role', { role: filter.role });
    if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
    if (typeof filter.governingUnit === 'boolean') {
      query.andWhere(`(m.role IN (:...governing)) = :governingUnit`, {
        governing: GOVERNING_ROLES,
        governingUnit: filter.governingUnit,
      });
    }
    return keysetPage(query, MEMBER_ORDER, page);
  }

  /** Admits a member; `recorded` writes the audit entry in the same transaction. */
  async create(
    member: NewMember,
    recorded: (tx: EntityManager, created: MemberEntity) => Promise<void>,
    within: EntityManager = this.db.manager,
  ): Promise<MemberEntity> {
    return within.transaction(async (tx: EntityManager) => {
      await tx.insert(MemberEntity, { ...member, status: 'ACTIVE', illustrative: false });
      const created = await tx.findOneByOrFail(MemberEntity, { id: member.id });
      await recorded(tx, created);
      return created;
    });
  }

  /**
   * Applies the change that `decide` makes of the member as it is now, under the member's
   * row lock, and has `recorded` write the audit entry. Returns null when the member does not exist.
   */
  async update(
    id: string,
    decide: (member: MemberEntity) => MemberChange,
    recorded: (tx: EntityManager, before: MemberEntity, after: MemberEntity) => Promise<void>,
  ): Promise<MemberEntity | null> {
    return this.db.transaction(async (tx: EntityManager) => {
      const member = await tx
        .createQueryBuilder(MemberEntity, 'm')
        .setLock('pessimistic_write')
        .where('m.id = :id', { id })
        .getOne();
      if (!member) return null;
      await tx.update(MemberEntity, { id }, { ...decide(member), updatedAt: () => 'now()' });
      const after = await tx.findOneByOrFail(MemberEntity, { id });
      await recorded(tx, member, after);
      return after;
    });
  }
}
