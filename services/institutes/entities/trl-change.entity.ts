import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded change of an achievement's TRL (table `institutes.trl_change`). */
@Entity('trl_change')
export class TrlChangeEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  seq: number;

  @Column('text', { name: 'achievement_id' })
  achievementId: string;

  /** The level before; null when the achievement was registered. */
  @Column('int', { name: 'from_trl', nullable: true })
  from: number | null;

  @Column('int', { name: 'to_trl' })
  to: number;

  /** The day the new level was assessed ('YYYY-MM-DD'). */
  @Column('date', { name: 'changed_on' })
  changedOn: string;

  @Column('text')
  note: string;

  /** Who recorded it (the token's subject). */
  @Column('text', { name: 'changed_by' })
  by: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}
