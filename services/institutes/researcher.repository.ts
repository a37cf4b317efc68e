import { firstOfEach } from '../../shared/first-of-each';
import type Decimal from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../../shared/identity';
import { visibleAchievements } from './access';
import { AchievementEntity } from './entities/achievement.entity';
import { InventorEntity } from './entities/inventor.entity';
import { ResearcherEntity } from './entities/researcher.entity';

/** One inventor of an achievement as its audit entry records it: who, and their share (a decimal string). */
export interface InventorShare {
  researcherId: string;
  share: string;
}

/** Researchers (public profiles) and the inventors of achievements with their shares. */
export class ResearcherRepository {
  constructor(private readonly db: DataSource) {}

  async findByIds(ids: readonly string[]): Promise<ResearcherEntity[]> {
    return this.db.createQueryBuilder(ResearcherEntity, 'r').where('r.id IN (:...ids)', { ids }).getMany();
  }

  /** The researchers of these institutes, by name. */
  /** The first `limit` researchers of each institute by name, in one statement. */
  async ofInstitutes(instituteIds: readonly string[], limit: number): Promise<ResearcherEntity[]> {
    const query = this.db
      .createQueryBuilder(ResearcherEntity, 'r')
      .where('r.institute_id IN (:...instituteIds)', { instituteIds });
    return firstOfEach(query, { alias: 'r', partition: 'institute_id', order: 'r.name, r.id', limit })
      .orderBy('r.name')
      .addOrderBy('r.id')
      .getMany();
  }

  /** The inventors of these achievements, in their listed order. */
  async inventorsOf(achievementIds: readonly string[]): Promise<InventorEntity[]> {
    return this.db
      .createQueryBuilder(InventorEntity, 'i')
      .where('i.achievement_id IN (:...achievementIds)', { achievementIds })
      .orderBy('i.achievement_id')
      .addOrderBy('i.position')
      .getMany();
  }

  async insert(
    researcher: Omit<ResearcherEntity, 'createdAt'>,
    within: EntityManager = this.db.manager,
  ): Promise<ResearcherEntity> {
    return within.transaction(async (tx) => {
      await tx.insert(ResearcherEntity, researcher);
      return tx.findOneByOrFail(ResearcherEntity, { id: researcher.id });
    });
  }

  /**
   * Replaces the inventors of an achievement in one transaction: locks the achievement (as
   * the caller sees it, so concurrent replacements queue up), lets `decide` check the rules
   * against its institute (throwing refuses the write), then swaps the list. The deferred
   * trigger `inventor_shares_sum_100` checks the new total at commit, so a refused list
   * takes the audit entry `recorded` wrote with it. False when the caller
   * sees no such achievement.
   */
  async replaceInventors(
    achievementId: string,
    caller: Caller,
    decide: (instituteId: string) => void,
    inventors: { researcherId: string; share: Decimal }[],
    recorded: (tx: EntityManager, before: InventorShare[], after: InventorShare[]) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rule = visibleAchievements(caller, 'a');
      const owner = await tx
        .createQueryBuilder(AchievementEntity, 'a')
        .where(rule.sql, rule.params)
        .andWhere('a.id = :achievementId', { achievementId })
        .setLock('pessimistic_write')
        .getOne();
      if (!owner) return false;
      decide(owner.instituteId);
      const before = (
        await tx.find(InventorEntity, { where: { achievementId }, order: { position: 'ASC' } })
      ).map((inventor) => ({ researcherId: inventor.researcherId, share: inventor.share }));
      await tx.delete(InventorEntity, { achievementId });
      if (inventors.length) {
        await tx.insert(
          InventorEntity,
          inventors.map((inventor, position) => ({
            achievementId,
            researcherId: inventor.researcherId,
            share: inventor.share.toFixed(2),
            position,
          })),
        );
      }
      await tx
        .createQueryBuilder()
        .update(AchievementEntity)
        .set({ updatedAt: () => 'now()' })
        .where('id = :achievementId', { achievementId })
        .execute();
      await recorded(
        tx,
        before,
        inventors.map((inventor) => ({
          researcherId: inventor.researcherId,
          share: inventor.share.toFixed(2),
        })),
      );
      return true;
    });
  }
}
