import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuditLog } from '../../../shared/audit';
import { violates } from '../../../shared/database';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors';
import type { Caller } from '../../../shared/identity';
import { once, type IdempotentRequest } from '../../../shared/idempotency';
import { Decimal, parseAmount } from '../../../shared/money';
import { requiredText } from '../../../shared/validation';
import { assertAgreementsSecretariat } from '../alliances/secretariat';
import type { CommitRiskInput, OpenRiskPoolInput } from '../generated/graphql';
import { kindOfApi } from '../organizations';
import type { AgreementRepository } from './agreement.repository';
import type { RiskContributionEntity } from './risk.entity';
import { riskPoolId, type RiskPoolView, type RiskRepository } from './risk.repository';

/** The most characters of a contribution's description. */
const DESCRIPTION_MAX = 2000;

/**
 * Risk sharing beside benefit sharing: the secretariat opens a stage's pool with the budget
 * the parties bear together, then records each party's contribution. Each write is one
 * transaction with its audit entry; the database refuses a contribution past the budget.
 */
export class RiskService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly agreements: AgreementRepository,
    private readonly risks: RiskRepository,
  ) {}

  async open(
    input: OpenRiskPoolInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<RiskPoolView> {
    try {
      return await once(this.db, 'alliance', idempotency, {
        prepare: async () => {
          await assertAgreementsSecretariat(this.db, caller, input.agreementId, 'opens risk pools');
          const budget = parseAmount(input.budget, 'input.budget');
          if (budget.isZero()) throw new BadUserInputError('input.budget must be above zero', 'input.budget');
          return async (tx) => {
            const pool = await this.risks.openPool(
              {
                agreementId: input.agreementId,
                stage: input.stage,
                budget: budget.toFixed(2),
                openedBy: caller.subject ?? 'unknown',
              },
              tx,
            );
            await this.audit.record(tx, {
              operation: 'openRiskPool',
              entityType: 'RiskPool',
              entityId: pool.id,
              before: null,
              after: pool,
            });
            return pool;
          };
        },
        idOf: (pool) => pool.id,
        load: async (id) => {
          const at = id.lastIndexOf(':');
          const pool = await this.risks.findPool(id.slice(0, at), id.slice(at + 1));
          if (!pool) throw new NotFoundError('RiskPool', id);
          return pool;
        },
      });
    } catch (error) {
      if (violates(error, 'risk_pool_agreement_id_fkey')) {
        throw new NotFoundError('BenefitAgreement', input.agreementId, 'input.agreementId');
      }
      if (violates(error, 'risk_pool_pkey')) {
        throw new ConflictError(`The agreement has a risk pool for ${input.stage} already`, {
          field: 'input.stage',
        });
      }
      throw error;
    }
  }

  async commit(
    input: CommitRiskInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<RiskContributionEntity> {
    try {
      return await once(this.db, 'alliance', idempotency, {
        prepare: async () => {
          await assertAgreementsSecretariat(this.db, caller, input.agreementId, 'records risk contributions');
          const amount = parseAmount(input.amount, 'input.amount');
          if (amount.isZero()) throw new BadUserInputError('input.amount must be above zero', 'input.amount');
          const description = requiredText(input.description, 'input.description', DESCRIPTION_MAX);
          const partyType = kindOfApi(input.partyType);
          await this.assertParty(input.agreementId, partyType, input.partyId);
          return async (tx) => {
            const pool = await this.risks.findPool(input.agreementId, input.stage, tx);
            if (!pool) {
              throw new NotFoundError(
                'RiskPool',
                riskPoolId({ agreementId: input.agreementId, stage: input.stage }),
                'input.stage',
              );
            }
            const contribution = await this.risks.addContribution(
              {
                id: `risk-${randomUUID()}`,
                agreementId: input.agreementId,
                stage: input.stage,
                partyType,
                partyId: input.partyId,
                kind: input.kind,
                amount: amount.toFixed(2),
                description,
                committedBy: caller.subject ?? 'unknown',
              },
              tx,
            );
            await this.audit.record(tx, {
              operation: 'commitRisk',
              entityType: 'RiskContribution',
              entityId: contribution.id,
              before: null,
              after: contribution,
            });
            return contribution;
          };
        },
        idOf: (contribution) => contribution.id,
        load: async (id) => {
          const contribution = await this.risks.findContribution(id);
          if (!contribution) throw new NotFoundError('RiskContribution', id);
          return contribution;
        },
      });
    } catch (error) {
      if (violates(error, 'risk_pool_within_budget')) {
        const pool = await this.risks.findPool(input.agreementId, input.stage);
        const remaining = pool ? new Decimal(pool.budget).minus(pool.committed).toFixed(2) : '0.00';
        throw new ConflictError(
          `The ${input.stage} pool has ${remaining} CNY left to commit; ${input.amount.trim()} would pass its budget`,
          { field: 'input.amount', remaining },
        );
      }
      throw error;
    }
  }

  /** BAD_USER_INPUT unless the party is a party of the agreement's version in force; NOT_FOUND for no agreement. */
  private async assertParty(agreementId: string, partyType: string, partyId: string): Promise<void> {
    const [agreement] = await this.agreements.findByIds([agreementId]);
    if (!agreement) throw new NotFoundError('BenefitAgreement', agreementId, 'input.agreementId');
    const parties = await this.agreements.partiesOf([agreementId]);
    const inForce = parties.some(
      (p) => p.version === agreement.currentVersion && p.partyType === partyType && p.partyId === partyId,
    );
    if (!inForce) {
      throw new BadUserInputError(
        `${partyType} ${partyId} is not a party of the agreement in force`,
        'input.partyId',
      );
    }
  }
}
