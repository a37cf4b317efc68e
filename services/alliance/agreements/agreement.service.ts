import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../../shared/audit';
import { violates } from '../../../shared/database';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../../../shared/identity';
import { once, type IdempotentRequest } from '../../../shared/idempotency';
import { parseAmount, type Decimal } from '../../../shared/money';
import type { PeerClient } from '../../../shared/peers';
import {
  assertAgreementsSecretariat,
  assertOwnAlliance,
  secretariatsAlliance,
} from '../alliances/secretariat';
import type { AgreementRepository, Terms } from './agreement.repository';
import type { BenefitAgreementEntity } from './benefit-agreement.entity';
import type { DistributionEntity } from './distribution.entity';
import { parseDay } from '../../../shared/dates';
import { requiredText } from '../../../shared/validation';
import type {
  AmendBenefitAgreementInput,
  ExecuteDistributionInput,
  PartyShareInput,
  SignBenefitAgreementInput,
} from '../generated/graphql';
import { assertExisting } from '../organizations';
import { split, termsOfParties } from './terms';
import type { ProjectRepository } from '../projects/project.repository';

/**
 * Benefit-sharing agreements: signed, amended (a new version each time, the old ones
 * kept) and executed by the secretariat; shares exact and summing to 100 %; payouts to
 * the fen.
 */
