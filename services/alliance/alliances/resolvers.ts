import { funnelOf, stageCounts } from '../dashboard/figures';
import type { Resolvers } from '../generated/graphql';
import { organizationKey } from '../members/member.repository';
import type { OrganizationKind } from '../organizations';
import type { AllianceContext } from '../context';
import type { EntityReference } from '../../../shared/subgraph-server';
import { referenced } from '../../../shared/loaders';
import type { AllianceFigures } from './alliance.repository';
import { goalView, type GoalView } from './goals';

/** What an alliance's goals are measured by: one statement for every alliance of the request. */
function figuresOf(allianceId: string, ctx: AllianceContext): Promise<AllianceFigures> {
  return referenced(ctx.loaders.figuresOf.load(allianceId), `figures of alliance ${allianceId}`);
}

/** An alliance's goals in its order, each with the actual counted now. */
export async function goalsOf(allianceId: string, ctx: AllianceContext): Promise<GoalView[]> {
  const [goals, figures] = await Promise.all([
    ctx.loaders.goalsOf.load(allianceId),
    figuresOf(allianceId, ctx),
  ]);
  return goals.map((goal) => goalView(goal, figures));
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
    __resolveReference: (ref, ctx) => ctx.loaders.alliance.load(ref.id),
    secretariat: (alliance) => `alliance:${alliance.secretariat}`,
    chairman: (alliance, _, ctx) => ctx.loaders.chairmanOf.load(alliance.id),
    goals: (alliance, _, ctx) => goalsOf(alliance.id, ctx),
    memberCount: async (alliance, _, ctx) => (await figuresOf(alliance.id, ctx)).members,
    projectCount: async (alliance, _, ctx) => (await figuresOf(alliance.id, ctx)).dockedProjects,
    projectsByStage: async (alliance, _, ctx) =>
      stageCounts(await ctx.loaders.projectStatsOf.load(alliance.id)),
    funnel: async (alliance, _, ctx) => funnelOf(await ctx.loaders.projectStatsOf.load(alliance.id)),
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
