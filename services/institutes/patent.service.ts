import type { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../shared/audit';
import { violates } from '../../shared/database';
import { ConflictError, NotFoundError } from '../../shared/errors';
import type { Caller } from '../../shared/identity';
import { once, type IdempotentRequest } from '../../shared/idempotency';
import { parseDay } from '../../shared/dates';
import { isGiven, nextStatus, requiredText } from '../../shared/validation';
import { requireEditorOf, requireInstituteEditor } from './access';
import { TITLE_MAX } from './achievement.service';
import type { AchievementRepository } from './achievement.repository';
import type { PatentEntity } from './entities/patent.entity';
import type { AddPatentInput, UpdatePatentInput } from './generated/graphql';
import type { PatentRepository } from './patent.repository';
import { PATENT_TRANSITIONS, jurisdiction, patentDates, patentNumber } from './validation';

/** An achievement's patents: who may add and change them, and the rules of their dates and statuses. */
export class PatentService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly achievements: AchievementRepository,
    private readonly patents: PatentRepository,
  ) {}

  /**
   * Adds a patent to an achievement (its institute's editors). With an idempotency key, a
   * retry returns the first patent instead of a CONFLICT on its number.
   */
  async addPatent(
    input: AddPatentInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<PatentEntity> {
    return once(this.db, 'institutes', idempotency, {
      prepare: () => this.preparePatent(input, caller),
      idOf: (patent) => patent.id,
      load: async (id) => {
        const [patent] = await this.patents.findByIds([id], caller);
        if (!patent) throw new NotFoundError('Patent', id);
        return patent;
      },
    });
  }

  private async preparePatent(
    input: AddPatentInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<PatentEntity>> {
    requireInstituteEditor(caller);
    const status = input.status ?? 'FILED';
    const filedOn = parseDay(input.filedOn, 'input.filedOn', { notInFuture: true });
    const grantedOn = input.grantedOn
      ? parseDay(input.grantedOn, 'input.grantedOn', { notInFuture: true })
      : null;
    patentDates(status, filedOn, grantedOn, { grantedOn: 'input.grantedOn' });
    const row = {
      id: randomUUID(),
      achievementId: input.achievementId,
      number: patentNumber(input.number, 'input.number'),
      jurisdiction: jurisdiction(input.jurisdiction, 'input.jurisdiction'),
      title: requiredText(input.title, 'input.title', TITLE_MAX),
      status,
      filedOn,
      grantedOn,
      illustrative: false,
    };
    const [achievement] = await this.achievements.findByIds([input.achievementId], caller);
    if (!achievement) throw new NotFoundError('Achievement', input.achievementId, 'input.achievementId');
    requireEditorOf(caller, achievement.instituteId);
    return async (tx) => {
      let patent: PatentEntity;
      try {
        patent = await this.patents.insert(row, tx);
      } catch (error) {
        // A patent is one real-world right, registered once in the alliance, so any holder
        // clashes. The answer names neither the holder nor its achievement and is the same
        // whether the caller may see them: it confirms only that the number is taken.
        if (violates(error, 'patent_number_key')) {
          throw new ConflictError(
            `patent ${row.jurisdiction} ${row.number} is already registered in the alliance`,
            {
              field: 'input.number',
            },
          );
        }
        throw error;
      }
      await this.audit.record(tx, {
        operation: 'addPatent',
        entityType: 'Patent',
        entityId: patent.id,
        before: null,
        after: patent,
      });
      return patent;
    };
  }

  async updatePatent(input: UpdatePatentInput, caller: Caller): Promise<PatentEntity> {
    requireInstituteEditor(caller);
    const title = isGiven(input.title) ? requiredText(input.title, 'input.title', TITLE_MAX) : undefined;
    const grantedOn = isGiven(input.grantedOn)
      ? parseDay(input.grantedOn, 'input.grantedOn', { notInFuture: true })
      : undefined;
    const updated = await this.patents.change(
      input.patentId,
      caller,
      (current, instituteId) => {
        requireEditorOf(caller, instituteId);
        const status = nextStatus(PATENT_TRANSITIONS, current.status, input.status, 'input.status', 'patent');
        const nextGrant = grantedOn ?? current.grantedOn;
        patentDates(status, current.filedOn, nextGrant, { grantedOn: 'input.grantedOn' });
        return { ...(title ? { title } : {}), status, grantedOn: nextGrant };
      },
      (tx, before, after) =>
        this.audit.record(tx, {
          operation: 'updatePatent',
          entityType: 'Patent',
          entityId: after.id,
          before,
          after,
        }),
    );
    if (!updated) throw new NotFoundError('Patent', input.patentId, 'input.patentId');
    return updated;
  }
}
