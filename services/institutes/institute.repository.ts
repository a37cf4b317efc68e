import type { DataSource } from 'typeorm';
import { InstituteEntity } from './entities/institute.entity';

/** The most institutes `Query.institutes` returns: the alliance's members, far fewer in practice. */
export const MAX_INSTITUTES = 100;

/** Institute profiles are public: no visibility rule applies. */
export class InstituteRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<InstituteEntity[]> {
    return this.db.createQueryBuilder(InstituteEntity, 'i').where('i.id IN (:...ids)', { ids }).getMany();
  }

  async all(): Promise<InstituteEntity[]> {
    return this.db.getRepository(InstituteEntity).find({ order: { name: 'ASC' }, take: MAX_INSTITUTES });
  }
}
