import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AuditLog, auditActor, type RequestMeta } from '../../shared/audit';
import type { Caller } from '../../shared/identity';
import {
  inKeyOrder,
  loaderById,
  loaderFamily,
  loaderOfChildren,
  loadersByIdOfColumns,
  loadersOfLimitAndColumns,
} from '../../shared/loaders';
import { ALL_COLUMNS, type ColumnsKey } from '../../shared/selected-columns';
import type { PeerClient } from '../../shared/peers';
import type { RequestContext } from '../../shared/subgraph-server';
import { isSecretariat, secretariatOfCaller } from './access';
import type { AllianceEntity, AllianceGoalEntity } from './alliances/alliance.entity';
import {
  AllianceRepository,
  type AllianceFigures,
  type AllianceYearFigures,
} from './alliances/alliance.repository';
import { FIRST_ALLIANCE } from './alliances/alliance.entity';
import { AgreementRepository } from './agreements/agreement.repository';
import { AgreementService } from './agreements/agreement.service';
import type { RiskContributionEntity } from './agreements/risk.entity';
import { RiskRepository, type RiskPoolView } from './agreements/risk.repository';
import { RiskService } from './agreements/risk.service';
import type {
  AgreementPartyEntity,
  AgreementVersionEntity,
  BenefitAgreementEntity,
} from './agreements/benefit-agreement.entity';
import type { DistributionEntity, PayoutEntity } from './agreements/distribution.entity';
import type { ExpertEntity } from './experts/expert.entity';
import type { ExpertReviewEntity } from './experts/expert-review.entity';
import type { MemberEntity } from './members/member.entity';
import type { ProjectEntity } from './projects/project.entity';
import type { StageChangeEntity } from './projects/stage-change.entity';
import { ExpertRepository } from './experts/expert.repository';
import { MemberRepository, organizationKey } from './members/member.repository';
import { MemberService } from './members/member.service';
import { MetricsRepository, type MembershipStats, type ProjectStats } from './dashboard/metrics.repository';
import { ProjectRepository, type LedProject } from './projects/project.repository';
import { ProjectService } from './projects/project.service';
import { ReviewService } from './experts/review.service';

