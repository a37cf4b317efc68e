import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProjectStage, Recommendation } from '../generated/graphql';

export type { Recommendation };

export const RECOMMENDATIONS = ['ADVANCE', 'HOLD', 'REJECT'] as const satisfies readonly Recommendation[];

/** An expert's review of a project at one stage (table `alliance.expert_review`). */
@Entity('expert_review')
export class ExpertReviewEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'project_id' })
  projectId: string;

  @Column('text', { name: 'expert_id' })
  expertId: string;

  /** The project's stage when the review was written. */
  @Column('text')
  stage: ProjectStage;

  @Column('int', { name: 'technical_maturity' })
  technicalMaturity: number;

  @Column('int', { name: 'market_demand' })
  marketDemand: number;

  @Column('int', { name: 'strategic_fit' })
  strategicFit: number;

  @Column('int')
  team: number;

  @Column('text')
  recommendation: Recommendation;

  @Column('text')
  comments: string;

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;
}
