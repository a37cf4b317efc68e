import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A researcher's contribution to an achievement (table `institutes.inventor`). The shares of
 * one achievement sum to exactly 100 (a deferred constraint trigger holds it at commit).
 */
@Entity('inventor')
export class InventorEntity {
  @PrimaryColumn('text', { name: 'achievement_id' })
  achievementId: string;

  @PrimaryColumn('text', { name: 'researcher_id' })
  researcherId: string;

  /** Percent with two decimals, as PostgreSQL's numeric text: `"33.34"`. */
  @Column('numeric', { precision: 5, scale: 2 })
  share: string;

  /** Order in which the inventors are listed, from 0. */
  @Column('int')
  position: number;
}
