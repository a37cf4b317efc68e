import type { Resolvers } from './generated/graphql';
import { auditEntryResolvers, auditTrailField } from '../../shared/audit';
import type { OrganizationRef } from '../../shared/identity';
import { referenced } from '../../shared/loaders';
import { secretariatOfAlliance, secretariatOfProject } from './alliances/secretariat';
import type { AllianceContext } from './context';
import type { BenefitAgreementEntity } from './agreements/benefit-agreement.entity';
import type { DistributionEntity } from './agreements/distribution.entity';
import type { ExpertEntity } from './experts/expert.entity';
import type { ExpertReviewEntity } from './experts/expert-review.entity';
import type { RiskContributionEntity } from './agreements/risk.entity';
import type { RiskPoolView } from './agreements/risk.repository';
import type { MemberEntity } from './members/member.entity';
import type { ProjectEntity } from './projects/project.entity';

/**
 * The audit trails of the alliances' records. A record's alliance's secretariat reads every
 * one of them (another alliance's does not); besides it, a project's is its lead
 * enterprise's, a member's the member organization's, and an agreement's, its
 * distributions' and its risk pools' the organizations that are parties to the version
 * concerned. Experts and their reviews are the committee's business: the secretariat's of
 * the expert's alliance only (a review's project is of that alliance too).
 */
export const auditResolvers: Resolvers = {
  AuditEntry: auditEntryResolvers,
  Project: {
    auditTrail: auditTrailField(
      'Project',
      (project: ProjectEntity) => [{ type: 'enterprise', id: project.leadEnterpriseId }],
      (project: ProjectEntity, ctx: AllianceContext) => secretariatOfProject(project, ctx),
    ),
  },
  Member: {
    auditTrail: auditTrailField(
      'Member',
      (member: MemberEntity) => [
        member.organizationType && member.organizationId
          ? { type: member.organizationType, id: member.organizationId }
          : null,
      ],
      (member: MemberEntity, ctx: AllianceContext) => secretariatOfAlliance(member.allianceId, ctx),
    ),
  },
  Expert: {
    auditTrail: auditTrailField(
      'Expert',
      () => [],
      (expert: ExpertEntity, ctx: AllianceContext) => secretariatOfAlliance(expert.allianceId, ctx),
    ),
  },
  ExpertReview: {
    // The project's alliance, which is the expert's: a committee reviews its alliance's projects.
    auditTrail: auditTrailField(
      'ExpertReview',
      () => [],
      (review: ExpertReviewEntity, ctx: AllianceContext) => secretariatOfProject(review.projectId, ctx),
    ),
  },
  BenefitAgreement: {
    auditTrail: auditTrailField(
      'BenefitAgreement',
      (agreement: BenefitAgreementEntity, ctx: AllianceContext) =>
        partiesOf(agreement.id, agreement.currentVersion, ctx),
      (agreement: BenefitAgreementEntity, ctx: AllianceContext) => secretariatOfAgreement(agreement.id, ctx),
    ),
  },
  Distribution: {
    auditTrail: auditTrailField(
      'Distribution',
      (distribution: DistributionEntity, ctx: AllianceContext) =>
        partiesOf(distribution.agreementId, distribution.version, ctx),
      (distribution: DistributionEntity, ctx: AllianceContext) =>
        secretariatOfAgreement(distribution.agreementId, ctx),
    ),
  },
  RiskPool: {
    auditTrail: auditTrailField(
      'RiskPool',
      (pool: RiskPoolView, ctx: AllianceContext) => partiesInForce(pool.agreementId, ctx),
      (pool: RiskPoolView, ctx: AllianceContext) => secretariatOfAgreement(pool.agreementId, ctx),
    ),
  },
  RiskContribution: {
    auditTrail: auditTrailField(
      'RiskContribution',
      (contribution: RiskContributionEntity, ctx: AllianceContext) =>
        partiesInForce(contribution.agreementId, ctx),
      (contribution: RiskContributionEntity, ctx: AllianceContext) =>
        secretariatOfAgreement(contribution.agreementId, ctx),
    ),
  },
};

/** The organizations party to the agreement's version in force. */
async function partiesInForce(agreementId: string, ctx: AllianceContext): Promise<OrganizationRef[]> {
  const agreement = await ctx.loaders.agreement.load(agreementId);
  return agreement ? partiesOf(agreementId, agreement.currentVersion, ctx) : [];
}

/** The organizations party to one version of an agreement (researchers are people, not organizations). */
async function partiesOf(
  agreementId: string,
  version: number,
  ctx: AllianceContext,
): Promise<OrganizationRef[]> {
  const parties = await ctx.loaders.partiesOf.load(agreementId);
  return parties.flatMap((party) =>
    party.version === version && party.partyType !== 'researcher'
      ? [{ type: party.partyType, id: party.partyId }]
      : [],
  );
}

/** The secretariat of the alliance whose project an agreement is for. */
async function secretariatOfAgreement(agreementId: string, ctx: AllianceContext): Promise<string> {
  const agreement = await referenced(ctx.loaders.agreement.load(agreementId), `agreement ${agreementId}`);
  return secretariatOfProject(agreement.projectId, ctx);
}
