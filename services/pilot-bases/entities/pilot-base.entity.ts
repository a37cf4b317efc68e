import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PilotBaseStatus } from '../generated/graphql';

/** A pilot base (table `pilot_bases.pilot_base`). */
@Entity('pilot_base')
export class PilotBaseEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  /** The official Chinese name, when known. */
  @Column('text', { name: 'name_zh', nullable: true })
  nameZh: string | null;

  @Column('text')
  city: string;

  @Column('text')
  province: string;

  @Column('text', { name: 'operator_id', nullable: true })
  operatorId: string | null;

  @Column('text')
  status: PilotBaseStatus;

  @Column('text', { name: 'focus_fields', array: true })
  focusFields: string[];

  @Column('text')
  description: string;

  @Column('boolean')
  illustrative: boolean;
}
