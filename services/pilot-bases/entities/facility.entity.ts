import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SharingTerms } from '../generated/graphql';

/** A bookable facility of a base (table `pilot_bases.facility`). */
@Entity('facility')
export class FacilityEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'base_id' })
  baseId: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: string;

  @Column('text', { array: true })
  capabilities: string[];

  @Column('numeric', { nullable: true })
  capacity: string | null;

  @Column('text', { name: 'capacity_unit', nullable: true })
  capacityUnit: string | null;

  @Column('text')
  sharing: SharingTerms;

  @Column('numeric', { name: 'daily_rate', precision: 18, scale: 2 })
  dailyRate: string;

  @Column('boolean')
  illustrative: boolean;
}