export class AgreementService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly agreements: AgreementRepository,
    private readonly projects: ProjectRepository,
    private readonly peers: PeerClient,
  ) {}

  /**
   * Records a project's agreement (the secretariat). With an idempotency key, a retry returns
   * the first agreement instead of a CONFLICT with it.
   */
  async sign(
    input: SignBenefitAgreementInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<BenefitAgreementEntity> {
    try {
      return await once(this.db, 'alliance', idempotency, {
        prepare: () => this.prepareSignature(input, caller),
        idOf: (agreement) => agreement.id,
        load: (id) => this.agreementById(id),
      });
    } catch (error) {
      throw mapTermsViolation(error);
    }
  }

  /** The checks of a signature (the parties with their subgraphs), then its write. */
  private async prepareSignature(
    input: SignBenefitAgreementInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<BenefitAgreementEntity>> {
    const own = await secretariatsAlliance(this.db, caller, 'records agreements');
    const terms = await this.validTerms(input, 'Signed', caller);
    const [project] = await this.projects.findByIds([input.projectId]);
    if (!project) throw new NotFoundError('Project', input.projectId, 'input.projectId');
    assertOwnAlliance(own, project, 'records agreements for its projects');
    const by = caller.subject ?? 'unknown';
    return async (tx) => {
      const id = `agreement-${randomUUID()}`;
      try {
        return await this.agreements.create(
          id,
          project.id,
          terms,
          by,
          (within, created) =>
            this.audit.record(within, {
              operation: 'signBenefitAgreement',
              entityType: 'BenefitAgreement',
              entityId: id,
              before: null,
              after: created,
            }),
          tx,
        );
      } catch (error) {
        if (violates(error, 'benefit_agreement_one_per_project')) {
          throw new ConflictError(`Project ${project.code} has an agreement already; amend it instead`, {
            field: 'input.projectId',
          });
        }
        throw error;
      }
    };
  }

  /**
   * Records an amendment as the next version (the secretariat). With an idempotency key, a
   * retry returns the agreement as it now is instead of recording the amendment (and its
   * audit entry) again.
   */
  async amend(
    input: AmendBenefitAgreementInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<BenefitAgreementEntity> {
    try {
      return await once(this.db, 'alliance', idempotency, {
        prepare: () => this.prepareAmendment(input, caller),
        idOf: (agreement) => agreement.id,
        load: (id) => this.agreementById(id),
      });
    } catch (error) {
      throw mapTermsViolation(error);
    }
  }

  /** The checks of an amendment (the parties with their subgraphs), then its write. */
  private async prepareAmendment(
    input: AmendBenefitAgreementInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<BenefitAgreementEntity>> {
    await assertAgreementsSecretariat(this.db, caller, input.agreementId, 'records agreements');
    const reason = requiredText(input.reason, 'input.reason', 2000);
    const terms = await this.validTerms(input, reason, caller);
    return async (tx) => {
      const amended = await this.agreements.amend(
        input.agreementId,
        ({ version }) => {
          if (terms.signedOn < version.signedOn) {
            throw new BadUserInputError(
              `signedOn must not be before the signature of version ${version.version} (${version.signedOn})`,
              'input.signedOn',
            );
          }
          return terms;
        },
        caller.subject ?? 'unknown',
        (within, before, after) =>
          this.audit.record(within, {
            operation: 'amendBenefitAgreement',
            entityType: 'BenefitAgreement',
            entityId: input.agreementId,
            before,
            after,
          }),
        tx,
      );
      if (!amended) throw new NotFoundError('BenefitAgreement', input.agreementId, 'input.agreementId');
      return amended;
    };
  }

  private async agreementById(id: string): Promise<BenefitAgreementEntity> {
    const [agreement] = await this.agreements.findByIds([id]);
    if (!agreement) throw new NotFoundError('BenefitAgreement', id);
    return agreement;
  }

  /**
   * Splits an amount among the parties of the agreement in force, to the fen, in one
   * transaction. With an idempotency key, a retry returns the first distribution instead
   * of paying out twice.
   */
  async execute(
    input: ExecuteDistributionInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<DistributionEntity> {
    return once(this.db, 'alliance', idempotency, {
      prepare: async () => {
        await assertAgreementsSecretariat(this.db, caller, input.agreementId, 'executes distributions');
        const valid = this.validDistribution(input);
        return (tx) => this.distribute(valid, caller, tx);
      },
      idOf: (distribution) => distribution.id,
      load: async (id) => {
        const distribution = await this.agreements.findDistribution(id);
        if (!distribution) throw new NotFoundError('Distribution', id);
        return distribution;
      },
    });
  }

  private validDistribution(input: ExecuteDistributionInput): {
    agreementId: string;
    amount: Decimal;
    currency: string;
    note: string;
  } {
    const amount = parseAmount(input.amount, 'input.amount');
    const currency = (input.currency ?? 'CNY').trim();
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new BadUserInputError('currency must be an ISO 4217 code like CNY', 'input.currency');
    }
    return { agreementId: input.agreementId, amount, currency, note: input.note?.trim() ?? '' };
  }

  private async distribute(
    valid: { agreementId: string; amount: Decimal; currency: string; note: string },
    caller: Caller,
    tx: EntityManager,
  ): Promise<DistributionEntity> {
    const { agreementId, amount, currency, note } = valid;
    const distributed = await this.agreements.recordDistribution(
      agreementId,
      {
        id: `distribution-${randomUUID()}`,
        amount: amount.toFixed(2),
        currency,
        note,
        executedBy: caller.subject ?? 'unknown',
      },
      ({ version, parties }) => split(amount, version, parties),
      tx,
    );
    if (!distributed) throw new NotFoundError('BenefitAgreement', agreementId, 'input.agreementId');
    await this.audit.record(tx, {
      operation: 'executeDistribution',
      entityType: 'Distribution',
      entityId: distributed.id,
      before: null,
      after: distributed,
    });
    return distributed;
  }

  /** Shape first (no I/O), then the parties' existence with the subgraphs that own them. */
  private async validTerms(
    input: { parties: PartyShareInput[]; ipTerms: string; signedOn: string },
    reason: string,
    caller: Caller,
  ): Promise<Terms> {
    const { parties, denominator } = termsOfParties(input.parties);
    const ipTerms = requiredText(input.ipTerms, 'input.ipTerms', 10_000);
    const signedOn = parseDay(input.signedOn, 'input.signedOn');
    await assertExisting(
      this.peers,
      caller,
      parties.map((p, i) => ({ key: { kind: p.kind, id: p.id }, field: `input.parties[${i}].id` })),
    );
    return { parties, denominator, ipTerms, signedOn, reason };
  }
}

/** The database's own checks of the terms, should they ever catch what validation missed. */
function mapTermsViolation(error: unknown): unknown {
  if (violates(error, 'agreement_shares_sum_to_whole')) {
    return new BadUserInputError('the shares must sum to exactly 100%', 'input.parties');
  }
  if (violates(error, 'agreement_party_role_fits') || violates(error, 'agreement_party_once')) {
    return new BadUserInputError('a party does not fit its role or is named twice', 'input.parties');
  }
  return error;
}
