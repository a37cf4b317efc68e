import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Decimal } from '../../shared/money';
import type { Caller } from '../../shared/identity';
import { type PageRequest, type SortKey, keysetPage } from '../../shared/pagination';
import { visibleInvestments } from './access';
import { FundEntity } from './entities/fund.entity';
import { InvestmentEntity } from './entities/investment.entity';
import type {
  FundStatus,
  Instrument,
  InvestmentFilter,
  InvestmentStage,
  InvestmentStatus,
  InvestmentVisibility,
  MandateDeviation,
} from './generated/graphql';

/** Newest commitment first, ties by id. */
const INVESTMENT_ORDER: SortKey[] = [
  { expr: 'i.committed_on', descending: true, cast: 'date' },
  { expr: 'i.id', descending: true },
];

/** Fund statuses that may commit new money. */
export const COMMITTING_FUND_STATUSES: readonly FundStatus[] = ['REGISTERED', 'INVESTING'];

/** Keyset of the newest-first investment order: [committedOn, id]. */
export type InvestmentKey = [string, string];

export const investmentKey = (i: InvestmentEntity): InvestmentKey => [i.committedOn, i.id];

export interface NewInvestment {
  id: string;
  fundId: string;
  projectId: string | null;
  enterpriseId: string | null;
  /** The project's alliance, as the alliance subgraph answered when the investment was made. */
  allianceId: string | null;
  stage: InvestmentStage;
  instrument: Instrument;
  amount: Decimal;
  committedOn: string;
  visibility: InvestmentVisibility;
  focusArea: string;
  outsideMandate: MandateDeviation[];
  overrideReason: string | null;
  committedBy: string;
}

/** How a commitment went: written, or refused by the fund's state at the moment of writing. */
export type CommitOutcome =
  | { kind: 'committed'; investment: InvestmentEntity }
  | { kind: 'fund-missing' }
  | { kind: 'fund-not-investing'; status: FundStatus }
  | { kind: 'exceeds-size'; available: Decimal; currency: string };

/** Reads investments, always through the caller's visibility, and writes them in transactions. */
export class InvestmentRepository {
  constructor(private readonly db: DataSource) {}

  private visible(caller: Caller, alias = 'i'): SelectQueryBuilder<InvestmentEntity> {
    const rule = visibleInvestments(caller, alias);
    return this.db.createQueryBuilder(InvestmentEntity, alias).where(rule.sql, rule.params);
  }

  async findByIds(ids: readonly string[], caller: Caller): Promise<InvestmentEntity[]> {
    return this.visible(caller).andWhere('i.id IN (:...ids)', { ids }).getMany();
  }

