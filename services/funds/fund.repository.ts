import type { DataSource } from 'typeorm';
import { FundEntity } from './entities/fund.entity';

/** The most funds `Query.funds` returns: the alliance's members, far fewer in practice. */
export const MAX_FUNDS = 100;

/** Investments that still bind the fund's money. */
export const COUNTING_STATUSES = ['COMMITTED', 'DISBURSED'] as const;

/** Funds: public profiles, with the committed sum the database keeps for each. */
export class FundRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<FundEntity[]> {
    return this.db.createQueryBuilder(FundEntity, 'f').where('f.id IN (:...ids)', { ids }).getMany();
  }

  async all(): Promise<FundEntity[]> {
    return this.db.getRepository(FundEntity).find({ order: { name: 'ASC' }, take: MAX_FUNDS });
  }
}
