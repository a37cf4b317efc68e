import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProjectStage } from './project.entity';

/** One recorded stage change of a project (table `alliance.stage_change`). */
@Entity('stage_change')
export class StageChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  seq: number;

  @Column('text', { name: 'project_id' })
  projectId: string;

  @Column('text', { name: 'from_stage', nullable: true })
  from: ProjectStage | null;

  @Column('text', { name: 'to_stage' })
  to: ProjectStage;

  @Column('text', { name: 'changed_by' })
  by: string;

  @Column('timestamptz', { name: 'changed_at' })
  at: Date;

  @Column('text')
  reason: string;
}