  /** Investments whose `column` (fund, project or enterprise) is one of `keys`, newest first. */
  async byTarget(
    column: 'fund_id' | 'project_id' | 'enterprise_id',
    keys: readonly string[],
    caller: Caller,
  ): Promise<InvestmentEntity[]> {
    return this.visible(caller)
      .andWhere(`i.${column} IN (:...keys)`, { keys })
      .orderBy('i.committed_on', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
  }

  /** The distinct projects each of `fundIds` invests in, counting only investments the caller may see. */
  async investedProjects(
    fundIds: readonly string[],
    caller: Caller,
  ): Promise<{ fundId: string; projectId: string }[]> {
    return this.visible(caller)
      .select('i.fund_id', 'fundId')
      .addSelect('i.project_id', 'projectId')
      .distinct(true)
      .andWhere('i.fund_id IN (:...fundIds)', { fundIds })
      .andWhere('i.project_id IS NOT NULL')
      .getRawMany();
  }

  /**
   * The newest `limit` investments of each fund, project or enterprise in `keys` that the
   * caller may see, newest first: one statement for all of them.
   */
  async newestByTarget(
    column: 'fund_id' | 'project_id' | 'enterprise_id',
    keys: readonly string[],
    limit: number,
    caller: Caller,
  ): Promise<InvestmentEntity[]> {
    const ranked = this.visible(caller, 'v')
      .select('v.id', 'id')
      .addSelect(
        `row_number() OVER (PARTITION BY v.${column} ORDER BY v.committed_on DESC, v.id ASC)`,
        'rank',
      )
      .andWhere(`v.${column} IN (:...keys)`, { keys });
    return this.db
      .createQueryBuilder(InvestmentEntity, 'i')
      .where(`i.id IN (SELECT r.id FROM (${ranked.getQuery()}) r WHERE r.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit })
      .orderBy('i.committed_on', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
  }

  /** One page, newest first, plus how many match in all: two statements. */
  async page(
    filter: InvestmentFilter,
    page: PageRequest<InvestmentKey>,
    caller: Caller,
  ): Promise<{ rows: InvestmentEntity[]; total: number }> {
    const query = this.visible(caller);
    if (filter.fundId) query.andWhere('i.fund_id = :fundId', { fundId: filter.fundId });
    if (filter.projectId) query.andWhere('i.project_id = :projectId', { projectId: filter.projectId });
    if (filter.enterpriseId)
      query.andWhere('i.enterprise_id = :enterpriseId', { enterpriseId: filter.enterpriseId });
    if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    if (filter.stage) query.andWhere('i.stage = :stage', { stage: filter.stage });
    return keysetPage(query, INVESTMENT_ORDER, page);
  }

  /**
   * Commits money in one transaction that first locks the fund's row: concurrent
   * commitments of one fund queue there, each reads the committed sum its predecessors
   * left, and one that does not fit is refused with the exact amount still available.
   * (`fund_committed_within_size` would refuse it anyway; the lock makes the refusal exact
   * and orderly rather than a constraint error.)
   */
  async commit(investment: NewInvestment, within: EntityManager = this.db.manager): Promise<CommitOutcome> {
    return within.transaction(async (tx): Promise<CommitOutcome> => {
      const fund = await tx
        .createQueryBuilder(FundEntity, 'f')
        .setLock('pessimistic_write')
        .where('f.id = :id', { id: investment.fundId })
        .getOne();
      if (!fund) return { kind: 'fund-missing' };
      if (!COMMITTING_FUND_STATUSES.includes(fund.status))
        return { kind: 'fund-not-investing', status: fund.status };
      const available = new Decimal(fund.size).minus(fund.committed);
      if (investment.amount.greaterThan(available)) {
        return { kind: 'exceeds-size', available, currency: fund.currency };
      }
      await tx.insert(InvestmentEntity, {
        ...investment,
        amount: investment.amount.toFixed(2),
        status: 'COMMITTED',
        illustrative: false,
      });
      return {
        kind: 'committed',
        investment: await tx.findOneByOrFail(InvestmentEntity, { id: investment.id }),
      };
    });
  }

  /** An investment read and locked in `tx` (whatever the caller may see: the caller was checked). */
  async locked(id: string, tx: EntityManager): Promise<InvestmentEntity | null> {
    return tx
      .createQueryBuilder(InvestmentEntity, 'i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOne();
  }

  /** Size and committed sum of a fund, read afresh (after a refused write). */
  async availableIn(
    fundId: string,
    within: EntityManager = this.db.manager,
  ): Promise<{ available: Decimal; currency: string } | null> {
    const fund = await within.getRepository(FundEntity).findOneBy({ id: fundId });
    return fund ? { available: new Decimal(fund.size).minus(fund.committed), currency: fund.currency } : null;
  }

  /**
   * Moves an investment to `to` if it is still in one of `from`, recording the day in
   * `dateColumn` (one conditional statement; the trigger releases money that stops binding).
   * False when the status had moved on.
   */
  async changeStatus(
    id: string,
    from: readonly InvestmentStatus[],
    to: InvestmentStatus,
    date: { property: 'disbursedOn' | 'closedOn'; day: string },
    within: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const result = await within
      .createQueryBuilder()
      .update(InvestmentEntity)
      .set({ status: to, [date.property]: date.day })
      .where('id = :id', { id })
      .andWhere('status IN (:...from)', { from })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async setVisibility(
    id: string,
    visibility: InvestmentVisibility,
    within: EntityManager = this.db.manager,
  ): Promise<void> {
    await within
      .createQueryBuilder()
      .update(InvestmentEntity)
      .set({ visibility })
      .where('id = :id', { id })
      .execute();
  }
}
