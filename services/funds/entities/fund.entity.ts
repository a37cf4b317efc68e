import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FundStatus, InvestmentStage } from '../generated/graphql';

/** A fund (table `funds.fund`). Amounts are numeric, read as decimal strings. */
@Entity('fund')
export class FundEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  /** The official Chinese name, when known. */
  @Column('text', { name: 'name_zh', nullable: true })
  nameZh: string | null;

  @Column('text')
  manager: string;

  @Column('date', { name: 'registered_on', nullable: true })
  registeredOn: string | null;

  @Column('text')
  status: FundStatus;

  @Column('numeric', { precision: 18, scale: 2 })
  size: string;

  /**
   * The sum of the investments that bind money (COMMITTED or DISBURSED), kept exact by a
   * trigger on `investment` and never above `size` (CHECK). Never written by the application.
   */
  @Column({ type: 'numeric', precision: 18, scale: 2, insert: false, update: false })
  committed: string;

  @Column('text')
  currency: string;

  @Column('text', { name: 'focus_areas', array: true })
  focusAreas: string[];

  @Column('text', { array: true })
  stages: InvestmentStage[];

  @Column('boolean')
  illustrative: boolean;
}
