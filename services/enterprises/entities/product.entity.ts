import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A product an enterprise makes (table `enterprises.product`). The table also has
 * generated token columns (`tag_tokens`, `text_tokens`: shared/search.ts) that no entity
 * field maps.
 */
@Entity('product')
export class ProductEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'enterprise_id' })
  enterpriseId: string;

  @Column('text')
  name: string;

  /** The Chinese name, when known. */
  @Column('text', { name: 'name_zh', nullable: true })
  nameZh: string | null;

  @Column('text')
  description: string;

  @Column('boolean')
  illustrative: boolean;
}
