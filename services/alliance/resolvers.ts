import { idempotentRequest } from '../../shared/idempotency';
import { isMember } from '../../shared/access';
import { ForbiddenError } from '../../shared/errors';
import { boundedSize, type ListBound } from '../../shared/list-bounds';
import { referenced } from '../../shared/loaders';
import type { EntityReference } from '../../shared/subgraph-server';
import { Decimal, money, parseAmount } from '../../shared/money';
import { isStringPair, pageRequest, pageSize, toConnection } from '../../shared/pagination';
import { canSeeAgreement, reviewGateAsSeen, visibleAuthor } from './access';
import { partyViews, split, type PartyView } from './agreement.service';
import type { AllianceContext } from './context';
import type { AgreementVersionEntity, BenefitAgreementEntity } from './entities/benefit-agreement.entity';
import { GOVERNING_ROLES } from './entities/member.entity';
import { PROJECT_STAGES, type ProjectEntity, type ProjectStage } from './entities/project.entity';
import { expertKey } from './expert.repository';
import type { Resolvers } from './generated/graphql';
import { allowedNextStages } from './lifecycle';
import { memberKey, organizationKey } from './member.repository';
import { apiOfKind, entityRef, type OrganizationKind } from './organizations';
import { askPeers, parseProjectBoard, projectKeyOf } from './project-board';
import { formatFraction, percentOf } from './shares';

/** A project's stage changes and reviews, an expert's reviews, an agreement's distributions: `first`, 20 by default, at most 100. */
const CHILDREN: ListBound = { default: 20, max: 100 };

/** The one dashboard object. */
const METRICS_ID = 'alliance';

/** The targets of the "10 / 100 / 1,000 / one trillion yuan" plan. */
const TARGETS = {
  KEY_PROJECTS: '10',
  CENTRAL_SOES: '100',
  TRANSFORMATION_PROJECTS: '1000',
  TRANSACTION_VOLUME: '1000000000000.00',
} as const;

/** The representation the gateway sends to resolve `targets`: the key plus the required fields. */
export interface MetricsRepresentation {
  id: string;
  centralSoes?: number | null;
  capitalCommitted?: { amount: string; currency: string } | null;
}

/** A payout as the API shows it: the party's view plus what it is paid. */
export type PayoutView = PartyView & { amount: string; currency: string };

/** A version of an agreement's terms as the API shows it: with its parties' views. */
export type VersionView = AgreementVersionEntity & { parties: PartyView[] };

async function heldFrom(project: ProjectEntity, ctx: AllianceContext): Promise<ProjectStage | null> {
  if (project.stage !== 'ON_HOLD') return null;
  const history = await ctx.loaders.historyOf.load(project.id);
  return history.filter((change) => change.to === 'ON_HOLD').at(-1)?.from ?? null;
}

/**
 * The agreement if the caller may see its terms (the secretariat, or a party of the version
 * in force); FORBIDDEN otherwise, so the field is null with an error at its path.
 */
async function visibleAgreement(
  agreement: BenefitAgreementEntity | null,
  ctx: AllianceContext,
): Promise<BenefitAgreementEntity | null> {
  if (!agreement) return null;
  const parties = await ctx.loaders.partiesOf.load(agreement.id);
  const keys = parties
    .filter((p) => p.version === agreement.currentVersion)
    .map((p) => ({ kind: p.partyType, id: p.partyId }));
  if (!canSeeAgreement(ctx.caller, keys)) {
    throw new ForbiddenError('Agreement terms are visible only to the alliance secretariat and the parties');
  }
  return agreement;
}

async function versionOf(
  agreementId: string,
  version: number,
  ctx: AllianceContext,
): Promise<{ version: AgreementVersionEntity; parties: PartyView[] }> {
  const [versions, parties] = await Promise.all([
    ctx.loaders.versionsOf.load(agreementId),
    ctx.loaders.partiesOf.load(agreementId),
  ]);
  const found = versions.find((v) => v.version === version);
  // The foreign keys make the version exist; a miss would be a broken database.
  if (!found) throw new Error(`agreement ${agreementId} has no version ${version}`);
  return { version: found, parties: partyViews(found, parties) };
}

