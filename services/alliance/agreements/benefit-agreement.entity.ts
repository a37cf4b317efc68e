import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BenefitRole } from '../generated/graphql';
import type { PartyKind } from '../organizations';

export type { BenefitRole };

export const BENEFIT_ROLES = [
  'INVENTOR',
  'INSTITUTE',
  'INVESTOR',
  'OPERATOR',
] as const satisfies readonly BenefitRole[];

/** A project's benefit-sharing agreement; its terms live in versions (table `alliance.benefit_agreement`). */
@Entity('benefit_agreement')
export class BenefitAgreementEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'project_id' })
  projectId: string;

  /** The version in force; earlier versions are the amendment history. */
  @Column('int', { name: 'current_version' })
  currentVersion: number;

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

/** One version of an agreement's terms, never changed once recorded (table `alliance.agreement_version`). */
@Entity('agreement_version')
export class AgreementVersionEntity {
  @PrimaryColumn('text', { name: 'agreement_id' })
  agreementId: string;

  @PrimaryColumn('int')
  version: number;

  @Column('text', { name: 'ip_terms' })
  ipTerms: string;

  /** YYYY-MM-DD. */
  @Column('date', { name: 'signed_on' })
  signedOn: string;

  /** The common denominator of the parties' share parts (a numeric string). */
  @Column('numeric', { name: 'share_denominator', precision: 20, scale: 0 })
  shareDenominator: string;

  @Column('text')
  reason: string;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/** A party of one agreement version and its exact share (table `alliance.agreement_party`). */
@Entity('agreement_party')
export class AgreementPartyEntity {
  @PrimaryColumn('text', { name: 'agreement_id' })
  agreementId: string;

  @PrimaryColumn('int')
  version: number;

  /** Order of the party in the agreement; breaks ties when fen are distributed. */
  @PrimaryColumn('int')
  position: number;

  @Column('text', { name: 'party_type' })
  partyType: PartyKind;

  @Column('text', { name: 'party_id' })
  partyId: string;

  @Column('text')
  role: BenefitRole;

  /** Share as integer parts of the version's denominator (a numeric string). */
  @Column('numeric', { name: 'share_parts', precision: 20, scale: 0 })
  shareParts: string;
}
