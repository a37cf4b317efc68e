import { mergeResolvers, type SubgraphModule } from '../../shared/subgraph-server';
import { loadTypeDefs } from '../../shared/type-defs';
import { auditResolvers } from './audit';
import { AuditTrail1765200000000 } from './migrations/1765200000000-audit-trail';
import { SearchGraph1766000000000 } from './migrations/1766000000000-search-graph';
import { InvestmentAlliance1766100000000 } from './migrations/1766100000000-investment-alliance';
import { CapitalTally1766500000000 } from './migrations/1766500000000-capital-tally';
import { createContext, type FundsContext } from './context';
import { FundEntity } from './entities/fund.entity';
import { InvestmentEntity } from './entities/investment.entity';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { Commitments1763900000000 } from './migrations/1763900000000-commitments';
import { Disbursed1764000000000 } from './migrations/1764000000000-disbursed';
import { idempotencyKeysMigration } from '../../shared/idempotency';
import { metricsResolvers } from './metrics';
import { allianceCapitalResolvers } from './alliance-capital';
import { resolvers } from './resolvers';
import { seedDemoData } from './seed';

/** The funds subgraph: funds and their investments (the capital chain). */
export const funds: SubgraphModule<FundsContext> = {
  name: 'funds',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: mergeResolvers(resolvers, metricsResolvers, allianceCapitalResolvers, auditResolvers),
  entities: [FundEntity, InvestmentEntity],
  migrations: [
    Initial1763800000000,
    Commitments1763900000000,
    Disbursed1764000000000,
    idempotencyKeysMigration('funds', 1765000000000),
    AuditTrail1765200000000,
    SearchGraph1766000000000,
    InvestmentAlliance1766100000000,
    CapitalTally1766500000000,
  ],
  createContext,
  seedDemoData,
};
