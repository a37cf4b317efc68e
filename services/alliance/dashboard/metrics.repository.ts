import type { DataSource } from 'typeorm';
import { FIRST_ALLIANCE } from '../alliances/alliance.entity';
import type { ProjectStage } from '../projects/project.entity';

/**
 * The dashboard's own figures (`allianceMetrics`), each one aggregate statement: those of
 * the first alliance, the CAS Advanced Materials Alliance, whose dashboard it has been
 * since before alliances were records. Every alliance's goals are `Alliance.goals`.
 */
export interface ProjectStats {
  byStage: Map<ProjectStage, number>;
  total: number;
  keyProjects: number;
  /** Projects whose history reached at least each pipeline index (0 = DOCKING … 5 = COMMERCIALIZED). */
  reached: [number, number, number, number, number, number];
}

export interface MembershipStats {
  governingUnits: number;
  members: number;
  growth: { date: string; governingUnits: number }[];
}

/**
 * The unit, in CNY, the public reads `benefitsDistributed` in: one distribution moves the
 * figure by a multiple of it or not at all, so its amount is told to within ¥10 million.
 */
export const BENEFITS_PUBLIC_UNIT = '10000000';

/**
 * SQL: a sum of distributions (`sum`, a numeric expression; null counts as 0) as the caller
 * may read it, as text: exact when `exact` (an SQL condition) holds, else rounded down to a
 * whole BENEFITS_PUBLIC_UNIT. The one rounding of every benefits figure (the dashboard's,
 * each alliance's, each alliance's per year).
 */
export function benefitsAsSeenSql(sum: string, exact: string): string {
  const unit = `(CASE WHEN ${exact} THEN 0.01 ELSE ${BENEFITS_PUBLIC_UNIT} END)`;
  return `(trunc(coalesce(${sum}, 0) / ${unit}) * ${unit})::text`;
}

export class MetricsRepository {
  constructor(private readonly db: DataSource) {}

  /** `projectStatsOf` the first alliance: the dashboard's. */
  async projectStats(): Promise<ProjectStats> {
    const [stats] = await this.projectStatsOf([FIRST_ALLIANCE]);
    return stats!; // one alliance asked, one answered
  }

  /**
   * Per alliance, in the order asked: projects per stage, key projects, and how far each
   * project's history ever went along the pipeline (a project on hold or terminated after
   * PILOT still reached PILOT). One statement over the alliances' rows of `project_tally`,
   * which a trigger keeps as projects change: its cost grows with neither the projects nor
   * (beyond the rows it returns) the alliances; an alliance without projects has zeros.
   */
  async projectStatsOf(allianceIds: readonly string[]): Promise<ProjectStats[]> {
    const rows = await this.db.query<
      {
        by_stage: Record<string, number>;
        total: number;
        key_projects: number;
        reached: ProjectStats['reached'];
      }[]
    >(
      `
      WITH per_stage AS (
        SELECT alliance_id, stage, key_project, furthest_stage, row_count AS n
        FROM alliance.project_tally
        WHERE alliance_id = ANY($1) AND row_count > 0
      ), by_stage AS (
        SELECT alliance_id, json_object_agg(stage, n) AS by_stage
        FROM (SELECT alliance_id, stage, sum(n) AS n FROM per_stage GROUP BY alliance_id, stage) s
        GROUP BY alliance_id
      ), totals AS (
        SELECT alliance_id,
          sum(n)::int AS total,
          coalesce(sum(n) FILTER (WHERE key_project AND stage <> 'TERMINATED'), 0)::int AS key_projects,
          ARRAY[
            coalesce(sum(n) FILTER (WHERE furthest_stage >= 1), 0), coalesce(sum(n) FILTER (WHERE furthest_stage >= 2), 0),
            coalesce(sum(n) FILTER (WHERE furthest_stage >= 3), 0), coalesce(sum(n) FILTER (WHERE furthest_stage >= 4), 0),
            coalesce(sum(n) FILTER (WHERE furthest_stage >= 5), 0), coalesce(sum(n) FILTER (WHERE furthest_stage >= 6), 0)
          ]::int[] AS reached
        FROM per_stage GROUP BY alliance_id
      )
      SELECT coalesce(b.by_stage, '{}'::json) AS by_stage, coalesce(t.total, 0) AS total,
             coalesce(t.key_projects, 0) AS key_projects,
             coalesce(t.reached, ARRAY[0, 0, 0, 0, 0, 0]) AS reached
      FROM unnest($1::text[]) WITH ORDINALITY AS a (id, position)
      LEFT JOIN by_stage b ON b.alliance_id = a.id
      LEFT JOIN totals t ON t.alliance_id = a.id
      ORDER BY a.position`,
      [allianceIds],
    );
    return rows.map((row) => ({
      byStage: new Map(Object.entries(row.by_stage) as [ProjectStage, number][]),
      total: row.total,
      keyProjects: row.key_projects,
      reached: row.reached,
    }));
  }

  /**
   * The governing council now and how it grew: one point per date a governing unit joined
   * or left, with the running count. The counts sum `member_tally`; the growth reads only
   * the council's own memberships (`member_alliance_role_idx`), never the whole register.
   */
  async membershipStats(): Promise<MembershipStats> {
    const governing = `alliance_id = $1 AND role IN ('CHAIRMAN_UNIT', 'GOVERNING_UNIT', 'SPECIALLY_INVITED')`;
    // Scalar subqueries without FROM: always one row.
    const [row] = await this.db.query<
      [
        {
          governing_units: number;
          members: number;
          growth: { date: string; governingUnits: number }[];
        },
      ]
    >(
      `
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
        (SELECT coalesce(sum(row_count), 0) FROM alliance.member_tally
         WHERE ${governing} AND status <> 'WITHDRAWN')::int AS governing_units,
        (SELECT coalesce(sum(row_count), 0) FROM alliance.member_tally
         WHERE alliance_id = $1 AND status <> 'WITHDRAWN')::int AS members,
        coalesce((SELECT json_agg(json_build_object('date', date, 'governingUnits', count) ORDER BY date)
                  FROM running), '[]'::json) AS growth`,
      [FIRST_ALLIANCE],
    );
    return { governingUnits: row.governing_units, members: row.members, growth: row.growth };
  }

  /**
   * The sum of the CNY distributions executed under agreements, a numeric string: exact
   * when `exact`, else rounded down to a whole BENEFITS_PUBLIC_UNIT. Every distribution's
   * amount is its agreement's business (the secretariat's and the parties'), and an exact
   * public sum would tell anyone each new one by differencing; excluding them, as the
   * capital totals exclude CONFIDENTIAL investments, would leave nothing to publish.
   * One row of `benefit_tally`, which a trigger keeps as distributions are executed.
   */
  async benefitsDistributed(exact: boolean): Promise<string> {
    // An aggregate without GROUP BY: always one row.
    const [row] = await this.db.query<[{ total: string }]>(
      `SELECT ${benefitsAsSeenSql('sum(t.amount)', '$1::boolean')} AS total
       FROM alliance.benefit_tally t
       WHERE t.currency = 'CNY' AND t.alliance_id = $2`,
      [exact, FIRST_ALLIANCE],
    );
    return row.total;
  }
}
