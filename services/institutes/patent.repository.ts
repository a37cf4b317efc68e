import { firstOfEach } from '../../shared/first-of-each';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../../shared/identity';
import { visibleAchievements } from './access';
import { AchievementEntity } from './entities/achievement.entity';
import { PatentEntity } from './entities/patent.entity';

/** Patents of achievements: a caller sees a patent when they see its achievement. */
export class PatentRepository {
  constructor(private readonly db: DataSource) {}

  private visible(caller: Caller, manager?: EntityManager): SelectQueryBuilder<PatentEntity> {
    const rule = visibleAchievements(caller, 'a');
    return (manager ?? this.db.manager)
      .createQueryBuilder(PatentEntity, 'p')
      .innerJoin(AchievementEntity, 'a', `a.id = p.achievement_id AND ${rule.sql}`, rule.params);
  }

  async findByIds(ids: readonly string[], caller: Caller): Promise<PatentEntity[]> {
    return this.visible(caller).where('p.id IN (:...ids)', { ids }).getMany();
  }

  /** The patents of these (visible) achievements, oldest filing first. */
  /** The first `limit` patents of each achievement, oldest filing first, in one statement. */
  async ofAchievements(achievementIds: readonly string[], limit: number): Promise<PatentEntity[]> {
    const query = this.db
      .createQueryBuilder(PatentEntity, 'p')
      .where('p.achievement_id IN (:...achievementIds)', { achievementIds });
    return firstOfEach(query, { alias: 'p', partition: 'achievement_id', order: 'p.filed_on, p.id', limit })
      .orderBy('p.filed_on')
      .addOrderBy('p.id')
      .getMany();
  }

  async insert(
    patent: Omit<PatentEntity, 'createdAt' | 'updatedAt'>,
    within: EntityManager = this.db.manager,
  ): Promise<PatentEntity> {
    return within.transaction(async (tx) => {
      await tx.insert(PatentEntity, patent);
      return tx.findOneByOrFail(PatentEntity, { id: patent.id });
    });
  }

  /**
   * Changes a patent in one transaction: locks it (as the caller sees it), lets `decide`
   * check the rules against its current state and its achievement's institute (throwing
   * refuses the write), stores the changes and has `recorded` write the audit entry. Null when the caller sees no such patent.
   */
  async change(
    id: string,
    caller: Caller,
    decide: (
      current: PatentEntity,
      instituteId: string,
    ) => Partial<Pick<PatentEntity, 'title' | 'status' | 'grantedOn'>>,
    recorded: (tx: EntityManager, before: PatentEntity, after: PatentEntity) => Promise<void>,
  ): Promise<PatentEntity | null> {
    return this.db.transaction(async (tx) => {
      const { entities, raw } = await this.visible(caller, tx)
        .addSelect('a.institute_id', 'institute_id')
        .where('p.id = :id', { id })
        .setLock('pessimistic_write', undefined, ['p'])
        .getRawAndEntities<{ institute_id: string }>();
      const [patent] = entities;
      const [row] = raw;
      if (!patent || !row) return null;
      const changes = decide(patent, row.institute_id);
      await tx
        .createQueryBuilder()
        .update(PatentEntity)
        .set({ ...changes, updatedAt: () => 'now()' })
        .where('id = :id', { id })
        .execute();
      const after = await tx.findOneByOrFail(PatentEntity, { id });
      await recorded(tx, patent, after);
      return after;
    });
  }
}
