import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberRole, MemberStatus } from '../generated/graphql';
import type { OrganizationKind } from '../organizations';

export type { MemberRole, MemberStatus };

export const MEMBER_ROLES = [
  'CHAIRMAN_UNIT',
  'GOVERNING_UNIT',
  'MEMBER',
  'SPECIALLY_INVITED',
  'PARTNER',
] as const satisfies readonly MemberRole[];

/** Roles that sit on the governing council: the chairman unit and the specially invited unit too. */
export const GOVERNING_ROLES: readonly MemberRole[] = [
  'CHAIRMAN_UNIT',
  'GOVERNING_UNIT',
  'SPECIALLY_INVITED',
];

export const MEMBER_STATUSES = [
  'ACTIVE',
  'SUSPENDED',
  'WITHDRAWN',
] as const satisfies readonly MemberStatus[];

/** A member unit of one alliance (table `alliance.member`); an organization may be one in several alliances. */
@Entity('member')
export class MemberEntity {
  @PrimaryColumn('text')
  id: string;

  /** The alliance whose register this entry is in. */
  @Column('text', { name: 'alliance_id' })
  allianceId: string;

  /** The organization's kind, null for a member registered by name only. */
  @Column('text', { name: 'organization_type', nullable: true })
  organizationType: OrganizationKind | null;

  @Column('text', { name: 'organization_id', nullable: true })
  organizationId: string | null;

  /** The name in the register, for a member whose organization has no record in the graph. */
  @Column('text', { name: 'registered_name', nullable: true })
  registeredName: string | null;

  @Column('text')
  role: MemberRole;

  @Column('text')
  status: MemberStatus;

  /** YYYY-MM-DD. */
  @Column('date', { name: 'joined_on' })
  joinedOn: string;

  /** YYYY-MM-DD, when WITHDRAWN. */
  @Column('date', { name: 'left_on', nullable: true })
  leftOn: string | null;

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
