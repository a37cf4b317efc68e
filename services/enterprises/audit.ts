import type { Resolvers } from './generated/graphql';
import { auditEntryResolvers, auditTrailField } from '../../shared/audit';
import type { TechnologyDemandEntity } from './entities/technology-demand.entity';

/** The audit trails of the enterprises' records: a demand's is its enterprise's (and the secretariat's). */
export const auditResolvers: Resolvers = {
  AuditEntry: auditEntryResolvers,
  TechnologyDemand: {
    auditTrail: auditTrailField('TechnologyDemand', (demand: TechnologyDemandEntity) => [
      { type: 'enterprise', id: demand.enterpriseId },
    ]),
  },
};
