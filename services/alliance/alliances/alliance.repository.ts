import type { DataSource } from 'typeorm';
import { chinaYearSql } from '../../../shared/dates';
import { benefitsAsSeenSql } from '../dashboard/metrics.repository';
import { GOVERNING_ROLES } from '../members/member.entity';
import type { ProjectStage } from '../projects/project.entity';
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

/** One year of an alliance's results (`AllianceYear`), as its resolvers get it. */
export interface AllianceYearFigures {
  allianceId: string;
  year: number;
  projectsDocked: number;
  projectsReachingPilot: number;
  projectsIndustrialized: number;
  /** A decimal string, CNY, as the caller may read it. */
  benefitsDistributed: string;
}

/** The pipeline stages at PILOT or beyond, and at INDUSTRIALIZATION or beyond (not ON_HOLD, TERMINATED). */
const PILOT_OR_BEYOND: ProjectStage[] = ['PILOT', 'INDUSTRIALIZATION', 'COMMERCIALIZED'];
const INDUSTRIALIZATION_OR_BEYOND: ProjectStage[] = ['INDUSTRIALIZATION', 'COMMERCIALIZED'];

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
   * summing its rows of `member_tally` (the register's memberships per role and status).
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
                coalesce(sum(row_count) FILTER (WHERE role = ANY($2) AND status <> 'WITHDRAWN'), 0)::int AS governing_units,
                coalesce(sum(row_count) FILTER (WHERE role <> 'PARTNER' AND status <> 'WITHDRAWN'), 0)::int AS members
         FROM alliance.member_tally WHERE alliance_id = ANY($1) GROUP BY alliance_id
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

  /**
   * The CNY distributed under the agreements of each alliance's projects, a decimal string
   * in the order asked: exact for the alliance whose secretariat the caller speaks for
   * (`secretariat`), rounded down to a whole BENEFITS_PUBLIC_UNIT for every other. One
   * statement over `benefit_tally` for all the alliances asked.
   */
  async benefitsOf(allianceIds: readonly string[], secretariat: string | null): Promise<string[]> {
    const rows = await this.db.query<{ benefits: string }[]>(
      `WITH benefits AS (
         SELECT t.alliance_id, sum(t.amount) AS amount
         FROM alliance.benefit_tally t
         WHERE t.currency = 'CNY' AND t.alliance_id = ANY($1)
         GROUP BY t.alliance_id
       )
       SELECT ${benefitsAsSeenSql('b.amount', 'al.secretariat = $2')} AS benefits
       FROM unnest($1::text[]) WITH ORDINALITY AS a (id, position)
       LEFT JOIN alliance.alliance al ON al.id = a.id
       LEFT JOIN benefits b ON b.alliance_id = a.id
       ORDER BY a.position`,
      [allianceIds, secretariat],
    );
    return rows.map((row) => row.benefits);
  }

  /**
   * The results of these alliances in these years (`keys`, pairs of an alliance and a
   * year), in the order asked: one statement for every alliance and year of a request.
   * Years are China's. A project is docked in the year it was created, and reaches pilot
   * (industrialization) in the year of the first change in its history to PILOT or beyond
   * (INDUSTRIALIZATION or beyond). Benefits are the CNY distributions executed that year
   * under its projects' agreements, exact for the alliance whose secretariat the caller
   * speaks for (`secretariat`), rounded down for every other. An unknown alliance is left out.
   */
  async resultsOf(
    keys: readonly { allianceId: string; year: number }[],
    secretariat: string | null,
  ): Promise<AllianceYearFigures[]> {
    const rows = await this.db.query<
      {
        alliance_id: string;
        year: number;
        docked: number;
        pilot: number;
        industrialized: number;
        benefits: string;
      }[]
    >(
      `WITH asked AS (
         SELECT k.alliance_id, k.year, k.position, a.secretariat
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS k (alliance_id, year, position)
         JOIN alliance.alliance a ON a.id = k.alliance_id
       ), projects AS (
         SELECT p.id, p.alliance_id, p.created_at
         FROM alliance.project p WHERE p.alliance_id IN (SELECT alliance_id FROM asked)
       ), docked AS (
         SELECT alliance_id, ${chinaYearSql('created_at')} AS year, count(*)::int AS n
         FROM projects GROUP BY 1, 2
       ), firsts AS (
         SELECT p.alliance_id,
                ${chinaYearSql('min(s.changed_at)')} AS pilot_year,
                ${chinaYearSql('min(s.changed_at) FILTER (WHERE s.to_stage = ANY($5))')} AS industrialized_year
         FROM alliance.stage_change s JOIN projects p ON p.id = s.project_id
         WHERE s.to_stage = ANY($4)
         GROUP BY p.id, p.alliance_id
       ), pilot AS (
         SELECT alliance_id, pilot_year AS year, count(*)::int AS n FROM firsts GROUP BY 1, 2
       ), industrialized AS (
         SELECT alliance_id, industrialized_year AS year, count(*)::int AS n
         FROM firsts WHERE industrialized_year IS NOT NULL GROUP BY 1, 2
       ), benefits AS (
         SELECT d.alliance_id, ${chinaYearSql('d.executed_at')} AS year, sum(d.amount) AS amount
         FROM alliance.distribution d
         WHERE d.currency = 'CNY' AND d.alliance_id IN (SELECT alliance_id FROM asked)
         GROUP BY 1, 2
       )
       SELECT k.alliance_id, k.year, coalesce(dk.n, 0) AS docked, coalesce(pi.n, 0) AS pilot,
              coalesce(ind.n, 0) AS industrialized,
              ${benefitsAsSeenSql('b.amount', 'k.secretariat = $3')} AS benefits
       FROM asked k
       LEFT JOIN docked dk ON dk.alliance_id = k.alliance_id AND dk.year = k.year
       LEFT JOIN pilot pi ON pi.alliance_id = k.alliance_id AND pi.year = k.year
       LEFT JOIN industrialized ind ON ind.alliance_id = k.alliance_id AND ind.year = k.year
       LEFT JOIN benefits b ON b.alliance_id = k.alliance_id AND b.year = k.year
       ORDER BY k.position`,
      [
        keys.map((k) => k.allianceId),
        keys.map((k) => k.year),
        secretariat,
        PILOT_OR_BEYOND,
        INDUSTRIALIZATION_OR_BEYOND,
      ],
    );
    return rows.map((row) => ({
      allianceId: row.alliance_id,
      year: row.year,
      projectsDocked: row.docked,
      projectsReachingPilot: row.pilot,
      projectsIndustrialized: row.industrialized,
      benefitsDistributed: row.benefits,
    }));
  }
}
