import type { DataSource, EntityManager } from 'typeorm';
import {
  AgreementPartyEntity,
  AgreementVersionEntity,
  BenefitAgreementEntity,
  type BenefitRole,
} from './benefit-agreement.entity';
import { DistributionEntity, PayoutEntity } from './distribution.entity';
import type { PartyKind } from '../organizations';

/** One party's terms as stored: integer parts of the version's denominator. */
export interface PartyTerms {
  kind: PartyKind;
  id: string;
  role: BenefitRole;
  parts: string;
}

/** The full terms of one version. */
export interface Terms {
  ipTerms: string;
  signedOn: string;
  denominator: string;
  parties: PartyTerms[];
  reason: string;
}

/** The version in force and its parties, as a write under the agreement's lock sees them. */
export interface TermsInForce {
  agreement: BenefitAgreementEntity;
  version: AgreementVersionEntity;
  parties: AgreementPartyEntity[];
}

/** Benefit agreements, their versions and distributions. Versions and distributions are append-only. */
export class AgreementRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<BenefitAgreementEntity[]> {
    return this.db
      .createQueryBuilder(BenefitAgreementEntity, 'a')
      .where('a.id IN (:...ids)', { ids })
      .getMany();
  }

  async byProjects(projectIds: readonly string[]): Promise<BenefitAgreementEntity[]> {
    return this.db
      .createQueryBuilder(BenefitAgreementEntity, 'a')
      .where('a.project_id IN (:...projectIds)', { projectIds })
      .getMany();
  }

  /** Every version of these agreements, oldest first. */
  async versionsOf(agreementIds: readonly string[]): Promise<AgreementVersionEntity[]> {
    return this.db
      .createQueryBuilder(AgreementVersionEntity, 'v')
      .where('v.agreement_id IN (:...agreementIds)', { agreementIds })
      .orderBy('v.agreement_id')
      .addOrderBy('v.version')
      .getMany();
  }

  /** The parties of every version of these agreements, in version and party order. */
  async partiesOf(agreementIds: readonly string[]): Promise<AgreementPartyEntity[]> {
    return this.db
      .createQueryBuilder(AgreementPartyEntity, 'p')
      .where('p.agreement_id IN (:...agreementIds)', { agreementIds })
      .orderBy('p.agreement_id')
      .addOrderBy('p.version')
      .addOrderBy('p.position')
      .getMany();
  }

  /** The oldest `limit` distributions of each agreement, in one statement for all of them. */
  async distributionsOf(agreementIds: readonly string[], limit: number): Promise<DistributionEntity[]> {
    const ranked = this.db
      .createQueryBuilder(DistributionEntity, 'v')
      .select('v.id', 'id')
      .addSelect('row_number() OVER (PARTITION BY v.agreement_id ORDER BY v.executed_at, v.id)', 'rank')
      .where('v.agreement_id IN (:...agreementIds)', { agreementIds });
    return this.db
      .createQueryBuilder(DistributionEntity, 'd')
      .where(`d.id IN (SELECT r.id FROM (${ranked.getQuery()}) r WHERE r.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit })
      .orderBy('d.executed_at')
      .addOrderBy('d.id')
      .getMany();
  }

  async findDistribution(id: string): Promise<DistributionEntity | null> {
    return this.db.getRepository(DistributionEntity).findOneBy({ id });
  }

  async payoutsOf(distributionIds: readonly string[]): Promise<PayoutEntity[]> {
    return this.db
      .createQueryBuilder(PayoutEntity, 'p')
      .where('p.distribution_id IN (:...distributionIds)', { distributionIds })
      .orderBy('p.distribution_id')
      .addOrderBy('p.position')
      .getMany();
  }

  /** Records a new agreement and its first version (and, by `recorded`, its audit entry) in one transaction. */
  async create(
    id: string,
    projectId: string,
    terms: Terms,
    by: string,
    recorded: (tx: EntityManager, created: TermsSnapshot) => Promise<void>,
    within: EntityManager = this.db.manager,
  ): Promise<BenefitAgreementEntity> {
    return within.transaction(async (tx: EntityManager) => {
      await tx.insert(BenefitAgreementEntity, { id, projectId, currentVersion: 1, illustrative: false });
      await insertVersion(tx, id, 1, terms, by);
      await recorded(tx, { projectId, ...snapshotOfTerms(1, terms) });
      return tx.findOneByOrFail(BenefitAgreementEntity, { id });
    });
  }

  /**
   * Records the terms `decide` makes of the terms in force as the next version, under the
   * agreement's row lock (concurrent amendments get consecutive versions, never the same
   * one). Null when the agreement does not exist.
   */
  async amend(
    id: string,
    decide: (inForce: TermsInForce) => Terms,
    by: string,
    recorded: (tx: EntityManager, before: TermsSnapshot, after: TermsSnapshot) => Promise<void>,
    within: EntityManager = this.db.manager,
  ): Promise<BenefitAgreementEntity | null> {
    return within.transaction(async (tx: EntityManager) => {
      const inForce = await lockTermsInForce(tx, id);
      if (!inForce) return null;
      const terms = decide(inForce);
      const next = inForce.agreement.currentVersion + 1;
      await insertVersion(tx, id, next, terms, by);
      await tx.update(BenefitAgreementEntity, { id }, { currentVersion: next, updatedAt: () => 'now()' });
      await recorded(tx, snapshotInForce(inForce), snapshotOfTerms(next, terms));
      return tx.findOneByOrFail(BenefitAgreementEntity, { id });
    });
  }

  /**
   * Splits an amount by the terms in force (as `split` computes it) and records the
   * distribution and its payouts, under the agreement's row lock so that no amendment
   * slips in between. Null when the agreement does not exist.
   */
  async recordDistribution(
    agreementId: string,
    distribution: { id: string; amount: string; currency: string; note: string; executedBy: string },
    split: (inForce: TermsInForce) => string[],
    within: EntityManager = this.db.manager,
  ): Promise<DistributionEntity | null> {
    return within.transaction(async (tx: EntityManager) => {
      const inForce = await lockTermsInForce(tx, agreementId);
      if (!inForce) return null;
      const amounts = split(inForce);
      const version = inForce.version.version;
      await tx.insert(DistributionEntity, { ...distribution, agreementId, version });
      await tx.insert(
        PayoutEntity,
        inForce.parties.map((party, i) => ({
          distributionId: distribution.id,
          position: party.position,
          agreementId,
          version,
          amount: amounts[i],
        })),
      );
      return tx.findOneByOrFail(DistributionEntity, { id: distribution.id });
    });
  }
}

/** An agreement's terms as its audit entries record them: one version, its parties and shares. */
export interface TermsSnapshot {
  projectId?: string;
  version: number;
  ipTerms: string;
  signedOn: string;
  reason: string;
  shareDenominator: string;
  parties: { type: string; id: string; role: string; shareParts: string }[];
}

function snapshotOfTerms(version: number, terms: Terms): TermsSnapshot {
  return {
    version,
    ipTerms: terms.ipTerms,
    signedOn: terms.signedOn,
    reason: terms.reason,
    shareDenominator: terms.denominator,
    parties: terms.parties.map((p) => ({ type: p.kind, id: p.id, role: p.role, shareParts: p.parts })),
  };
}

function snapshotInForce({ agreement, version, parties }: TermsInForce): TermsSnapshot {
  return {
    version: agreement.currentVersion,
    ipTerms: version.ipTerms,
    signedOn: version.signedOn,
    reason: version.reason,
    shareDenominator: version.shareDenominator,
    parties: parties.map((p) => ({
      type: p.partyType,
      id: p.partyId,
      role: p.role,
      shareParts: p.shareParts,
    })),
  };
}

async function lockTermsInForce(tx: EntityManager, id: string): Promise<TermsInForce | null> {
  const agreement = await tx
    .createQueryBuilder(BenefitAgreementEntity, 'a')
    .setLock('pessimistic_write')
    .where('a.id = :id', { id })
    .getOne();
  if (!agreement) return null;
  const version = await tx.findOneByOrFail(AgreementVersionEntity, {
    agreementId: id,
    version: agreement.currentVersion,
  });
  const parties = await tx.find(AgreementPartyEntity, {
    where: { agreementId: id, version: agreement.currentVersion },
    order: { position: 'ASC' },
  });
  return { agreement, version, parties };
}

async function insertVersion(
  tx: EntityManager,
  agreementId: string,
  version: number,
  terms: Terms,
  by: string,
) {
  await tx.insert(AgreementVersionEntity, {
    agreementId,
    version,
    ipTerms: terms.ipTerms,
    signedOn: terms.signedOn,
    shareDenominator: terms.denominator,
    reason: terms.reason,
    recordedBy: by,
  });
  await tx.insert(
    AgreementPartyEntity,
    terms.parties.map((party, position) => ({
      agreementId,
      version,
      position,
      partyType: party.kind,
      partyId: party.id,
      role: party.role,
      shareParts: party.parts,
    })),
  );
}
