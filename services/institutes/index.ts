import { mergeResolvers, type SubgraphModule } from '../../shared/subgraph-server';
import { loadTypeDefs } from '../../shared/type-defs';
import { auditResolvers } from './audit';
import { AuditTrail1765200000000 } from './migrations/1765200000000-audit-trail';
import { SearchGraph1766000000000 } from './migrations/1766000000000-search-graph';
import { TrlTally1766100000000 } from './migrations/1766100000000-trl-tally';
import { BestScoreWalk1766600000000 } from './migrations/1766600000000-best-score-walk';
import { SearchWindow1766900000000 } from './migrations/1766900000000-search-window';
import { createContext, type InstitutesContext } from './context';
import { AchievementEntity } from './entities/achievement.entity';
import { InstituteEntity } from './entities/institute.entity';
import { InventorEntity } from './entities/inventor.entity';
import { PatentEntity } from './entities/patent.entity';
import { ResearcherEntity } from './entities/researcher.entity';
import { TrlChangeEntity } from './entities/trl-change.entity';
import { idempotencyKeysMigration } from '../../shared/idempotency';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { InnovationChain1763900000000 } from './migrations/1763900000000-innovation-chain';
import { MatchingPrefilter1764000000000 } from './migrations/1764000000000-matching-prefilter';
import { metricsResolvers } from './metrics';
import { resolvers } from './resolvers';
import { seedDemoData } from './seed';

/** The institutes subgraph: institutes, their researchers, achievements and patents (the innovation chain). */
export const institutes: SubgraphModule<InstitutesContext> = {
  name: 'institutes',
  typeDefs: loadTypeDefs(__dirname),
  resolvers: mergeResolvers(resolvers, metricsResolvers, auditResolvers),
  entities: [
    InstituteEntity,
    AchievementEntity,
    ResearcherEntity,
    InventorEntity,
    PatentEntity,
    TrlChangeEntity,
  ],
  migrations: [
    Initial1763800000000,
    InnovationChain1763900000000,
    MatchingPrefilter1764000000000,
    idempotencyKeysMigration('institutes', 1765000000000),
    AuditTrail1765200000000,
    SearchGraph1766000000000,
    TrlTally1766100000000,
    BestScoreWalk1766600000000,
    SearchWindow1766900000000,
  ],
  createContext,
  seedDemoData,
};
