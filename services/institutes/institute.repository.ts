import type { DataSource } from 'typeorm';
import { InstituteEntity } from './entities/institute.entity';

/** Institute profiles are public: no visibility rule applies. */
export class InstituteRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<InstituteEntity[]> {
    return this.db.createQueryBuilder(InstituteEntity, 'i').where('i.id IN (:...ids)', { ids }).getMany();
  }

  async all(): Promise<InstituteEntity[]> {
    return this.db.getRepository(InstituteEntity).find({ order: { name: 'ASC' } });
  }
}
