import type { DataSource } from 'typeorm';
import type { Caller } from '../../shared/identity';
import { visibleAchievements } from './access';
import {
  MATCHING_WEIGHTS,
  candidateConditionsSql,
  demandPrefilterColumnsSql,
  matchRowOf,
  rankedMatchesSql,
  type MatchRow,
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
 * The candidates of many demands in ONE statement (shared/matching-rules.ts, the same as
 * enterprises' `matchingDemands`): the demands travel as a JSON array. The achievements the
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

export class MatchingRepository {
  /**
   * `prefilter: false` grades every visible achievement at or above the minimum TRL, as
   * before the indexes were used: the tests that prove the prefilter changes nothing use it.
   */
  constructor(
    private readonly db: DataSource,
    private readonly options: { prefilter: boolean } = { prefilter: true },
  ) {}

  /** The best `limit` candidates of each demand the caller may see, best first. */
  async candidates(
    demands: readonly DemandProfile[],
    limit: number,
    caller: Caller,
  ): Promise<CandidateRow[]> {
    const visible = visibleAchievements(caller, 'a');
    const sql = rankedMatchesSql({
      schema: 'institutes',
      inputs: DEMANDS,
      demands: 'demand',
      achievements: 'institutes.achievement',
      condition: visible.sql,
      rankedPer: 'demand',
      candidates: this.options.prefilter ? candidateConditionsSql('institutes') : undefined,
    });
    const [statement, parameters] = this.db.driver.escapeQueryWithParameters(sql, {
      ...visible.params,
      ...MATCHING_WEIGHTS,
      demands: JSON.stringify(demands),
      // Changes no row: it tells the planner how many demands there are. It would guess
      // 100 for any set-returning function, and its cost estimate for one demand of the
      // scale data then passed jit_above_cost: PostgreSQL spent 70 ms compiling the
      // statement to machine code for a 20 ms run.
      demandCount: demands.length,
      limit,
    });
    const rows = await this.db.query<RawMatchRow[]>(statement, parameters);
    return rows.map(matchRowOf);
  }
}
