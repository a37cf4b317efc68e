import type { DataSource } from 'typeorm';
import type { Resolvers } from './generated/graphql';

/**
 * The enterprises' part of the alliance dashboard (`AllianceMetrics`, owned by the
 * alliance subgraph): how many central state-owned enterprises take part, towards the
 * target of 100.
 */

/** Central SOEs among the enterprises: one aggregate statement. */
export async function centralSoeCount(db: DataSource): Promise<number> {
  // An aggregate without GROUP BY: always one row.
  const [row] = await db.query<[{ count: number }]>(
    `SELECT count(*)::int AS count FROM enterprises.enterprise WHERE ownership = 'CENTRAL_SOE'`,
  );
  return row.count;
}

/** The enterprises' dashboard figures for one request. */
export class EnterprisesMetrics {
  constructor(private readonly db: DataSource) {}

  centralSoeCount(): Promise<number> {
    return centralSoeCount(this.db);
  }
}

export const metricsResolvers: Resolvers = {
  AllianceMetrics: {
    __resolveReference: (ref) => (ref.id === 'alliance' ? { id: ref.id } : null),
    centralSoes: (_, __, ctx) => ctx.metrics.centralSoeCount(),
  },
};
