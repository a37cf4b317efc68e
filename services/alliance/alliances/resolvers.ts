import { funnelOf, stageCounts } from '../dashboard/figures';
import type { Money, Resolvers } from '../generated/graphql';
import { organizationKey } from '../members/member.repository';
import type { OrganizationKind } from '../organizations';
import type { AllianceContext } from '../context';
import type { EntityReference } from '../../../shared/subgraph-server';
import { referenced } from '../../../shared/loaders';
import { Decimal, money } from '../../../shared/money';
import { yearRange } from '../../../shared/validation';
import type { AllianceEntity } from './alliance.entity';
import type { AllianceFigures } from './alliance.repository';
import { goalView, type GoalView } from './goals';

/** The most years `Alliance.results` answers at once (its SDL and `@listSize` say 20 too). */
export const MAX_RESULT_YEARS = 20;

/**
 * An alliance as its resolvers get it: the record, and, when the gateway resolves `goals`,
 * the funds' `capitalCommitted` that the field `@requires` (null when the funds failed it).
 */
export type AllianceParent = AllianceEntity & { capitalCommitted?: Money | null };

/** What an alliance's goals are measured by: one statement for every alliance of the request. */
function figuresOf(allianceId: string, ctx: AllianceContext): Promise<AllianceFigures> {
  return referenced(ctx.loaders.figuresOf.load(allianceId), `figures of alliance ${allianceId}`);
}

/**
 * An alliance's goals in its order, each with the actual counted now; `capitalCommitted`,
 * the capital committed to its projects, measures the transaction volume (null: unknown).
 */
export async function goalsOf(
  allianceId: string,
  ctx: AllianceContext,
  capitalCommitted: string | null,
): Promise<GoalView[]> {
  const [goals, figures] = await Promise.all([
    ctx.loaders.goalsOf.load(allianceId),
    figuresOf(allianceId, ctx),
  ]);
  // Capital committed plus benefits distributed, the benefits as the caller may read them (an
  // exact volume would tell an outsider the exact benefits by differencing with the capital);
  // summed only for an alliance that measures it.
  const measured = goals.some((goal) => goal.measure === 'TRANSACTION_VOLUME') && capitalCommitted !== null;
  const transactionVolume = measured
    ? new Decimal(capitalCommitted).plus(await ctx.loaders.benefitsOf.load(allianceId))
    : null;
  return goals.map((goal) => goalView(goal, figures, transactionVolume));
}

/** An organization's memberships of every alliance: the reverse of Member.organization. */
function membershipsOf(type: OrganizationKind) {
  return (organization: EntityReference, _: unknown, ctx: AllianceContext) =>
    ctx.loaders.membershipsOf.load(organizationKey(type, organization.id));
}

/** The alliances as records: their registers, projects and goals, and who belongs to which. */
export const allianceResolvers: Resolvers = {
  Query: {
    alliances: (_, __, ctx) => ctx.alliances.all(),
    alliance: (_, { id }, ctx) => ctx.loaders.alliance.load(id),
  },
  Alliance: {
    __resolveReference: async (ref, ctx) => {
      const alliance = await ctx.loaders.alliance.load(ref.id);
      // The representation carries the fields `goals` requires, when it is for `goals`.
      return alliance && { ...alliance, capitalCommitted: ref.capitalCommitted };
    },
    secretariat: (alliance) => `alliance:${alliance.secretariat}`,
    chairman: (alliance, _, ctx) => ctx.loaders.chairmanOf.load(alliance.id),
    goals: (alliance, _, ctx) => goalsOf(alliance.id, ctx, alliance.capitalCommitted?.amount ?? null),
    memberCount: async (alliance, _, ctx) => (await figuresOf(alliance.id, ctx)).members,
    projectCount: async (alliance, _, ctx) => (await figuresOf(alliance.id, ctx)).dockedProjects,
    projectsByStage: async (alliance, _, ctx) =>
      stageCounts(await ctx.loaders.projectStatsOf.load(alliance.id)),
    funnel: async (alliance, _, ctx) => funnelOf(await ctx.loaders.projectStatsOf.load(alliance.id)),
    // Checked before anything is loaded; every year's load is asked at once, so the years
    // of all the alliances of a request are one batch, one statement.
    results: (alliance, { fromYear, toYear }, ctx) =>
      Promise.all(
        yearRange(fromYear, toYear, MAX_RESULT_YEARS).map((year) =>
          referenced(
            ctx.loaders.resultsOf.load({ allianceId: alliance.id, year }),
            `${alliance.id} in ${year}`,
          ),
        ),
      ),
  },
  AllianceYear: {
    __resolveReference: (ref, ctx) =>
      ctx.loaders.resultsOf.load({ allianceId: ref.allianceId, year: ref.year }),
    benefitsDistributed: (results) => money(results.benefitsDistributed, 'CNY'),
  },
  Member: {
    alliance: (member, _, ctx) =>
      referenced(ctx.loaders.alliance.load(member.allianceId), `alliance ${member.allianceId}`),
  },
  Project: {
    alliance: (project, _, ctx) =>
      referenced(ctx.loaders.alliance.load(project.allianceId), `alliance ${project.allianceId}`),
  },
  Institute: { memberships: membershipsOf('institute') },
  Enterprise: { memberships: membershipsOf('enterprise') },
  Fund: { memberships: membershipsOf('fund') },
  PilotBase: { memberships: membershipsOf('pilot-base') },
};
