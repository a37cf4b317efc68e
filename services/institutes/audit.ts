import type { Resolvers } from './generated/graphql';
import { auditEntryResolvers, auditTrailField } from '../../shared/audit';
import type { InstitutesContext } from './context';
import type { AchievementEntity } from './entities/achievement.entity';
import type { PatentEntity } from './entities/patent.entity';
import type { ResearcherEntity } from './entities/researcher.entity';

/**
 * The audit trails of the institutes' records, read by the owning institute (and the
 * secretariat): an achievement's (with its inventors), a researcher's, and a patent's,
 * which belongs to its achievement's institute.
 */
export const auditResolvers: Resolvers = {
  AuditEntry: auditEntryResolvers,
  Achievement: {
    auditTrail: auditTrailField('Achievement', (achievement: AchievementEntity) => [
      { type: 'institute', id: achievement.instituteId },
    ]),
  },
  Patent: {
    auditTrail: auditTrailField('Patent', async (patent: PatentEntity, ctx: InstitutesContext) => {
      const achievement = await ctx.loaders.achievement.load(patent.achievementId);
      return [achievement ? { type: 'institute', id: achievement.instituteId } : null];
    }),
  },
  Researcher: {
    auditTrail: auditTrailField('Researcher', (researcher: ResearcherEntity) => [
      { type: 'institute', id: researcher.instituteId },
    ]),
  },
};
