import { mergeResolvers, type SubgraphModule } from '../../shared/subgraph-server';
import { loadTypeDefs } from '../../shared/type-defs';
import { auditResolvers } from './audit';
import { AuditTrail1765200000000 } from './migrations/1765200000000-audit-trail';
import { SearchGraph1766000000000 } from './migrations/1766000000000-search-graph';
import { createContext, type EnterprisesContext } from './context';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { ProductEntity } from './entities/product.entity';
import { TechnologyDemandEntity } from './entities/technology-demand.entity';
import { idempotencyKeysMigration } from '../../shared/idempotency';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { Demands1763900000000 } from './migrations/1763900000000-demands';
import { metricsResolvers } from './metrics';
import { resolvers } from './resolvers';
import { seedDemoData } from './seed';

/** The enterprises subgraph: enterprises and their technology demands. */
export const enterprises: SubgraphModule<EnterprisesContext> = {
  name: 'enterprises',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: mergeResolvers(resolvers, metricsResolvers, auditResolvers),
  entities: [EnterpriseEntity, ProductEntity, TechnologyDemandEntity],
  migrations: [
    Initial1763800000000,
    Demands1763900000000,
    idempotencyKeysMigration('enterprises', 1765000000000),
    AuditTrail1765200000000,
    SearchGraph1766000000000,
  ],
  createContext,
  seedDemoData,
};