/** What the alliance resolvers get for one request. */
export interface AllianceContext extends RequestContext {
  alliances: AllianceRepository;
  projects: ProjectRepository;
  members: MemberRepository;
  experts: ExpertRepository;
  projectService: ProjectService;
  memberService: MemberService;
  reviewService: ReviewService;
  agreementService: AgreementService;
  riskService: RiskService;
  /** Reads facts other subgraphs own, as the caller (the board's cross-subgraph filters). */
  peers: PeerClient;
  loaders: {
    alliance: DataLoader<string, AllianceEntity | null>;
    goalsOf: DataLoader<string, AllianceGoalEntity[]>;
    figuresOf: DataLoader<string, AllianceFigures | null>;
    /** The benefits distributed under an alliance's projects, as the caller may read them. */
    benefitsOf: DataLoader<string, string>;
    /** One year of an alliance's results: one statement for every alliance and year of a request. */
    resultsOf: DataLoader<{ allianceId: string; year: number }, AllianceYearFigures | null, string>;
    /** An alliance's projects per stage and funnel, from the tally: one statement per batch. */
    projectStatsOf: DataLoader<string, ProjectStats>;
    /** An alliance's chairman unit, if it has one now. */
    chairmanOf: DataLoader<string, MemberEntity | null>;
    project: DataLoader<string, ProjectEntity | null>;
    /** Projects with only the columns of a selection (a `columnsAsked` key). */
    projectWith: (columns: ColumnsKey) => DataLoader<string, ProjectEntity | null>;
    historyOf: DataLoader<string, StageChangeEntity[]>;
    /**
     * The oldest `limit` stage changes of each project, with the columns of a selection (a
     * `columnsAsked` key): one statement per batch, limit and column set.
     */
    firstHistoryOf: (limit: number, columns: ColumnsKey) => DataLoader<string, StageChangeEntity[]>;
    /** The newest `limit` projects of an achievement, one loader per limit. */
    projectsOfAchievement: (limit: number) => DataLoader<string, ProjectEntity[]>;
    /** The newest `limit` projects an enterprise leads, one loader per limit. */
    projectsLedBy: (limit: number) => DataLoader<string, ProjectEntity[]>;
    /** Every project an enterprise leads (its party scope), by enterprise id. */
    allLedBy: DataLoader<string, LedProject[]>;
    member: DataLoader<string, MemberEntity | null>;
    /** By organization key `type:id`: its membership of the first alliance. */
    memberOf: DataLoader<string, MemberEntity | null>;
    /** By organization key `type:id`: its memberships of every alliance, in joining order. */
    membershipsOf: DataLoader<string, MemberEntity[]>;
    expert: DataLoader<string, ExpertEntity | null>;
    /** The first experts of each alliance's committee, by name (the limit picks the loader). */
    committeeOf: (limit: number) => DataLoader<string, ExpertEntity[]>;
    reviewsOfProject: DataLoader<string, ExpertReviewEntity[]>;
    /** The oldest `limit` reviews of each project, or of each expert. */
    firstReviewsOfProject: (limit: number) => DataLoader<string, ExpertReviewEntity[]>;
    firstReviewsOfExpert: (limit: number) => DataLoader<string, ExpertReviewEntity[]>;
    agreement: DataLoader<string, BenefitAgreementEntity | null>;
    agreementOfProject: DataLoader<string, BenefitAgreementEntity | null>;
    versionsOf: DataLoader<string, AgreementVersionEntity[]>;
    partiesOf: DataLoader<string, AgreementPartyEntity[]>;
    /** The oldest `limit` distributions of each agreement. */
    distributionsOf: (limit: number) => DataLoader<string, DistributionEntity[]>;
    payoutsOf: DataLoader<string, PayoutEntity[]>;
    /** An agreement's risk pools in stage order, and the contributions to them oldest first. */
    riskPoolsOf: DataLoader<string, RiskPoolView[]>;
    riskContributionsOf: DataLoader<string, RiskContributionEntity[]>;
  };
  /** The dashboard's aggregates, each read at most once per request. */
  metrics: {
    projects: () => Promise<ProjectStats>;
    membership: () => Promise<MembershipStats>;
    benefitsDistributed: () => Promise<string>;
  };
}

/** One year of one alliance, as a loader's cache key. */
const yearKey = (key: { allianceId: string; year: number }): string => `${key.allianceId}\n${key.year}`;

