import type { DataSource } from 'typeorm';
import {
  MATCHING_WEIGHTS,
  matchRowOf,
  rankedMatchesSql,
  type MatchRow,
  type RawMatchRow,
} from '../../shared/matching-rules';

/** What matching needs of an achievement: the fields `@requires` brings from institutes. */
export interface AchievementProfile {
  id: string;
  title: string;
  summary: string;
  ipcCodes: string[];
  keywords: string[];
  trl: number;
}

/** One ranked demand an achievement could meet, with what the score rests on. */
export type DemandMatchRow = MatchRow;

/**
 * The demands of many achievements in ONE statement, scored by the same statement as
 * institutes' `candidateAchievements` (shared/matching-rules.ts): the achievements travel as
 * a JSON array and their text becomes a tsvector on the fly (institutes keeps the same
 * vector as a stored column); only demands still looking (OPEN, IN_DOCKING) are ranked.
 */
const ACHIEVEMENTS = `achievement AS (
    SELECT x.id, x.trl, x.keywords, x."ipcCodes" AS ipc_codes,
           to_tsvector('english', x.title) || to_tsvector('english', enterprises.words(x.keywords))
             || to_tsvector('english', x.summary) AS search
    FROM jsonb_to_recordset(CAST(:achievements AS jsonb))
      AS x(id text, title text, summary text, "ipcCodes" text[], keywords text[], trl int)
    LIMIT :achievementCount
  )`;

const MATCHING_DEMANDS = rankedMatchesSql({
  schema: 'enterprises',
  inputs: ACHIEVEMENTS,
  achievements: 'achievement',
  demands: 'enterprises.technology_demand',
  condition: `d.status IN ('OPEN', 'IN_DOCKING')`,
  rankedPer: 'achievement',
});

export class MatchingRepository {
  constructor(private readonly db: DataSource) {}

  /** The best `limit` open demands for each achievement, best first. */
  async matchingDemands(
    achievements: readonly AchievementProfile[],
    limit: number,
  ): Promise<DemandMatchRow[]> {
    const [statement, parameters] = this.db.driver.escapeQueryWithParameters(MATCHING_DEMANDS, {
      ...MATCHING_WEIGHTS,
      achievements: JSON.stringify(achievements),
      // Changes no row: the planner's row estimate (it guesses 100 for a set-returning
      // function), which keeps a small batch's cost under jit_above_cost, as in institutes.
      achievementCount: achievements.length,
      limit,
    });
    const rows = await this.db.query<RawMatchRow[]>(statement, parameters);
    return rows.map(matchRowOf);
  }
}
