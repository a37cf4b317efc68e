import type { Resolvers } from './generated/graphql';
import { auditEntryResolvers, auditTrailField } from '../../shared/audit';
import type { InvestmentEntity } from './entities/investment.entity';

/** The audit trails of the funds' records: an investment's is its fund's (and the secretariat's). */
export const auditResolvers: Resolvers = {
  AuditEntry: auditEntryResolvers,
  Investment: {
    auditTrail: auditTrailField('Investment', (investment: InvestmentEntity) => [
      { type: 'fund', id: investment.fundId },
    ]),
  },
};
