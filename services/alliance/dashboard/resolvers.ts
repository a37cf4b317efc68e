import { Decimal, money } from '../../../shared/money';
import { goalsOf } from '../alliances/resolvers';
import type { Resolvers } from '../generated/graphql';
import { FIRST_ALLIANCE } from '../alliances/alliance.entity';
import { funnelOf, stageCounts } from './figures';

/** The one dashboard object. */
const METRICS_ID = 'alliance';

/** The targets of the "10 / 100 / 1,000 / one trillion yuan" plan. */
const TARGETS = {
  KEY_PROJECTS: '10',
  CENTRAL_SOES: '100',
  TRANSFORMATION_PROJECTS: '1000',
  TRANSACTION_VOLUME: '1000000000000.00',
} as const;

/** The representation the gateway sends to resolve `targets`: the key plus the required fields. */
export interface MetricsRepresentation {
  id: string;
  centralSoes?: number | null;
  capitalCommitted?: { amount: string; currency: string } | null;
}

/** The alliance's dashboard: its projects, members and benefits, and its progress on the targets. */
export const dashboardResolvers: Resolvers = {
  Query: {
    allianceMetrics: () => ({ id: METRICS_ID }),
  },
  AllianceMetrics: {
    __resolveReference: (ref) => (ref.id === METRICS_ID ? ref : null),
    projectsByStage: async (_, __, ctx) => stageCounts(await ctx.metrics.projects()),
    funnel: async (_, __, ctx) => funnelOf(await ctx.metrics.projects()),
    transformationProjects: async (_, __, ctx) => (await ctx.metrics.projects()).total,
    keyProjects: async (_, __, ctx) => (await ctx.metrics.projects()).keyProjects,
    governingUnits: async (_, __, ctx) => (await ctx.metrics.membership()).governingUnits,
    governingUnitGrowth: async (_, __, ctx) => (await ctx.metrics.membership()).growth,
    members: async (_, __, ctx) => (await ctx.metrics.membership()).members,
    benefitsDistributed: async (_, __, ctx) => money(await ctx.metrics.benefitsDistributed()),
    // The CAS alliance's capital is not among the dashboard's fields (its `capitalCommitted`
    // is the whole graph's): a transaction-volume goal would read null here, and the CAS
    // alliance sets none.
    goals: (_, __, ctx) => goalsOf(FIRST_ALLIANCE, ctx, null),
    targets: async (metrics, _, ctx) => {
      const [projects, distributed] = await Promise.all([
        ctx.metrics.projects(),
        ctx.metrics.benefitsDistributed(),
      ]);
      // A figure another subgraph did not answer stays unknown rather than counting as zero.
      const committed = metrics.capitalCommitted?.amount;
      const volume = committed == null ? null : new Decimal(committed).plus(distributed);
      const centralSoes = metrics.centralSoes == null ? null : new Decimal(metrics.centralSoes);
      const progress = (
        target: keyof typeof TARGETS,
        actual: Decimal | null,
        unit: string,
        decimals = 0,
      ) => ({
        target,
        goal: TARGETS[target],
        actual: actual?.toFixed(decimals) ?? null,
        unit,
        percent: actual?.div(TARGETS[target]).times(100).toFixed(2) ?? null,
      });
      return [
        progress('KEY_PROJECTS', new Decimal(projects.keyProjects), 'projects'),
        progress('CENTRAL_SOES', centralSoes, 'enterprises'),
        progress('TRANSFORMATION_PROJECTS', new Decimal(projects.total), 'projects'),
        progress('TRANSACTION_VOLUME', volume, 'CNY', 2),
      ];
    },
  },
};
