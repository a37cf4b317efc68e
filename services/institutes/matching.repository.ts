import type { DataSource } from 'typeorm';
import type { Caller } from '../../shared/identity';
import { visibleAchievements } from './access';
import {
  MATCHING_WEIGHTS,
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

/** How many achievements the best-score walk reads per demand before it leaves the demand to ranking. */
export const BEST_SCORE_WALK = 1000;

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
   * given, each one's best first.
   *
   * First the best-score walk (`bestScoreMatchesSql`): a demand whose first `limit`
   * candidates in rank order all score the most a pair can is answered by it, after reading
   * about as many achievements as it takes to meet them. The demands it leaves open are
   * ranked by grading their candidates (`rankedMatchesSql`), in a second statement: a batch
   * costs one or two statements, whatever its size.
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
    if (walk === 0) return inDemandOrder(demands, await run(rankedMatchesSql(sources), demands));

    const best = byDemand(await run(bestScoreMatchesSql(sources), demands));
    const answered = (demand: DemandProfile) => (best.get(demand.id)?.length ?? 0) >= limit;
    const open = demands.filter((demand) => !answered(demand));
    const ranked =
      open.length > 0
        ? byDemand(await run(rankedMatchesSql(sources), open))
        : new Map<string, CandidateRow[]>();
    return demands.flatMap((demand) => (answered(demand) ? best : ranked).get(demand.id) ?? []);
  }
}

function byDemand(rows: CandidateRow[]): Map<string, CandidateRow[]> {
  const grouped = new Map<string, CandidateRow[]>();
  for (const row of rows) {
    const list = grouped.get(row.demandId);
    if (list) list.push(row);
    else grouped.set(row.demandId, [row]);
  }
  return grouped;
}

function inDemandOrder(demands: readonly DemandProfile[], rows: CandidateRow[]): CandidateRow[] {
  const grouped = byDemand(rows);
  return demands.flatMap((demand) => grouped.get(demand.id) ?? []);
}
