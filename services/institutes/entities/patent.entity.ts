import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PatentStatus } from '../generated/graphql';

/** A patent of an achievement's patent family (table `institutes.patent`). */
@Entity('patent')
export class PatentEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'achievement_id' })
  achievementId: string;

  /** The office's publication or application number, e.g. `CN101239866A`. */
  @Column('text')
  number: string;

  /** Two-letter office code: CN, US, EP, WO (PCT), JP… */
  @Column('text')
  jurisdiction: string;

  @Column('text')
  title: string;

  @Column('text')
  status: PatentStatus;

  @Column('date', { name: 'filed_on' })
  filedOn: string;

  @Column('date', { name: 'granted_on', nullable: true })
  grantedOn: string | null;

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
