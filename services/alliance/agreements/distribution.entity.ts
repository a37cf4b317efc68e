import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An executed distribution of an amount under an agreement version (table `alliance.distribution`). */
@Entity('distribution')
export class DistributionEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'agreement_id' })
  agreementId: string;

  @Column('int')
  version: number;

  /** numeric(18, 2) as a string. */
  @Column('numeric', { precision: 18, scale: 2 })
  amount: string;

  @Column('text')
  currency: string;

  @Column('text')
  note: string;

  @Column('text', { name: 'executed_by' })
  executedBy: string;

  @Column('timestamptz', { name: 'executed_at' })
  executedAt: Date;
}

/** One party's payout of a distribution (table `alliance.payout`). */
@Entity('payout')
export class PayoutEntity {
  @PrimaryColumn('text', { name: 'distribution_id' })
  distributionId: string;

  @PrimaryColumn('int')
  position: number;

  @Column('text', { name: 'agreement_id' })
  agreementId: string;

  @Column('int')
  version: number;

  /** numeric(18, 2) as a string. */
  @Column('numeric', { precision: 18, scale: 2 })
  amount: string;
}
