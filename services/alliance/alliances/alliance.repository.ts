import type { DataSource } from 'typeorm';
import { GOVERNING_ROLES } from '../members/member.entity';
import { AllianceEntity, AllianceGoalEntity } from './alliance.entity';

/** What an alliance's measured goals count, from its own projects and register. */
export interface AllianceFigures {
  allianceId: string;
  dockedProjects: number;
  pilotProjects: number;
  industrializedProjects: number;
  keyProjects: number;
  governingUnits: number;
  members: number;
}

/** The alliances, their goals and the figures the goals are measured by. */
export class AllianceRepository {
  constructor(private readonly db: DataSource) {}

  /** Every alliance, by founding date: there are tens, not thousands. */
  async all(): Promise<AllianceEntity[]> {
    return this.db
      .createQueryBuilder(AllianceEntity, 'a')
      .orderBy('a.founded_on', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  async findByIds(ids: readonly string[]): Promise<AllianceEntity[]> {
    return this.db.createQueryBuilder(AllianceEntity, 'a').where('a.id IN (:...ids)', { ids }).getMany();
  }

  /** The goals of these alliances in the order each set them, one statement for all. */
  async goalsOf(allianceIds: readonly string[]): Promise<AllianceGoalEntity[]> {
    return this.db
      .createQueryBuilder(AllianceGoalEntity, 'g')
      .where('g.alliance_id IN (:...allianceIds)', { allianceIds })
      .orderBy('g.alliance_id')
      .addOrderBy('g.position')
      .getMany();
  }

  /**
   * The figures of these alliances: one statement, whatever their number, summing each
   * alliance's rows of `project_tally` (kept by a trigger as projects change; its
   * `furthest_stage` tells how far they went: 4 = PILOT, 5 = INDUSTRIALIZATION) and
   * grouping the register.
   */
  async figuresOf(allianceIds: readonly string[]): Promise<AllianceFigures[]> {
    const rows = await this.db.query<
      {
        id: string;
        docked: number;
        pilot: number;
        industrialized: number;
        key_projects: number;
        governing_units: number;
        members: number;
      }[]
    >(
      `WITH projects AS (
         SELECT alliance_id, sum(row_count)::int AS docked,
                coalesce(sum(row_count) FILTER (WHERE furthest_stage >= 4), 0)::int AS pilot,
                coalesce(sum(row_count) FILTER (WHERE furthest_stage >= 5), 0)::int AS industrialized,
                coalesce(sum(row_count) FILTER (WHERE key_project AND stage <> 'TERMINATED'), 0)::int AS key_projects
         FROM alliance.project_tally WHERE alliance_id = ANY($1) GROUP BY alliance_id
       ), register AS (
         SELECT alliance_id,
                count(*) FILTER (WHERE role = ANY($2) AND status <> 'WITHDRAWN')::int AS governing_units,
                count(*) FILTER (WHERE role <> 'PARTNER' AND status <> 'WITHDRAWN')::int AS members
         FROM alliance.member WHERE alliance_id = ANY($1) GROUP BY alliance_id
       )
       SELECT a.id, coalesce(p.docked, 0) AS docked, coalesce(p.pilot, 0) AS pilot,
              coalesce(p.industrialized, 0) AS industrialized, coalesce(p.key_projects, 0) AS key_projects,
              coalesce(r.governing_units, 0) AS governing_units, coalesce(r.members, 0) AS members
       FROM unnest($1::text[]) AS a (id)
       LEFT JOIN projects p ON p.alliance_id = a.id
       LEFT JOIN register r ON r.alliance_id = a.id`,
      [allianceIds, GOVERNING_ROLES],
    );
    return rows.map((row) => ({
      allianceId: row.id,
      dockedProjects: row.docked,
      pilotProjects: row.pilot,
      industrializedProjects: row.industrialized,
      keyProjects: row.key_projects,
      governingUnits: row.governing_units,
      members: row.members,
    }));
  }
}
