import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A research institute (table `institutes.institute`). */
@Entity('institute')
export class InstituteEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  /** The official Chinese name, when known. */
  @Column('text', { name: 'name_zh', nullable: true })
  nameZh: string | null;

  @Column('text', { name: 'short_name', nullable: true })
  shortName: string | null;

  @Column('text', { name: 'parent_organization', nullable: true })
  parentOrganization: string | null;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('text', { nullable: true })
  province: string | null;

  @Column('text', { array: true })
  fields: string[];

  @Column('text', { nullable: true })
  website: string | null;

  @Column('boolean')
  illustrative: boolean;
}
