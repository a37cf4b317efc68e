import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../shared/audit';
import { violates } from '../../shared/database';
import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../../shared/identity';
import { once, type IdempotentRequest } from '../../shared/idempotency';
import type { PeerClient } from '../../shared/peers';
import { managesFund } from './access';
import { chinaToday } from '../../shared/dates';
import { actionConflict } from '../../shared/validation';
import { mandateOverride, validateCommitment, type ValidCommitment } from './commitment';
import { recordDay } from './dates';
import type { InvestmentEntity } from './entities/investment.entity';
import type { CommitInvestmentInput, InvestmentVisibility } from './generated/graphql';
import type { FundRepository } from './fund.repository';
import { INVESTMENT_TRANSITIONS, type InvestmentAction } from './investment-lifecycle';
import {
  COMMITTING_FUND_STATUSES,
  type InvestmentRepository,
  type NewInvestment,
} from './investment.repository';

/** Committing and managing investments: the rules around the repositories. */
export class InvestmentService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly funds: FundRepository,
    private readonly investments: InvestmentRepository,
    private readonly peers: PeerClient,
    private readonly today: () => string = () => chinaToday(),
  ) {}

  /**
   * Commits a fund's money to a project or an enterprise. Input, mandate and target are
   * checked before anything is written (the target with the subgraph that owns it); then
   * one transaction on the locked fund row refuses what the fund can no longer afford.
   * With an idempotency key, a retry returns the first commitment instead of a second one.
   */
  async commit(
    input: CommitInvestmentInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<InvestmentEntity> {
    return once(this.db, 'funds', idempotency, {
      prepare: () => this.prepareCommitment(input, caller),
      idOf: (investment) => investment.id,
      load: async (id) => {
        const [investment] = await this.investments.findByIds([id], caller);
        if (!investment) throw new NotFoundError('Investment', id);
        return investment;
      },
    });
  }

  /** The checks of a commitment, then the write to run in the commitment's transaction. */
  private async prepareCommitment(
    input: CommitInvestmentInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<InvestmentEntity>> {
    if (!managesFund(caller, input.fundId)) {
      throw new ForbiddenError(`Only the editors of fund:${input.fundId} commit its money`);
    }
    const valid = validateCommitment(input, this.today());
    const [fund] = await this.funds.findByIds([input.fundId]);
    if (!fund) throw new NotFoundError('Fund', input.fundId, 'input.fundId');
    if (!COMMITTING_FUND_STATUSES.includes(fund.status)) throw notInvesting(fund.id, fund.status);
    const { outsideMandate, overrideReason } = mandateOverride(fund, input, valid.focusArea);
    const allianceId = await this.allianceOfTarget(valid.target, caller);

    const fresh = {
      id: randomUUID(),
      fundId: fund.id,
      ...valid.target,
      allianceId,
      stage: input.stage,
      instrument: input.instrument,
      amount: valid.amount,
      committedOn: valid.committedOn,
      visibility: input.visibility ?? 'MEMBERS',
      focusArea: valid.focusArea,
      outsideMandate,
      // Recorded only when it overrides something.
      overrideReason: outsideMandate.length > 0 ? overrideReason : null,
      committedBy: caller.subject ?? 'unknown',
    };
    return (tx) => this.write(fresh, tx);
  }

  private async write(fresh: NewInvestment, tx: EntityManager): Promise<InvestmentEntity> {
    const fundId = fresh.fundId;
    let outcome;
    try {
      outcome = await this.investments.commit(fresh, tx);
    } catch (error) {
      // Only a writer that skipped the fund lock could get here; the database still said no.
      if (!violates(error, 'fund_committed_within_size')) throw error;
      const now = await this.investments.availableIn(fundId, tx);
      outcome = { kind: 'exceeds-size' as const, available: now!.available, currency: now!.currency };
    }
    switch (outcome.kind) {
      case 'committed':
        await this.audit.record(tx, {
          operation: 'commitInvestment',
          entityType: 'Investment',
          entityId: outcome.investment.id,
          before: null,
          after: outcome.investment,
        });
        return outcome.investment;
      case 'fund-missing':
        throw new NotFoundError('Fund', fundId, 'input.fundId');
      case 'fund-not-investing':
        throw notInvesting(fundId, outcome.status);
      case 'exceeds-size':
        throw new ConflictError(
          `Fund "${fundId}" has ${outcome.available.toFixed(2)} ${outcome.currency} left to commit, less than ${fresh.amount.toFixed(2)}`,
          {
            field: 'input.amount',
            fundId,
            requested: { amount: fresh.amount.toFixed(2), currency: outcome.currency },
            available: { amount: outcome.available.toFixed(2), currency: outcome.currency },
          },
        );
    }
  }

  /**
   * Checks that the target exists for the caller (with the subgraph that owns it) and
   * returns the alliance of a target project, read in the same lookup; null for an
   * enterprise. A project never changes alliance, so the investment keeps it.
   */
  private async allianceOfTarget(target: ValidCommitment['target'], caller: Caller): Promise<string | null> {
    if (target.projectId !== null) {
      const found = await this.peers.entities<{ id: string; alliance: { id: string } }>(
        'alliance',
        'Project',
        [target.projectId],
        'alliance { id }',
        caller,
      );
      const project = found.get(target.projectId);
      if (!project) throw new NotFoundError('Project', target.projectId, 'input.projectId');
      return project.alliance.id;
    }
    const found = await this.peers.existing('enterprises', 'Enterprise', [target.enterpriseId], caller);
    if (!found.has(target.enterpriseId)) {
      throw new NotFoundError('Enterprise', target.enterpriseId, 'input.enterpriseId');
    }
    return null;
  }

  /**
   * Disburses, exits or writes off an investment (the fund's editors), on a day that is not
   * in the future nor before the investment's previous date. An invalid transition is a
   * CONFLICT naming the current status and changes nothing.
   */
  async transition(
    id: string,
    action: InvestmentAction,
    on: string | null | undefined,
    caller: Caller,
  ): Promise<InvestmentEntity> {
    const investment = await this.managed(id, caller);
    const { from, to, date, operation } = INVESTMENT_TRANSITIONS[action];
    if (!from.includes(investment.status))
      throw actionConflict({ type: 'Investment', id, status: investment.status }, action, from);
    const previous = investment.disbursedOn
      ? { day: investment.disbursedOn, what: 'its disbursement' }
      : { day: investment.committedOn, what: 'its commitment' };
    const day = recordDay(on, 'on', this.today(), previous);
    await this.db.transaction(async (tx) => {
      const before = await this.investments.locked(id, tx);
      const changed = await this.investments.changeStatus(id, from, to, { property: date, day }, tx);
      if (!changed)
        throw actionConflict(
          { type: 'Investment', id, status: before?.status ?? investment.status },
          action,
          from,
        );
      const after = await this.investments.locked(id, tx);
      await this.audit.record(tx, { operation, entityType: 'Investment', entityId: id, before, after });
    });
    return this.reread(id, caller);
  }

  /** Changes who may see an investment (the fund's editors). */
  async setVisibility(
    id: string,
    visibility: InvestmentVisibility,
    caller: Caller,
  ): Promise<InvestmentEntity> {
    await this.managed(id, caller);
    await this.db.transaction(async (tx) => {
      const before = await this.investments.locked(id, tx);
      await this.investments.setVisibility(id, visibility, tx);
      const after = await this.investments.locked(id, tx);
      await this.audit.record(tx, {
        operation: 'setInvestmentVisibility',
        entityType: 'Investment',
        entityId: id,
        before,
        after,
      });
    });
    return this.reread(id, caller);
  }

  /** The investment as written: the caller manages its fund, so still sees it after any change. */
  private async reread(id: string, caller: Caller): Promise<InvestmentEntity> {
    const [investment] = await this.investments.findByIds([id], caller);
    if (!investment) throw new NotFoundError('Investment', id, 'id');
    return investment;
  }

  /** An investment the caller manages: NOT_FOUND when they cannot see it, FORBIDDEN when it is not their fund's. */
  private async managed(id: string, caller: Caller): Promise<InvestmentEntity> {
    const [investment] = await this.investments.findByIds([id], caller);
    if (!investment) throw new NotFoundError('Investment', id, 'id');
    if (!managesFund(caller, investment.fundId)) {
      throw new ForbiddenError(`Only the editors of fund:${investment.fundId} change its investments`);
    }
    return investment;
  }
}

function notInvesting(fundId: string, status: string): ConflictError {
  return new ConflictError(
    `Fund "${fundId}" is ${status}: it commits money only when registered or investing`,
    {
      field: 'input.fundId',
      fundStatus: status,
    },
  );
}
