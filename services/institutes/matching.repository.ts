import type { DataSource } from 'typeorm';
import type { Caller } from '../../shared/identity';
import { visibleAchievements } from './access';
import {
  BEST_SCORE_WALK,
  MATCHING_WEIGHTS,
  bestFirst,
  bestScoreMatchesSql,
  candidateConditionsSql,
  demandPrefilterColumnsSql,
  matchRowOf,
  rankedMatchesSql,
  type MatchRow,
  type MatchingSources,
  type RawMatchRow,
} from '../../shared/matching-rules';

/** What matching needs of a technology demand: the fields `@requires` brings from enterprises. */
export interface DemandProfile {
  id: string;
  ipcCode: string;
  keywords: string[];
  minTrl: number;
}

/** One ranked candidate achievement of one demand, with what the score rests on. */
export type CandidateRow = MatchRow;

/**
 * The demands of a batch, as the matching statements read them (shared/matching-rules.ts,
 * the same rules as enterprises' `matchingDemands`): they travel as a JSON array. The achievements the
 * caller may see at or above a demand's minimum TRL that share one of its keywords (found
 * through indexes) are scored against it; those that share only its IPC class are scored
 * too when the keyword matches do not fill its best `limit` above what a field alone scores.
 */
const DEMANDS = `demand AS (
    SELECT d.id, d."ipcCode" AS ipc_code, d.keywords, d."minTrl" AS min_trl,
      ${demandPrefilterColumnsSql('d."ipcCode"', 'd.keywords')}
    FROM jsonb_to_recordset(CAST(:demands AS jsonb))
      AS d(id text, "ipcCode" text, keywords text[], "minTrl" int)
    LIMIT :demandCount
  )`;

export interface MatchingOptions {
  /**
   * false grades every visible achievement at or above the minimum TRL, as before the
   * indexes were used: the tests that prove the prefilter and the walk change nothing use it.
   */
  prefilter: boolean;
  /** Achievements the best-score walk reads per demand (BEST_SCORE_WALK); 0 skips the walk. */
  bestScoreWalk?: number;
}

export class MatchingRepository {
  constructor(
    private readonly db: DataSource,
    private readonly options: MatchingOptions = { prefilter: true },
  ) {}

  /**
   * The best `limit` candidates of each demand the caller may see: the demands in the order
   * given, each one's best first. A demand whose first `limit` candidates in rank order all
   * score the most a pair can is answered by the best-score walk, after reading about as
   * many achievements as it takes to meet them; the others by grading their candidates
   * (`bestFirst`, shared/matching-rules.ts).
   */
  async candidates(
    demands: readonly DemandProfile[],
    limit: number,
    caller: Caller,
  ): Promise<CandidateRow[]> {
    const visible = visibleAchievements(caller, 'a');
    const sources: MatchingSources = {
      schema: 'institutes',
      inputs: DEMANDS,
      demands: 'demand',
      achievements: 'institutes.achievement',
      condition: visible.sql,
      rankedPer: 'demand',
      candidates: this.options.prefilter ? candidateConditionsSql('institutes') : undefined,
    };
    const walk = this.options.prefilter ? (this.options.bestScoreWalk ?? BEST_SCORE_WALK) : 0;
    const run = async (sql: string, batch: readonly DemandProfile[]) => {
      const [statement, parameters] = this.db.driver.escapeQueryWithParameters(sql, {
        ...visible.params,
        ...MATCHING_WEIGHTS,
        demands: JSON.stringify(batch),
        // Changes no row: it tells the planner how many demands there are. It would guess
        // 100 for any set-returning function, and its cost estimate for one demand of the
        // scale data then passed jit_above_cost: PostgreSQL spent 70 ms compiling the
        // statement to machine code for a 20 ms run.
        demandCount: batch.length,
        limit,
        bestScoreWalk: walk,
      });
      return (await this.db.query<RawMatchRow[]>(statement, parameters)).map(matchRowOf);
    };
    return bestFirst(
      demands,
      limit,
      (row) => row.demandId,
      walk > 0 ? (batch) => run(bestScoreMatchesSql(sources), batch) : null,
      (batch) => run(rankedMatchesSql(sources), batch),
    );
  }
}
