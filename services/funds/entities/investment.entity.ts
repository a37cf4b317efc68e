import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  Instrument,
  InvestmentStage,
  InvestmentStatus,
  InvestmentVisibility,
  MandateDeviation,
} from '../generated/graphql';

/**
 * An investment of a fund in a project or an enterprise (table `funds.investment`).
 *
 * The properties after `illustrative` are optional here only because rows may be inserted
 * without them (the database fills its defaults: PUBLIC, no deviation, no dates); a row read
 * back always has them.
 */
@Entity('investment')
export class InvestmentEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'fund_id' })
  fundId: string;

  @Column('text', { name: 'project_id', nullable: true })
  projectId: string | null;

  @Column('text', { name: 'enterprise_id', nullable: true })
  enterpriseId: string | null;

  /**
   * The alliance of the project invested in, recorded when the investment is made (a
   * project never changes alliance); null for an investment in an enterprise.
   */
  @Column('text', { name: 'alliance_id', nullable: true })
  allianceId: string | null;

  @Column('text')
  stage: InvestmentStage;

  @Column('text')
  instrument: Instrument;

  @Column('numeric', { precision: 18, scale: 2 })
  amount: string;

  @Column('text')
  status: InvestmentStatus;

  @Column('date', { name: 'committed_on' })
  committedOn: string;

  @Column('boolean')
  illustrative: boolean;

  @Column('text')
  visibility?: InvestmentVisibility;

  /** The field the investment is in, as the committing fund stated it. */
  @Column('text', { name: 'focus_area', nullable: true })
  focusArea?: string | null;

  /** Where it falls outside the fund's mandate; empty when it does not. */
  @Column('text', { name: 'outside_mandate', array: true })
  outsideMandate?: MandateDeviation[];

  @Column('text', { name: 'override_reason', nullable: true })
  overrideReason?: string | null;

  /** Who committed it (the token's subject); null for the demo data. */
  @Column('text', { name: 'committed_by', nullable: true })
  committedBy?: string | null;

  @Column('date', { name: 'disbursed_on', nullable: true })
  disbursedOn?: string | null;

  /** When it was exited or written off. */
  @Column('date', { name: 'closed_on', nullable: true })
  closedOn?: string | null;
}
