import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DevelopmentStatus, Visibility } from '../generated/graphql';

/** Every value of the SDL's `DevelopmentStatus`, for the checks that run before SQL. */
export const DEVELOPMENT_STATUSES = [
  'LABORATORY',
  'PROOF_OF_CONCEPT',
  'PILOT',
  'DEMONSTRATION',
  'INDUSTRIALIZED',
] as const satisfies readonly DevelopmentStatus[];

export interface Award {
  name: string;
  grade: string | null;
  year: number;
}

/**
 * An achievement an institute offers for transformation (table `institutes.achievement`).
 * The table also has a generated `search` tsvector (title, keywords, summary) that no
 * entity field maps: only SQL reads it.
 */
@Entity('achievement')
export class AchievementEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'institute_id' })
  instituteId: string;

  @Column('text')
  title: string;

  /** The title in Chinese, when known. */
  @Column('text', { name: 'title_zh', nullable: true })
  titleZh: string | null;

  @Column('text')
  summary: string;

  @Column('text', { name: 'ipc_codes', array: true })
  ipcCodes: string[];

  @Column('text', { array: true })
  keywords: string[];

  @Column('int')
  trl: number;

  /** The day the current TRL was assessed ('YYYY-MM-DD'). */
  @Column('date', { name: 'trl_changed_on' })
  trlChangedOn: string;

  /** Why the TRL is what it is (the note of its last change). */
  @Column('text', { name: 'trl_note' })
  trlNote: string;

  @Column('text', { name: 'development_status' })
  developmentStatus: DevelopmentStatus;

  @Column('text')
  visibility: Visibility;

  @Column('jsonb')
  awards: Award[];

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
