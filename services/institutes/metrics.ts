import type { DataSource } from 'typeorm';
import type { Resolvers } from './generated/graphql';

/**
 * The institutes' part of the alliance dashboard (`AllianceMetrics`, owned by the
 * alliance subgraph): the achievements on offer by technology readiness level.
 */

/**
 * Achievements per TRL 1–9, zeros included, without CONFIDENTIAL ones: one statement over
 * `achievement_tally` (at most 27 rows, kept by a trigger as achievements change), so its
 * cost does not grow with the achievements. The dashboard is public, and a count that
 * moved when a confidential achievement was registered, or changed its TRL, would tell
 * anyone that it exists and how ready it is (as the funds' capital totals leave out
 * confidential investments).
 */
export async function achievementsByTrl(db: DataSource): Promise<{ trl: number; achievements: number }[]> {
  return await db.query<{ trl: number; achievements: number }[]>(`
    SELECT levels.trl, coalesce(sum(t.row_count), 0)::int AS achievements
    FROM generate_series(1, 9) AS levels (trl)
    LEFT JOIN institutes.achievement_tally t ON t.trl = levels.trl AND t.visibility <> 'CONFIDENTIAL'
    GROUP BY levels.trl ORDER BY levels.trl`);
}

/** The institutes' dashboard figures for one request. */
export class InstitutesMetrics {
  constructor(private readonly db: DataSource) {}

  achievementsByTrl(): Promise<{ trl: number; achievements: number }[]> {
    return achievementsByTrl(this.db);
  }
}

export const metricsResolvers: Resolvers = {
  AllianceMetrics: {
    __resolveReference: (ref) => (ref.id === 'alliance' ? { id: ref.id } : null),
    achievementsByTrl: (_, __, ctx) => ctx.metrics.achievementsByTrl(),
  },
};
