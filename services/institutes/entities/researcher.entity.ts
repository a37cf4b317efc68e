import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A researcher of an institute, who may be an inventor of achievements (table `institutes.researcher`). */
@Entity('researcher')
export class ResearcherEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'institute_id' })
  instituteId: string;

  @Column('text')
  name: string;

  /** Professional title, e.g. Research Professor. */
  @Column('text', { nullable: true })
  title: string | null;

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
