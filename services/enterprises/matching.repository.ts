import type { DataSource } from 'typeorm';
import {
  BEST_SCORE_WALK,
  MATCHING_WEIGHTS,
  bestFirst,
  bestScoreMatchesSql,
  matchRowOf,
  rankedMatchesSql,
  type MatchRow,
  type MatchingSources,
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
 * The achievements of a batch, as the matching statements read them: they travel as a JSON
 * array and their text becomes a tsvector on the fly (institutes keeps the same vector as a
 * stored column). The statements are institutes' `candidateAchievements` ones, ranked per
 * achievement (shared/matching-rules.ts); only demands still looking (OPEN, IN_DOCKING)
 * count.
 */
const ACHIEVEMENTS = `achievement AS (
    SELECT x.id, x.trl, x.keywords, x."ipcCodes" AS ipc_codes,
           to_tsvector('english', x.title) || to_tsvector('english', enterprises.words(x.keywords))
             || to_tsvector('english', x.summary) AS search
    FROM jsonb_to_recordset(CAST(:achievements AS jsonb))
      AS x(id text, title text, summary text, "ipcCodes" text[], keywords text[], trl int)
    LIMIT :achievementCount
  )`;

const SOURCES: MatchingSources = {
  schema: 'enterprises',
  inputs: ACHIEVEMENTS,
  achievements: 'achievement',
  demands: 'enterprises.technology_demand',
  condition: `d.status IN ('OPEN', 'IN_DOCKING')`,
  rankedPer: 'achievement',
};
const BEST_SCORES = bestScoreMatchesSql(SOURCES);
const MATCHING_DEMANDS = rankedMatchesSql(SOURCES);

export class MatchingRepository {
  /** `bestScoreWalk`: demands the walk reads per achievement (BEST_SCORE_WALK); 0 ranks every achievement. */
  constructor(
    private readonly db: DataSource,
    private readonly options: { bestScoreWalk: number } = { bestScoreWalk: BEST_SCORE_WALK },
  ) {}

  /**
   * The best `limit` open demands for each achievement: the achievements in the order
   * given, each one's best first. An achievement whose first `limit` demands in rank order
   * all score the most a pair can is answered by walking the demands by id; the others by
   * grading every open demand within reach of their TRL (`bestFirst`).
   */
  async matchingDemands(
    achievements: readonly AchievementProfile[],
    limit: number,
  ): Promise<DemandMatchRow[]> {
    const run = async (sql: string, batch: readonly AchievementProfile[]) => {
      const [statement, parameters] = this.db.driver.escapeQueryWithParameters(sql, {
        ...MATCHING_WEIGHTS,
        achievements: JSON.stringify(batch),
        // Changes no row: the planner's row estimate (it guesses 100 for a set-returning
        // function), which keeps a small batch's cost under jit_above_cost, as in institutes.
        achievementCount: batch.length,
        limit,
        bestScoreWalk: this.options.bestScoreWalk,
      });
      return (await this.db.query<RawMatchRow[]>(statement, parameters)).map(matchRowOf);
    };
    return bestFirst(
      achievements,
      limit,
      (row) => row.achievementId,
      this.options.bestScoreWalk > 0 ? (batch) => run(BEST_SCORES, batch) : null,
      (batch) => run(MATCHING_DEMANDS, batch),
    );
  }
}
