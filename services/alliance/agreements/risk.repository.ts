import type { DataSource, EntityManager } from 'typeorm';
import { PROJECT_STAGES } from '../projects/project.entity';
import { RiskContributionEntity, RiskPoolEntity } from './risk.entity';

/** A pool as the API shows it: with the stable id its audit trail is kept under. */
export type RiskPoolView = RiskPoolEntity & { id: string };

/** `agreement-dmto:PILOT`: one pool per agreement and stage. */
export const riskPoolId = (pool: Pick<RiskPoolEntity, 'agreementId' | 'stage'>): string =>
  `${pool.agreementId}:${pool.stage}`;

const view = (pool: RiskPoolEntity): RiskPoolView => ({ ...pool, id: riskPoolId(pool) });

/** The risk pools of agreements and the contributions to them. */
export class RiskRepository {
  constructor(private readonly db: DataSource) {}

  /** The pools of these agreements in stage order, one statement for all. */
  async poolsOf(agreementIds: readonly string[]): Promise<RiskPoolView[]> {
    const pools = await this.db
      .createQueryBuilder(RiskPoolEntity, 'p')
      .where('p.agreement_id IN (:...agreementIds)', { agreementIds })
      .orderBy('p.agreement_id')
      .addOrderBy('array_position(CAST(:stages AS text[]), p.stage)')
      .setParameter('stages', PROJECT_STAGES)
      .getMany();
    return pools.map(view);
  }

  /** The contributions to these agreements' pools, oldest first, one statement for all. */
  async contributionsOf(agreementIds: readonly string[]): Promise<RiskContributionEntity[]> {
    return this.db
      .createQueryBuilder(RiskContributionEntity, 'c')
      .where('c.agreement_id IN (:...agreementIds)', { agreementIds })
      .orderBy('c.committed_at')
      .addOrderBy('c.id')
      .getMany();
  }

  async findPool(agreementId: string, stage: string, within: EntityManager = this.db.manager) {
    const pool = await within.findOneBy(RiskPoolEntity, {
      agreementId,
      stage: stage as RiskPoolEntity['stage'],
    });
    return pool && view(pool);
  }

  async findContribution(id: string): Promise<RiskContributionEntity | null> {
    return this.db.manager.findOneBy(RiskContributionEntity, { id });
  }

  async openPool(
    pool: Pick<RiskPoolEntity, 'agreementId' | 'stage' | 'budget' | 'openedBy'>,
    tx: EntityManager,
  ): Promise<RiskPoolView> {
    await tx.insert(RiskPoolEntity, pool);
    return view(
      await tx.findOneByOrFail(RiskPoolEntity, { agreementId: pool.agreementId, stage: pool.stage }),
    );
  }

  /** Inserts a contribution; the database adds it to its pool, refusing one past the budget. */
  async addContribution(
    contribution: Omit<RiskContributionEntity, 'committedAt' | 'illustrative'>,
    tx: EntityManager,
  ): Promise<RiskContributionEntity> {
    await tx.insert(RiskContributionEntity, contribution);
    return tx.findOneByOrFail(RiskContributionEntity, { id: contribution.id });
  }
}
