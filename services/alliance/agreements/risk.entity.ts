import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContributionKind } from '../generated/graphql';
import type { PartyKind } from '../organizations';
import type { ProjectStage } from '../projects/project.entity';

export type { ContributionKind };

/** The costs and losses of one stage an agreement's parties bear together (table `alliance.risk_pool`). */
@Entity('risk_pool')
export class RiskPoolEntity {
  @PrimaryColumn('text', { name: 'agreement_id' })
  agreementId: string;

  @PrimaryColumn('text')
  stage: ProjectStage;

  /** The most the parties bear together, a decimal string with two places. */
  @Column('numeric', { precision: 18, scale: 2 })
  budget: string;

  /** The sum of the contributions so far, kept by the database beside the budget. */
  @Column('numeric', { precision: 18, scale: 2 })
  committed: string;

  @Column('text')
  currency: string;

  @Column('text', { name: 'opened_by' })
  openedBy: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('boolean')
  illustrative: boolean;
}

/** What one party commits to bear of a stage, in money or in kind (table `alliance.risk_contribution`). */
@Entity('risk_contribution')
export class RiskContributionEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'agreement_id' })
  agreementId: string;

  @Column('text')
  stage: ProjectStage;

  @Column('text', { name: 'party_type' })
  partyType: PartyKind;

  @Column('text', { name: 'party_id' })
  partyId: string;

  @Column('text')
  kind: ContributionKind;

  @Column('numeric', { precision: 18, scale: 2 })
  amount: string;

  @Column('text')
  description: string;

  @Column('text', { name: 'committed_by' })
  committedBy: string;

  @Column('timestamptz', { name: 'committed_at' })
  committedAt: Date;

  @Column('boolean')
  illustrative: boolean;
}
