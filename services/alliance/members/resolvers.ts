import { idempotentRequest } from '../../../shared/idempotency';
import { isStringPair, pageRequest, toConnection } from '../../../shared/pagination';
import type { EntityReference } from '../../../shared/subgraph-server';
import type { AllianceContext } from '../context';
import type { Resolvers } from '../generated/graphql';
import { apiOfKind, organizationRef, type OrganizationKind } from '../organizations';
import { GOVERNING_ROLES } from './member.entity';
import { memberKey, organizationKey } from './member.repository';

/** Entities the alliance extends with `membership`: the reverse of Member.organization. */
function membershipOf(type: OrganizationKind) {
  return {
    __resolveReference: (ref: EntityReference) => ({ id: ref.id }),
    membership: (organization: EntityReference, _: unknown, ctx: AllianceContext) =>
      ctx.loaders.memberOf.load(organizationKey(type, organization.id)),
  };
}

/** The member register: admissions, roles and status, and each organization's membership. */
export const memberResolvers: Resolvers = {
  Query: {
    member: (_, { id }, ctx) => ctx.loaders.member.load(id),
    members: async (_, args, ctx) => {
      const page = pageRequest(args, isStringPair, 'members');
      const { rows, total } = await ctx.members.page(args.filter ?? {}, page);
      return toConnection(rows, page, memberKey, total);
    },
  },
  Mutation: {
    admitMember: (_, args, ctx, info) =>
      ctx.memberService.admit(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    updateMember: (_, { input }, ctx) => ctx.memberService.update(input, ctx.caller),
  },
  Member: {
    organization: (member) => organizationRef(member.organizationType, member.organizationId),
    organizationType: (member) => (member.organizationType ? apiOfKind(member.organizationType) : null),
    governingUnit: (member) => GOVERNING_ROLES.includes(member.role),
  },
  Institute: membershipOf('institute'),
  Enterprise: membershipOf('enterprise'),
  Fund: membershipOf('fund'),
  PilotBase: membershipOf('pilot-base'),
  Organization: {
    __resolveType: (ref) => ref.__typename,
  },
};
