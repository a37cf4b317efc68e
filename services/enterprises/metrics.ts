import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DataSource } from 'typeorm';
import type { EnterprisesContext } from './context';

/**
 * The enterprises' part of the alliance dashboard (`AllianceMetrics`, owned by the
 * alliance subgraph): how many central state-owned enterprises take part, towards the
 * target of 100.
 */

/** Central SOEs among the enterprises: one aggregate statement. */
export async function centralSoeCount(db: DataSource): Promise<number> {
  const [row] = await db.query<{ count: number }[]>(
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

export const metricsResolvers: GraphQLResolverMap<EnterprisesContext> = {
  AllianceMetrics: {
    __resolveReference: (ref: { id: string }) => (ref.id === 'alliance' ? { id: ref.id } : null),
    centralSoes: (_: unknown, __: unknown, ctx: EnterprisesContext) => ctx.metrics.centralSoeCount(),
  },
};