/** AgreementParty and Payout share these fields. */
const partyFields = {
  party: (view: PartyView) => entityRef(view),
  partyType: (view: PartyView) => apiOfKind(view.kind),
  partyId: (view: PartyView) => view.id,
  share: (view: PartyView) => formatFraction(view.share),
};

/** The reference the gateway resolves in the subgraph owning the organization (a union member). */
function organizationRef(type: OrganizationKind | null, id: string | null) {
  return type && id ? entityRef({ kind: type, id }) : null;
}

/** Entities the alliance extends with `membership`: the reverse of Member.organization. */
function membershipOf(type: OrganizationKind) {
  return {
    __resolveReference: (ref: EntityReference) => ({ id: ref.id }),
    membership: (organization: EntityReference, _: unknown, ctx: AllianceContext) =>
      ctx.loaders.memberOf.load(organizationKey(type, organization.id)),
  };
}

export const resolvers: Resolvers = {
  Query: {
    project: (_, { id }, ctx) => ctx.loaders.project.load(id),
    projects: async (_, args, ctx) => {
      // Every argument is checked before the peers or the database are asked anything.
      const { filter, peers, order, page } = parseProjectBoard(args);
      const narrowed = await askPeers(filter, peers, ctx.peers, ctx.caller);
      const { rows, total } = await ctx.projects.page(narrowed, order, page);
      return toConnection(rows, page, projectKeyOf(order), total);
    },
    member: (_, { id }, ctx) => ctx.loaders.member.load(id),
    members: async (_, args, ctx) => {
      const page = pageRequest(args, isStringPair, 'members');
      const { rows, total } = await ctx.members.page(args.filter ?? {}, page);
      return toConnection(rows, page, memberKey, total);
    },
    expert: (_, { id }, ctx) => ctx.loaders.expert.load(id),
    experts: async (_, args, ctx) => {
      const page = pageRequest(args, isStringPair, 'experts');
      const { rows, total } = await ctx.experts.page(page);
      return toConnection(rows, page, expertKey, total);
    },
    benefitAgreement: async (_, { id }, ctx) => visibleAgreement(await ctx.loaders.agreement.load(id), ctx),
    allianceMetrics: () => ({ id: METRICS_ID }),
  },
  Mutation: {
    createProject: (_, args, ctx, info) =>
      ctx.projectService.create(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    changeProjectStage: (_, { input }, ctx) => ctx.projectService.changeStage(input, ctx.caller),
    admitMember: (_, args, ctx, info) =>
      ctx.memberService.admit(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    updateMember: (_, { input }, ctx) => ctx.memberService.update(input, ctx.caller),
    registerExpert: (_, args, ctx, info) =>
      ctx.reviewService.register(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    submitReview: (_, args, ctx, info) =>
      ctx.reviewService.submit(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    signBenefitAgreement: (_, args, ctx, info) =>
      ctx.agreementService.sign(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    amendBenefitAgreement: (_, args, ctx, info) =>
      ctx.agreementService.amend(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
    executeDistribution: (_, args, ctx, info) =>
      ctx.agreementService.execute(
        args.input,
        ctx.caller,
        idempotentRequest(ctx.idempotencyKey, ctx.caller, info, args),
      ),
  },
  Project: {
    __resolveReference: (ref, ctx) => ctx.loaders.project.load(ref.id),
    leadEnterprise: (project) => ({ __typename: 'Enterprise', id: project.leadEnterpriseId }),
    history: (project, { first }, ctx) =>
      ctx.loaders.firstHistoryOf(boundedSize(first, CHILDREN)).load(project.id),
    heldFrom: (project, _, ctx) => heldFrom(project, ctx),
    allowedNextStages: async (project, _, ctx) => {
      const [held, advanceRecommended] = await Promise.all([
        heldFrom(project, ctx),
        reviewGateAsSeen(ctx.caller, async () =>
          (await ctx.loaders.reviewsOfProject.load(project.id)).some(
            (r) => r.stage === 'EVALUATION' && r.recommendation === 'ADVANCE',
          ),
        ),
      ]);
      return allowedNextStages({ stage: project.stage, heldFrom: held, advanceRecommended });
    },
    reviews: (project, { first }, ctx) => {
      const limit = boundedSize(first, CHILDREN);
      return isMember(ctx.caller) ? ctx.loaders.firstReviewsOfProject(limit).load(project.id) : [];
    },
    benefitAgreement: async (project, _, ctx) =>
      visibleAgreement(await ctx.loaders.agreementOfProject.load(project.id), ctx),
    createdAt: (project) => project.createdAt.toISOString(),
    updatedAt: (project) => project.updatedAt.toISOString(),
    stageChangedAt: (project) => (project.stageChangedAt ?? project.createdAt).toISOString(),
  },
  StageChange: {
    by: (change, _, ctx) => visibleAuthor(change.by, ctx.caller),
    at: (change) => change.at.toISOString(),
  },
  Achievement: {
    __resolveReference: (ref) => ({ id: ref.id }),
    projects: (achievement, args, ctx) =>
      ctx.loaders.projectsOfAchievement(pageSize(args.first)).load(achievement.id),
  },
  Institute: membershipOf('institute'),
  Enterprise: {
    ...membershipOf('enterprise'),
    ledProjects: (enterprise, args, ctx) =>
      ctx.loaders.projectsLedBy(pageSize(args.first)).load(enterprise.id),
  },
  Fund: membershipOf('fund'),
  PilotBase: membershipOf('pilot-base'),
  Organization: {
    __resolveType: (ref) => ref.__typename,
  },
  Party: {
    __resolveType: (ref) => ref.__typename,
  },
  Member: {
    organization: (member) => organizationRef(member.organizationType, member.organizationId),
    organizationType: (member) => (member.organizationType ? apiOfKind(member.organizationType) : null),
    governingUnit: (member) => GOVERNING_ROLES.includes(member.role),
  },
  Expert: {
    affiliation: (expert) => organizationRef(expert.affiliationType, expert.affiliationId),
    reviews: (expert, { first }, ctx) => {
      const limit = boundedSize(first, CHILDREN);
      return isMember(ctx.caller) ? ctx.loaders.firstReviewsOfExpert(limit).load(expert.id) : [];
    },
  },
  ExpertReview: {
    project: (review, _, ctx) =>
      referenced(ctx.loaders.project.load(review.projectId), `project ${review.projectId}`),
    expert: (review, _, ctx) =>
      referenced(ctx.loaders.expert.load(review.expertId), `expert ${review.expertId}`),
    scores: (review) => review,
    averageScore: (review) =>
      new Decimal(review.technicalMaturity + review.marketDemand + review.strategicFit + review.team)
        .div(4)
        .toFixed(2),
    submittedAt: (review) => review.submittedAt.toISOString(),
  },
  BenefitAgreement: {
    project: (agreement, _, ctx) =>
      referenced(ctx.loaders.project.load(agreement.projectId), `project ${agreement.projectId}`),
    version: (agreement) => agreement.currentVersion,
    parties: async (agreement, _, ctx) =>
      (await versionOf(agreement.id, agreement.currentVersion, ctx)).parties,
    ipTerms: async (agreement, _, ctx) =>
      (await versionOf(agreement.id, agreement.currentVersion, ctx)).version.ipTerms,
    signedOn: async (agreement, _, ctx) =>
      (await versionOf(agreement.id, agreement.currentVersion, ctx)).version.signedOn,
    history: async (agreement, _, ctx) => {
      const [versions, parties] = await Promise.all([
        ctx.loaders.versionsOf.load(agreement.id),
        ctx.loaders.partiesOf.load(agreement.id),
      ]);
      return versions.map((version) => ({ ...version, parties: partyViews(version, parties) }));
    },
    distribute: async (agreement, args, ctx) => {
      const amount = parseAmount(args.amount, 'amount');
      const [versions, parties] = await Promise.all([
        ctx.loaders.versionsOf.load(agreement.id),
        ctx.loaders.partiesOf.load(agreement.id),
      ]);
      const version = versions.find((v) => v.version === agreement.currentVersion)!;
      const inForce = parties.filter((p) => p.version === version.version);
      const amounts = split(amount, version, inForce);
      return partyViews(version, inForce).map((view, i) => ({
        ...view,
        amount: amounts[i],
        currency: 'CNY',
      }));
    },
    distributions: (agreement, { first }, ctx) =>
      ctx.loaders.distributionsOf(boundedSize(first, CHILDREN)).load(agreement.id),
  },
  AgreementVersion: {
    recordedAt: (version) => version.recordedAt.toISOString(),
  },
  AgreementParty: {
    ...partyFields,
    percent: (view) => percentOf(view.share),
  },
  Payout: {
    ...partyFields,
    amount: (view) => money(view.amount, view.currency),
  },
  Distribution: {
    amount: (distribution) => money(distribution.amount, distribution.currency),
    payouts: async (distribution, _, ctx) => {
      const [{ parties }, payouts] = await Promise.all([
        versionOf(distribution.agreementId, distribution.version, ctx),
        ctx.loaders.payoutsOf.load(distribution.id),
      ]);
      const paid = new Map(payouts.map((p) => [p.position, p.amount]));
      return parties.map((view) => ({
        ...view,
        amount: paid.get(view.position) ?? '0',
        currency: distribution.currency,
      }));
    },
    executedAt: (distribution) => distribution.executedAt.toISOString(),
  },
  AllianceMetrics: {
    __resolveReference: (ref) => (ref.id === METRICS_ID ? ref : null),
    projectsByStage: async (_, __, ctx) => {
      const { byStage } = await ctx.metrics.projects();
      return PROJECT_STAGES.map((stage) => ({ stage, projects: byStage.get(stage) ?? 0 }));
    },
    funnel: async (_, __, ctx) => {
      const [docked, evaluated, proofOfConcept, pilot, industrialization, commercialized] = (
        await ctx.metrics.projects()
      ).reached;
      return { docked, evaluated, proofOfConcept, pilot, industrialization, commercialized };
    },
    transformationProjects: async (_, __, ctx) => (await ctx.metrics.projects()).total,
    keyProjects: async (_, __, ctx) => (await ctx.metrics.projects()).keyProjects,
    governingUnits: async (_, __, ctx) => (await ctx.metrics.membership()).governingUnits,
    governingUnitGrowth: async (_, __, ctx) => (await ctx.metrics.membership()).growth,
    members: async (_, __, ctx) => (await ctx.metrics.membership()).members,
    benefitsDistributed: async (_, __, ctx) => money(await ctx.metrics.benefitsDistributed()),
    targets: async (metrics, _, ctx) => {
      const [projects, distributed] = await Promise.all([
        ctx.metrics.projects(),
        ctx.metrics.benefitsDistributed(),
      ]);
      // A figure another subgraph did not answer stays unknown rather than counting as zero.
      const committed = metrics.capitalCommitted?.amount;
      const volume = committed == null ? null : new Decimal(committed).plus(distributed);
      const centralSoes = metrics.centralSoes == null ? null : new Decimal(metrics.centralSoes);
      const progress = (
        target: keyof typeof TARGETS,
        actual: Decimal | null,
        unit: string,
        decimals = 0,
      ) => ({
        target,
        goal: TARGETS[target],
        actual: actual?.toFixed(decimals) ?? null,
        unit,
        percent: actual?.div(TARGETS[target]).times(100).toFixed(2) ?? null,
      });
      return [
        progress('KEY_PROJECTS', new Decimal(projects.keyProjects), 'projects'),
        progress('CENTRAL_SOES', centralSoes, 'enterprises'),
        progress('TRANSFORMATION_PROJECTS', new Decimal(projects.total), 'projects'),
        progress('TRANSACTION_VOLUME', volume, 'CNY', 2),
      ];
    },
  },
};
