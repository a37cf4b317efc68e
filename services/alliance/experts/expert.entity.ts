import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganizationKind } from '../organizations';

/** A member of an alliance's technical expert committee (table `alliance.expert`). */
@Entity('expert')
export class ExpertEntity {
  @PrimaryColumn('text')
  id: string;

  /** The alliance whose committee the expert sits on: it reviews that alliance's projects only. */
  @Column('text', { name: 'alliance_id' })
  allianceId: string;

  /** The `sub` claim of the expert's token: how a caller is recognized as this expert. */
  @Column('text')
  subject: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  title: string | null;

  @Column('text', { array: true })
  fields: string[];

  @Column('text', { name: 'affiliation_type', nullable: true })
  affiliationType: OrganizationKind | null;

  @Column('text', { name: 'affiliation_id', nullable: true })
  affiliationId: string | null;

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