/** Runs `load` on the first call only, and hands every caller the same promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}

export function createContext(
  db: DataSource,
  caller: Caller,
  peers: PeerClient,
  request: RequestMeta,
): AllianceContext {
  const alliances = new AllianceRepository(db);
  const projects = new ProjectRepository(db);
  const members = new MemberRepository(db);
  const experts = new ExpertRepository(db);
  const agreements = new AgreementRepository(db);
  const risks = new RiskRepository(db);
  const metrics = new MetricsRepository(db);
  const audit = new AuditLog(db, 'alliance', auditActor(caller, request));
  // The one alliance whose benefits this caller reads exact, if any.
  const secretariat = secretariatOfCaller(caller);
  const projectWith = loadersByIdOfColumns<ProjectEntity>((ids, columns) => projects.findByIds(ids, columns));
  return {
    caller,
    audit,
    alliances,
    projects,
    members,
    experts,
    projectService: new ProjectService(db, audit, projects, peers),
    memberService: new MemberService(db, audit, members, peers),
    reviewService: new ReviewService(db, audit, experts, projects, peers),
    agreementService: new AgreementService(db, audit, agreements, projects, peers),
    riskService: new RiskService(db, audit, agreements, risks),
    peers,
    loaders: {
      alliance: loaderById((ids) => alliances.findByIds(ids)),
      goalsOf: loaderOfChildren(
        (ids) => alliances.goalsOf(ids),
        (g) => g.allianceId,
      ),
      figuresOf: new DataLoader(async (ids) =>
        inKeyOrder(ids, await alliances.figuresOf(ids), (f) => f.allianceId),
      ),
      benefitsOf: new DataLoader((ids) => alliances.benefitsOf(ids, secretariat)),
      resultsOf: new DataLoader(
        async (keys) => inKeyOrder(keys.map(yearKey), await alliances.resultsOf(keys, secretariat), yearKey),
        { cacheKeyFn: yearKey },
      ),
      projectStatsOf: new DataLoader((ids) => metrics.projectStatsOf(ids)),
      chairmanOf: new DataLoader(async (ids) =>
        inKeyOrder(ids, await members.chairmenOf(ids), (m) => m.allianceId),
      ),
      project: projectWith(ALL_COLUMNS),
      projectWith,
      historyOf: loaderOfChildren(
        (ids) => projects.historyOf(ids),
        (s) => s.projectId,
      ),
      firstHistoryOf: loadersOfLimitAndColumns<StageChangeEntity, DataLoader<string, StageChangeEntity[]>>(
        (limit, columns) =>
          loaderOfChildren(
            (ids) => projects.historyOf(ids, limit, columns),
            (s) => s.projectId,
          ),
      ),
      projectsOfAchievement: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => projects.newestByReference('achievement_id', ids, limit),
          (p) => p.achievementId,
        ),
      ),
      projectsLedBy: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => projects.newestByReference('lead_enterprise_id', ids, limit),
          (p) => p.leadEnterpriseId,
        ),
      ),
      allLedBy: loaderOfChildren(
        (ids) => projects.ledBy(ids),
        (p) => p.leadEnterpriseId,
      ),
      member: loaderById((ids) => members.findByIds(ids)),
      memberOf: new DataLoader(async (keys) =>
        inKeyOrder(
          keys,
          (await members.byOrganizations(keys)).filter((m) => m.allianceId === FIRST_ALLIANCE),
          (m) => organizationKey(m.organizationType!, m.organizationId!),
        ),
      ),
      membershipsOf: loaderOfChildren(
        (keys) => members.byOrganizations(keys),
        (m) => organizationKey(m.organizationType!, m.organizationId!),
      ),
      expert: loaderById((ids) => experts.findByIds(ids)),
      committeeOf: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => experts.firstOfCommittees(ids, limit),
          (e) => e.allianceId,
        ),
      ),
      reviewsOfProject: loaderOfChildren(
        (ids) => experts.reviewsBy('project_id', ids),
        (r) => r.projectId,
      ),
      firstReviewsOfProject: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => experts.reviewsBy('project_id', ids, limit),
          (r) => r.projectId,
        ),
      ),
      firstReviewsOfExpert: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => experts.reviewsBy('expert_id', ids, limit),
          (r) => r.expertId,
        ),
      ),
      agreement: loaderById((ids) => agreements.findByIds(ids)),
      agreementOfProject: new DataLoader(async (ids) =>
        inKeyOrder(ids, await agreements.byProjects(ids), (a) => a.projectId),
      ),
      versionsOf: loaderOfChildren(
        (ids) => agreements.versionsOf(ids),
        (v) => v.agreementId,
      ),
      partiesOf: loaderOfChildren(
        (ids) => agreements.partiesOf(ids),
        (p) => p.agreementId,
      ),
      distributionsOf: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => agreements.distributionsOf(ids, limit),
          (d) => d.agreementId,
        ),
      ),
      payoutsOf: loaderOfChildren(
        (ids) => agreements.payoutsOf(ids),
        (p) => p.distributionId,
      ),
      riskPoolsOf: loaderOfChildren(
        (ids) => risks.poolsOf(ids),
        (p) => p.agreementId,
      ),
      riskContributionsOf: loaderOfChildren(
        (ids) => risks.contributionsOf(ids),
        (c) => c.agreementId,
      ),
    },
    metrics: {
      projects: once(() => metrics.projectStats()),
      membership: once(() => metrics.membershipStats()),
      // The secretariat, who executes the distributions, reads the exact sum; anyone else its round figure.
      benefitsDistributed: once(() => metrics.benefitsDistributed(isSecretariat(caller))),
    },
  };
}
