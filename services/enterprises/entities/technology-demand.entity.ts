import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DemandStatus } from '../generated/graphql';

/** Every status of the SDL's `DemandStatus`, for the checks that run before SQL. */
export const DEMAND_STATUSES = [
  'OPEN',
  'IN_DOCKING',
  'MATCHED',
  'CLOSED',
] as const satisfies readonly DemandStatus[];

/** What an enterprise needs from the innovation chain (table `enterprises.technology_demand`). */
@Entity('technology_demand')
export class TechnologyDemandEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'enterprise_id' })
  enterpriseId: string;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  /** The technical field, a canonical IPC code (`C08J 5/18` or a subclass `C08J`). */
  @Column('text', { name: 'ipc_code' })
  ipcCode: string;

  /** Lower-case keywords, compared with achievements' by matching. */
  @Column('text', { array: true })
  keywords: string[];

  /** The lowest technology readiness level the enterprise accepts, 1–9. */
  @Column('int', { name: 'min_trl' })
  minTrl: number;

  /** PostgreSQL numeric as text, e.g. `"30000000.00"`; null when no budget is named. */
  @Column('numeric', { name: 'budget_amount', precision: 18, scale: 2, nullable: true })
  budgetAmount: string | null;

  @Column('text', { name: 'budget_currency' })
  budgetCurrency: string;

  /** 'YYYY-MM-DD', or null when open-ended. */
  @Column('date', { nullable: true })
  deadline: string | null;

  @Column('text')
  status: DemandStatus;

  @Column('boolean')
  illustrative: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
