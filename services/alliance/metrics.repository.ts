import type { DataSource } from 'typeorm';
import type { ProjectStage } from './entities/project.entity';

/** The alliance's own figures for the dashboard, each one aggregate statement. */
export interface ProjectStats {
  byStage: Map<ProjectStage, number>;
  total: number;
  keyProjects: number;
  /** Projects whose history reached at least each pipeline index (0 = DOCKING … 5 = COMMERCIALIZED). */
  reached: number[];
}

export interface MembershipStats {
  governingUnits: number;
  members: number;
  growth: { date: string; governingUnits: number }[];
}

export class MetricsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Projects per stage, key projects, and how far each project's history ever went along
   * the pipeline (a project on hold or terminated after PILOT still reached PILOT).
   */
  async projectStats(): Promise<ProjectStats> {
    const [row] = await this.db.query<
      {
        by_stage: Record<string, number>;
        total: number;
        key_projects: number;
        reached: number[];
      }[]
    >(`
      WITH furthest AS (
        SELECT p.id, p.stage, p.key_project,
               coalesce(max(array_position(
                 ARRAY['DOCKING', 'EVALUATION', 'PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'COMMERCIALIZED'],
                 s.to_stage)), 1) AS reached
        FROM alliance.project p
        LEFT JOIN alliance.stage_change s ON s.project_id = p.id
        GROUP BY p.id
      )
      SELECT
        coalesce((SELECT json_object_agg(stage, n) FROM
                   (SELECT stage, count(*) AS n FROM furthest GROUP BY stage) per_stage), '{}'::json) AS by_stage,
        count(*)::int AS total,
        (count(*) FILTER (WHERE key_project AND stage <> 'TERMINATED'))::int AS key_projects,
        ARRAY[
          count(*) FILTER (WHERE reached >= 1), count(*) FILTER (WHERE reached >= 2),
          count(*) FILTER (WHERE reached >= 3), count(*) FILTER (WHERE reached >= 4),
          count(*) FILTER (WHERE reached >= 5), count(*) FILTER (WHERE reached >= 6)
        ]::int[] AS reached
      FROM furthest`);
    return {
      byStage: new Map(Object.entries(row.by_stage) as [ProjectStage, number][]),
      total: row.total,
      keyProjects: row.key_projects,
      reached: row.reached,
    };
  }

  /**
   * The governing council now and how it grew: one point per date a governing unit joined
   * or left, with the running count.
   */
  async membershipStats(): Promise<MembershipStats> {
    const governing = `role IN ('CHAIRMAN_UNIT', 'GOVERNING_UNIT', 'SPECIALLY_INVITED')`;
    const [row] = await this.db.query<
      {
        governing_units: number;
        members: number;
        growth: { date: string; governingUnits: number }[];
      }[]
    >(`
      WITH changes AS (
        SELECT joined_on AS date, 1 AS delta FROM alliance.member WHERE ${governing}
        UNION ALL
        SELECT left_on, -1 FROM alliance.member WHERE ${governing} AND left_on IS NOT NULL
      ), daily AS (
        SELECT date, sum(delta) AS delta FROM changes GROUP BY date
      ), running AS (
        SELECT to_char(date, 'YYYY-MM-DD') AS date, sum(delta) OVER (ORDER BY date)::int AS count FROM daily
      )
      SELECT
        (SELECT count(*) FROM alliance.member WHERE ${governing} AND status <> 'WITHDRAWN')::int AS governing_units,
        (SELECT count(*) FROM alliance.member WHERE status <> 'WITHDRAWN')::int AS members,
        coalesce((SELECT json_agg(json_build_object('date', date, 'governingUnits', count) ORDER BY date)
                  FROM running), '[]'::json) AS growth`);
    return { governingUnits: row.governing_units, members: row.members, growth: row.growth };
  }

  /** The sum of the CNY distributions executed under agreements, a numeric string. */
  async benefitsDistributed(): Promise<string> {
    const [row] = await this.db.query<{ total: string }[]>(
      `SELECT coalesce(sum(amount), 0)::text AS total FROM alliance.distribution WHERE currency = 'CNY'`,
    );
    return row.total;
  }
}
