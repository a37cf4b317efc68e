import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { auditEntryResolvers, auditTrailField } from '../../shared/audit';
import type { FundsContext } from './context';
import type { InvestmentEntity } from './entities/investment.entity';

/** The audit trails of the funds' records: an investment's is its fund's (and the secretariat's). */
export const auditResolvers: GraphQLResolverMap<FundsContext> = {
  AuditEntry: auditEntryResolvers,
  Investment: {
    auditTrail: auditTrailField('Investment', (investment: InvestmentEntity) => [
      { type: 'fund', id: investment.fundId },
    ]),
  },
};
