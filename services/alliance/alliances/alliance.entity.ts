import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AllianceKind, GoalMeasure } from '../generated/graphql';

export type { AllianceKind, GoalMeasure };

/**
 * The alliance the graph served alone before alliances were records (the alliances
 * migration made every earlier row its): the one a query or write that names no alliance
 * means, and the one `allianceMetrics` and `membership` speak of.
 */
export const FIRST_ALLIANCE = 'cas-advanced-materials';

/** An alliance or consortium whose register, projects and goals the graph holds (table `alliance.alliance`). */
@Entity('alliance')
export class AllianceEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_zh', nullable: true })
  nameZh: string | null;

  @Column('text')
  kind: AllianceKind;

  /** YYYY-MM-DD. */
  @Column('date', { name: 'founded_on' })
  foundedOn: string;

  @Column('text', { name: 'founded_in' })
  foundedIn: string;

  /** The id its secretariat's tokens name as their organization, `alliance:<secretariat>`. */
  @Column('text')
  secretariat: string;

  @Column('text')
  summary: string;

  @Column('boolean')
  illustrative: boolean;
}

/** One goal an alliance set itself (table `alliance.alliance_goal`). */
@Entity('alliance_goal')
export class AllianceGoalEntity {
  @PrimaryColumn('text', { name: 'alliance_id' })
  allianceId: string;

  @PrimaryColumn('smallint')
  position: number;

  @Column('text')
  label: string;

  /** How its actual is measured; null for a qualitative aim. */
  @Column('text', { nullable: true })
  measure: GoalMeasure | null;

  /** Numeric string; null for a qualitative aim. */
  @Column('numeric', { nullable: true })
  target: string | null;

  @Column('text', { nullable: true })
  unit: string | null;

  /** YYYY-MM-DD, when it has one. */
  @Column('date', { nullable: true })
  deadline: string | null;
}
