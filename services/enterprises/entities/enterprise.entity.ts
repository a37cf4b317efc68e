import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Ownership } from '../generated/graphql';

/** An enterprise (table `enterprises.enterprise`). */
@Entity('enterprise')
export class EnterpriseEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  /** The official Chinese name, when known. */
  @Column('text', { name: 'name_zh', nullable: true })
  nameZh: string | null;

  @Column('text')
  ownership: Ownership;

  @Column('text')
  sector: string;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('text', { nullable: true })
  province: string | null;

  @Column('boolean')
  listed: boolean;

  @Column('text', { array: true })
  capabilities: string[];

  @Column('boolean')
  illustrative: boolean;
}
