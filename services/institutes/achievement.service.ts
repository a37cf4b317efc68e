import type { DataSource, EntityManager } from 'typeorm';
import { once, type IdempotentRequest } from '../../shared/idempotency';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../shared/audit';
import { violates } from '../../shared/database';
import { BadUserInputError, NotFoundError } from '../../shared/errors';
import type { Caller } from '../../shared/identity';
import {
  isStringPair,
  pageRequest,
  toConnection,
  type Connection,
  type PageArgs,
} from '../../shared/pagination';
import { requireEditorOf, requireInstituteEditor } from './access';
import {
  achievementKey,
  searchKey,
  type AchievementFilter,
  type AchievementRepository,
  type SearchHit,
} from './achievement.repository';
import { DEVELOPMENT_STATUSES, type AchievementEntity } from './entities/achievement.entity';
import type {
  AchievementFilter as AchievementFilterInput,
  ChangeTrlInput,
  DevelopmentStatus,
  RegisterAchievementInput,
  UpdateAchievementInput,
} from './generated/graphql';
import type { InstituteRepository } from './institute.repository';
import { chinaToday, parseDay } from '../../shared/dates';
import { parseIpcCodes } from '../../shared/ipc';
import {
  isGiven,
  keywordList,
  optionalText,
  requiredText,
  technologyFilter,
  trlLevel,
} from '../../shared/validation';
import { awardList } from './validation';

/** Validates a filter; BAD_USER_INPUT names `filter.<field>`. */
export function parseAchievementFilter(input: AchievementFilterInput | null | undefined): AchievementFilter {
  if (!input) return {};
  const filter: AchievementFilter = technologyFilter(input);
  if (input.instituteId) filter.instituteId = input.instituteId;
  if (isGiven(input.minTrl)) filter.minTrl = trlLevel(input.minTrl, 'filter.minTrl');
  if (input.developmentStatus) filter.developmentStatus = input.developmentStatus;
  return filter;
}

export const TITLE_MAX = 200;
const SUMMARY_MAX = 4000;
const NOTE_MAX = 1000;
const SEARCH_MAX = 200;

/** A search hit as the connection shows it. */
export interface SearchEdgeNode {
  node: AchievementEntity;
  relevance: number;
}

/**
 * The rules of the innovation chain: who may change what, what input is valid, and the
 * order of checks (authorization, then input, then references), so a refused write
 * touches nothing.
 */
