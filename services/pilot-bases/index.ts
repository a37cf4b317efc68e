import { mergeResolvers, type SubgraphModule } from '../../shared/subgraph-server';
import { loadTypeDefs } from '../../shared/type-defs';
import { auditResolvers } from './audit';
import { AuditTrail1765200000000 } from './migrations/1765200000000-audit-trail';
import { SearchGraph1766000000000 } from './migrations/1766000000000-search-graph';
import { BookedDayTally1766200000000 } from './migrations/1766200000000-booked-day-tally';
import { createContext, type PilotBasesContext } from './context';
import { BookingEntity } from './entities/booking.entity';
import { FacilityEntity } from './entities/facility.entity';
import { PilotBaseEntity } from './entities/pilot-base.entity';
import { idempotencyKeysMigration } from '../../shared/idempotency';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { BookingWorkflow1763900000000 } from './migrations/1763900000000-booking-workflow';
import { metricsResolvers } from './metrics';
import { resolvers } from './resolvers';
import { seedDemoData } from './seed';

/** The pilot-bases subgraph: bases, their facilities, and bookings (the industrial chain's scale-up). */
export const pilotBases: SubgraphModule<PilotBasesContext> = {
  name: 'pilot-bases',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: mergeResolvers(resolvers, metricsResolvers, auditResolvers),
  entities: [PilotBaseEntity, FacilityEntity, BookingEntity],
  migrations: [
    Initial1763800000000,
    BookingWorkflow1763900000000,
    idempotencyKeysMigration('pilot_bases', 1765000000000),
    AuditTrail1765200000000,
    SearchGraph1766000000000,
    BookedDayTally1766200000000,
  ],
  createContext,
  seedDemoData,
};
