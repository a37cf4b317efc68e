import type { Resolvers } from './generated/graphql';
import { auditEntryResolvers, auditTrailField } from '../../shared/audit';
import { parseOrganization } from '../../shared/identity';
import type { PilotBasesContext } from './context';
import type { BookingEntity } from './entities/booking.entity';

/**
 * The audit trails of the pilot bases' records. A booking has two sides, and both read its
 * trail: the base whose facility it books, and the organization that asked for it.
 */
export const auditResolvers: Resolvers = {
  AuditEntry: auditEntryResolvers,
  Booking: {
    auditTrail: auditTrailField('Booking', async (booking: BookingEntity, ctx: PilotBasesContext) => {
      const facility = await ctx.loaders.facility.load(booking.facilityId);
      return [
        facility ? { type: 'pilot-base', id: facility.baseId } : null,
        parseOrganization(booking.requestedBy),
      ];
    }),
  },
};