export class AchievementService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly achievements: AchievementRepository,
    private readonly institutes: InstituteRepository,
  ) {}

  async list(
    filterInput: AchievementFilterInput | null | undefined,
    args: PageArgs,
    caller: Caller,
  ): Promise<Connection<AchievementEntity>> {
    const page = pageRequest(args, isStringPair, 'achievements');
    const filter = parseAchievementFilter(filterInput);
    const { rows, total } = await this.achievements.page(filter, page, caller);
    return toConnection(rows, page, achievementKey, total);
  }

  async search(
    text: string,
    filterInput: AchievementFilterInput | null | undefined,
    args: PageArgs,
    caller: Caller,
  ): Promise<{
    edges: { cursor: string; node: AchievementEntity; relevance: number }[];
    pageInfo: Connection<unknown>['pageInfo'];
    totalCount: number;
    totalCountIsExact: boolean;
  }> {
    const query = requiredText(text, 'query', SEARCH_MAX);
    const page = pageRequest(args, isStringPair, 'search');
    const filter = parseAchievementFilter(filterInput);
    const { hits, total, exact } = await this.achievements.search(query, filter, page, caller);
    const connection = toConnection<SearchHit>(hits, page, searchKey, total);
    return {
      ...connection,
      totalCountIsExact: exact,
      edges: connection.edges.map(({ cursor, node }) => ({
        cursor,
        node: node.achievement,
        relevance: Number(node.relevance),
      })),
    };
  }

  /**
   * Registers an achievement of an institute (its editors). With an idempotency key, a retry
   * returns the first achievement instead of registering a second.
   */
  async register(
    input: RegisterAchievementInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<AchievementEntity> {
    try {
      return await once(this.db, 'institutes', idempotency, {
        prepare: () => this.prepareRegistration(input, caller),
        idOf: (achievement) => achievement.id,
        load: (id) => this.visibleAchievement(id, caller),
      });
    } catch (error) {
      if (violates(error, 'achievement_institute_id_fkey')) {
        throw new NotFoundError('Institute', input.instituteId, 'input.instituteId');
      }
      throw error;
    }
  }

  private async prepareRegistration(
    input: RegisterAchievementInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<AchievementEntity>> {
    requireInstituteEditor(caller);
    const trl = trlLevel(input.trl, 'input.trl');
    const row = {
      id: randomUUID(),
      instituteId: input.instituteId,
      title: requiredText(input.title, 'input.title', TITLE_MAX),
      titleZh: optionalText(input.titleZh, 'input.titleZh', TITLE_MAX) || null,
      summary: optionalText(input.summary, 'input.summary', SUMMARY_MAX),
      ipcCodes: parseIpcCodes(input.ipcCodes, 'input.ipcCodes'),
      keywords: keywordList(input.keywords, 'input.keywords'),
      trl,
      trlNote: optionalText(input.trlNote, 'input.trlNote', NOTE_MAX),
      trlChangedOn: input.trlAssessedOn
        ? parseDay(input.trlAssessedOn, 'input.trlAssessedOn', { notInFuture: true })
        : chinaToday(),
      developmentStatus: developmentStatus(input.developmentStatus, 'input.developmentStatus'),
      visibility: input.visibility ?? 'MEMBERS',
      awards: awardList(input.awards ?? [], 'input.awards'),
      illustrative: false,
    };
    const [institute] = await this.institutes.findByIds([input.instituteId]);
    if (!institute) throw new NotFoundError('Institute', input.instituteId, 'input.instituteId');
    requireEditorOf(caller, institute.id);
    return async (tx) => {
      const achievement = await this.achievements.register(row, by(caller), tx);
      await this.recordAchievement(tx, 'registerAchievement', null, achievement);
      return achievement;
    };
  }

  async update(input: UpdateAchievementInput, caller: Caller): Promise<AchievementEntity> {
    requireInstituteEditor(caller);
    const changes: Partial<AchievementEntity> = {};
    if (isGiven(input.title)) changes.title = requiredText(input.title, 'input.title', TITLE_MAX);
    if (isGiven(input.titleZh))
      changes.titleZh = optionalText(input.titleZh, 'input.titleZh', TITLE_MAX) || null;
    if (isGiven(input.summary)) changes.summary = optionalText(input.summary, 'input.summary', SUMMARY_MAX);
    if (isGiven(input.ipcCodes)) changes.ipcCodes = parseIpcCodes(input.ipcCodes, 'input.ipcCodes');
    if (isGiven(input.keywords)) changes.keywords = keywordList(input.keywords, 'input.keywords');
    if (isGiven(input.developmentStatus)) {
      changes.developmentStatus = developmentStatus(input.developmentStatus, 'input.developmentStatus');
    }
    if (isGiven(input.visibility)) changes.visibility = input.visibility;
    if (isGiven(input.awards)) changes.awards = awardList(input.awards, 'input.awards');
    const updated = await this.achievements.change(
      input.achievementId,
      caller,
      (current) => {
        requireEditorOf(caller, current.instituteId);
        return { changes };
      },
      (tx, before, after) => this.recordAchievement(tx, 'updateAchievement', before, after),
    );
    if (!updated) throw new NotFoundError('Achievement', input.achievementId, 'input.achievementId');
    return updated;
  }

  /**
   * Sets an achievement's TRL and records the change. With an idempotency key, a retry returns
   * the achievement as it now is instead of recording the change (and its audit entry) again.
   */
  async changeTrl(
    input: ChangeTrlInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<AchievementEntity> {
    return once(this.db, 'institutes', idempotency, {
      prepare: async () => {
        requireInstituteEditor(caller);
        const trl = trlLevel(input.trl, 'input.trl');
        const note = requiredText(input.note, 'input.note', NOTE_MAX);
        const given = input.changedOn
          ? parseDay(input.changedOn, 'input.changedOn', { notInFuture: true })
          : null;
        return (tx) => this.recordTrl(input.achievementId, trl, note, given, caller, tx);
      },
      idOf: (achievement) => achievement.id,
      load: (id) => this.visibleAchievement(id, caller),
    });
  }

  /** The TRL change, its history row and its audit entry, in the transaction `tx`. */
  private async recordTrl(
    achievementId: string,
    trl: number,
    note: string,
    given: string | null,
    caller: Caller,
    tx: EntityManager,
  ): Promise<AchievementEntity> {
    const updated = await this.achievements.change(
      achievementId,
      caller,
      (current) => {
        requireEditorOf(caller, current.instituteId);
        // Today is read under the row lock: changes queued across midnight keep their order.
        const changedOn = given ?? chinaToday();
        if (changedOn < current.trlChangedOn) {
          throw new BadUserInputError(
            `input.changedOn must not precede the last TRL change on ${current.trlChangedOn}`,
            'input.changedOn',
          );
        }
        return {
          changes: { trl, trlNote: note, trlChangedOn: changedOn },
          trlChange: { from: current.trl, to: trl, changedOn, note, by: by(caller) },
        };
      },
      (within, before, after) => this.recordAchievement(within, 'changeTrl', before, after),
      tx,
    );
    if (!updated) throw new NotFoundError('Achievement', achievementId, 'input.achievementId');
    return updated;
  }

  /** The achievement a key's first request made or changed, as the caller sees it. */
  private async visibleAchievement(id: string, caller: Caller): Promise<AchievementEntity> {
    const [achievement] = await this.achievements.findByIds([id], caller);
    if (!achievement) throw new NotFoundError('Achievement', id);
    return achievement;
  }

  private recordAchievement(
    tx: EntityManager,
    operation: string,
    before: AchievementEntity | null,
    after: AchievementEntity,
  ): Promise<void> {
    return this.audit.record(tx, { operation, entityType: 'Achievement', entityId: after.id, before, after });
  }
}

function developmentStatus(value: DevelopmentStatus, field: string): DevelopmentStatus {
  if (!DEVELOPMENT_STATUSES.includes(value)) throw new BadUserInputError(`${field} is not a status`, field);
  return value;
}

function by(caller: Caller): string {
  return caller.subject ?? 'unknown';
}
