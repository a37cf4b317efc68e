import { mergeResolvers, type SubgraphModule } from '../../shared/subgraph-server';
import { loadTypeDefs } from '../../shared/type-defs';
import { agreementResolvers } from './agreements/resolvers';
import { AllianceEntity, AllianceGoalEntity } from './alliances/alliance.entity';
import { allianceResolvers } from './alliances/resolvers';
import { Alliances1765300000000 } from './migrations/1765300000000-alliances';
import { RiskSharing1765300001000 } from './migrations/1765300001000-risk-sharing';
import { ProjectTally1765400000000 } from './migrations/1765400000000-project-tally';
import { ExpertAlliance1766300000000 } from './migrations/1766300000000-expert-alliance';
import { KeyProjectKind1766400000000 } from './migrations/1766400000000-key-project-kind';
import { BenefitTally1766500000000 } from './migrations/1766500000000-benefit-tally';
import { MemberRoles1766700000000 } from './migrations/1766700000000-member-roles';
import { MemberTally1766800000000 } from './migrations/1766800000000-member-tally';
import { RiskContributionEntity, RiskPoolEntity } from './agreements/risk.entity';
import { riskResolvers } from './agreements/risk.resolvers';
import { auditResolvers } from './audit';
import { dashboardResolvers } from './dashboard/resolvers';
import { expertResolvers } from './experts/resolvers';
import { memberResolvers } from './members/resolvers';
import { projectResolvers } from './projects/resolvers';
import { AuditTrail1765200000000 } from './migrations/1765200000000-audit-trail';
import { createContext, type AllianceContext } from './context';
import {
  AgreementPartyEntity,
  AgreementVersionEntity,
  BenefitAgreementEntity,
} from './agreements/benefit-agreement.entity';
import { DistributionEntity, PayoutEntity } from './agreements/distribution.entity';
import { ExpertEntity } from './experts/expert.entity';
import { ExpertReviewEntity } from './experts/expert-review.entity';
import { MemberEntity } from './members/member.entity';
import { ProjectEntity } from './projects/project.entity';
import { StageChangeEntity } from './projects/stage-change.entity';
import { Initial1763800000000 } from './migrations/1763800000000-initial';
import { Lifecycle1763900000000 } from './migrations/1763900000000-lifecycle';
import { Members1763900001000 } from './migrations/1763900001000-members';
import { Experts1763900002000 } from './migrations/1763900002000-experts';
import { Agreements1763900003000 } from './migrations/1763900003000-agreements';
import { FurthestStage1764000000000 } from './migrations/1764000000000-furthest-stage';
import { idempotencyKeysMigration } from '../../shared/idempotency';
import { ProjectBoard1764100000000 } from './migrations/1764100000000-project-board';
import { seedDemoData } from './seed';

/** The alliance subgraph: the secretariat's members, projects, experts and agreements. */
export const alliance: SubgraphModule<AllianceContext> = {
  name: 'alliance',
  typeDefs: loadTypeDefs(__dirname),
  // One module per domain area, each with its SDL part (joined by loadTypeDefs) and resolvers.
  resolvers: mergeResolvers(
    allianceResolvers,
    projectResolvers,
    memberResolvers,
    expertResolvers,
    agreementResolvers,
    riskResolvers,
    dashboardResolvers,
    auditResolvers,
  ),
  entities: [
    AllianceEntity,
    AllianceGoalEntity,
    ProjectEntity,
    StageChangeEntity,
    MemberEntity,
    ExpertEntity,
    ExpertReviewEntity,
    BenefitAgreementEntity,
    AgreementVersionEntity,
    AgreementPartyEntity,
    DistributionEntity,
    PayoutEntity,
    RiskPoolEntity,
    RiskContributionEntity,
  ],
  migrations: [
    Initial1763800000000,
    Lifecycle1763900000000,
    Members1763900001000,
    Experts1763900002000,
    Agreements1763900003000,
    FurthestStage1764000000000,
    ProjectBoard1764100000000,
    idempotencyKeysMigration('alliance', 1765100000000),
    AuditTrail1765200000000,
    Alliances1765300000000,
    RiskSharing1765300001000,
    ProjectTally1765400000000,
    ExpertAlliance1766300000000,
    KeyProjectKind1766400000000,
    BenefitTally1766500000000,
    MemberRoles1766700000000,
    MemberTally1766800000000,
  ],
  createContext,
  seedDemoData,
};
