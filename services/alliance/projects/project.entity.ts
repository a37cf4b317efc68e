import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { KeyProjectKind, ProjectStage } from '../generated/graphql';

export type { KeyProjectKind, ProjectStage };

/** Every stage of the SDL's `ProjectStage`, in lifecycle order. */
export const PROJECT_STAGES = [
  'DOCKING',
  'EVALUATION',
  'PROOF_OF_CONCEPT',
  'PILOT',
  'INDUSTRIALIZATION',
  'COMMERCIALIZED',
  'ON_HOLD',
  'TERMINATED',
] as const satisfies readonly ProjectStage[];

/** A project (table `alliance.project`). */
@Entity('project')
export class ProjectEntity {
  @PrimaryColumn('text')
  id: string;

  /** The alliance the project belongs to. */
  @Column('text', { name: 'alliance_id' })
  allianceId: string;

  @Column('text')
  code: string;

  @Column('text')
  title: string;

  @Column('text')
  summary: string;

  @Column('text')
  stage: ProjectStage;

  @Column('boolean', { name: 'key_project' })
  keyProject: boolean;

  /** A key project's kind, where its alliance sorts key projects by kind; null otherwise. */
  @Column('text', { name: 'key_project_kind', nullable: true })
  keyProjectKind: KeyProjectKind | null;

  @Column('text', { name: 'achievement_id' })
  achievementId: string;

  @Column('text', { name: 'lead_enterprise_id' })
  leadEnterpriseId: string;

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  /**
   * When the stage last changed (the docking, at first). The database keeps it: a trigger
   * on the stage history sets it in the transaction recording a change, whoever inserts.
   * Never written from here, so rows built in code leave it out.
   */
  @Column({ type: 'timestamptz', name: 'stage_changed_at', insert: false, update: false })
  stageChangedAt?: Date;
}
