import { ForbiddenError } from '../../../shared/errors';
import { idempotentRequest } from '../../../shared/idempotency';
import { CHILD_LIST, boundedSize } from '../../../shared/list-bounds';
import { referenced } from '../../../shared/loaders';
import { money, parseAmount } from '../../../shared/money';
import { canSeeAgreement, secretariatOfCaller } from '../access';
import { secretariatOfProject } from '../alliances/secretariat';
import type { ProjectEntity } from '../projects/project.entity';
import type { AllianceContext } from '../context';
import type { Resolvers } from '../generated/graphql';
import { apiOfKind, entityRef } from '../organizations';
import { partyViews, split, type PartyView } from './terms';
import type { AgreementVersionEntity, BenefitAgreementEntity } from './benefit-agreement.entity';
import { formatFraction, percentOf } from './shares';

/** A payout as the API shows it: the party's view plus what it is paid. */
export type PayoutView = PartyView & { amount: string; currency: string };

/** A version of an agreement's terms as the API shows it: with its parties' views. */
export type VersionView = AgreementVersionEntity & { parties: PartyView[] };

/**
 * The agreement if the caller may see its terms (the secretariat, or a party of the version
 * in force); FORBIDDEN otherwise, so the field is null with an error at its path.
 */
async function visibleAgreement(
  agreement: BenefitAgreementEntity | null,
  ctx: AllianceContext,
  /** The agreement's project, when the caller came from it. */
  project?: ProjectEntity,
): Promise<BenefitAgreementEntity | null> {
  if (!agreement) return null;
  // Only a secretariat's token needs the project's alliance looked up.
  const [parties, secretariat] = await Promise.all([
    ctx.loaders.partiesOf.load(agreement.id),
    secretariatOfCaller(ctx.caller) !== null
      ? secretariatOfProject(project ?? agreement.projectId, ctx)
      : null,
  ]);
  const keys = parties
    .filter((p) => p.version === agreement.currentVersion)
    .map((p) => ({ kind: p.partyType, id: p.partyId }));
  if (!canSeeAgreement(ctx.caller, secretariat, keys)) {
    throw new ForbiddenError(
      "Agreement terms are visible only to the secretariat of the project's alliance and the parties",
    );
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

/** Benefit-sharing agreements, their versions and the distributions paid by them. */
export const agreementResolvers: Resolvers = {
  Query: {
    benefitAgreement: async (_, { id }, ctx) => visibleAgreement(await ctx.loaders.agreement.load(id), ctx),
  },
  Mutation: {
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
    benefitAgreement: async (project, _, ctx) =>
      visibleAgreement(await ctx.loaders.agreementOfProject.load(project.id), ctx, project),
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
      // One amount per party of `inForce`, in order; partyViews keeps every one of them
      // (they are all of this agreement and version), so `amounts[i]` is view i's.
      return partyViews(version, inForce).map((view, i) => ({
        ...view,
        amount: amounts[i]!,
        currency: 'CNY',
      }));
    },
    distributions: (agreement, { first }, ctx) =>
      ctx.loaders.distributionsOf(boundedSize(first, CHILD_LIST)).load(agreement.id),
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
  Party: {
    __resolveType: (ref) => ref.__typename,
  },
};
