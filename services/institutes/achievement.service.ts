import type { DataSource, EntityManager } from 'typeorm';
import { once, type IdempotentRequest } from '../../shared/idempotency';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../shared/audit';
import { violates } from '../../shared/database';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../shared/errors';
import type { Caller } from '../../shared/identity';
import {
  isStringPair,
  pageRequest,
  toConnection,
  type Connection,
  type PageArgs,
} from '../../shared/pagination';
import { isEditorOf, isInstituteEditor } from './access';
import {
  achievementKey,
  searchKey,
  type AchievementFilter,
  type AchievementRepository,
  type SearchHit,
} from './achievement.repository';
import { DEVELOPMENT_STATUSES, type AchievementEntity } from './entities/achievement.entity';
import type { PatentEntity } from './entities/patent.entity';
import type {
  AchievementFilter as AchievementFilterInput,
  AddPatentInput,
  AddResearcherInput,
  ChangeTrlInput,
  DevelopmentStatus,
  RegisterAchievementInput,
  SetInventorsInput,
  UpdateAchievementInput,
  UpdatePatentInput,
} from './generated/graphql';
import type { ResearcherEntity } from './entities/researcher.entity';
import type { InstituteRepository } from './institute.repository';
import { chinaToday, parseDay } from '../../shared/dates';
import { parseIpcCodes } from '../../shared/ipc';
import {
  isGiven,
  keywordList,
  nextStatus,
  optionalText,
  requiredText,
  technologyFilter,
  trlLevel,
} from '../../shared/validation';
import type { PatentRepository } from './patent.repository';
import type { ResearcherRepository } from './researcher.repository';
import {
  PATENT_TRANSITIONS,
  awardList,
  inventorShares,
  jurisdiction,
  patentDates,
  patentNumber,
} from './validation';

/** Validates a filter; BAD_USER_INPUT names `filter.<field>`. */
export function parseAchievementFilter(input: AchievementFilterInput | null | undefined): AchievementFilter {
  if (!input) return {};
  const filter: AchievementFilter = technologyFilter(input);
  if (input.instituteId) filter.instituteId = input.instituteId;
  if (isGiven(input.minTrl)) filter.minTrl = trlLevel(input.minTrl, 'filter.minTrl');
  if (input.developmentStatus) filter.developmentStatus = input.developmentStatus;
  return filter;
}

const TITLE_MAX = 200;
const SUMMARY_MAX = 4000;
const NOTE_MAX = 1000;
const SEARCH_MAX = 200;

function requireInstituteEditor(caller: Caller): void {
  if (!isInstituteEditor(caller)) throw new ForbiddenError("Only an institute's editors change its records");
}

function requireEditorOf(caller: Caller, instituteId: string): void {
  if (!isEditorOf(caller, instituteId)) {
    throw new ForbiddenError(`Only the editors of institute ${instituteId} change its records`);
  }
}

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
    private readonly patents: PatentRepository,
    private readonly researchers: ResearcherRepository,
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
  }> {
    const query = requiredText(text, 'query', SEARCH_MAX);
    const page = pageRequest(args, isStringPair, 'search');
    const filter = parseAchievementFilter(filterInput);
    const { hits, total } = await this.achievements.search(query, filter, page, caller);
    const connection = toConnection<SearchHit>(hits, page, searchKey, total);
    return {
      ...connection,
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

  async setInventors(input: SetInventorsInput, caller: Caller): Promise<void> {
    requireInstituteEditor(caller);
    const inventors = inventorShares(input.inventors, 'input.inventors');
    const found = await this.researchersById(inventors.map((i) => i.researcherId));
    inventors.forEach((inventor, index) => {
      if (!found.has(inventor.researcherId)) {
        throw new NotFoundError(
          'Researcher',
          inventor.researcherId,
          `input.inventors[${index}].researcherId`,
        );
      }
    });
    let replaced: boolean;
    try {
      replaced = await this.researchers.replaceInventors(
        input.achievementId,
        caller,
        (instituteId) => requireEditorOf(caller, instituteId),
        inventors,
        (tx, before, after) =>
          this.audit.record(tx, {
            operation: 'setInventors',
            entityType: 'Achievement',
            entityId: input.achievementId,
            before: { inventors: before },
            after: { inventors: after },
          }),
      );
    } catch (error) {
      if (violates(error, 'inventor_shares_sum_100')) {
        throw new BadUserInputError('input.inventors shares must sum to exactly 100', 'input.inventors');
      }
      throw error;
    }
    if (!replaced) throw new NotFoundError('Achievement', input.achievementId, 'input.achievementId');
  }

  /**
   * Adds a researcher to an institute (its editors). With an idempotency key, a retry returns
   * the first researcher instead of adding a second.
   */
  async addResearcher(
    input: AddResearcherInput,
    caller: Caller,
    idempotency: IdempotentRequest | null = null,
  ): Promise<ResearcherEntity> {
    return once(this.db, 'institutes', idempotency, {
      prepare: () => this.prepareResearcher(input, caller),
      idOf: (researcher) => researcher.id,
      load: async (id) => {
        const [researcher] = await this.researchers.findByIds([id]);
        if (!researcher) throw new NotFoundError('Researcher', id);
        return researcher;
      },
    });
  }

  private async prepareResearcher(
    input: AddResearcherInput,
    caller: Caller,
  ): Promise<(tx: EntityManager) => Promise<ResearcherEntity>> {
    requireInstituteEditor(caller);
    const row = {
      id: randomUUID(),
      instituteId: input.instituteId,
      name: requiredText(input.name, 'input.name', 200),
      title: optionalText(input.title, 'input.title', 200) || null,
      illustrative: false,
    };
    const [institute] = await this.institutes.findByIds([input.instituteId]);
    if (!institute) throw new NotFoundError('Institute', input.instituteId, 'input.instituteId');
    requireEditorOf(caller, institute.id);
    return async (tx) => {
      const researcher = await this.researchers.insert(row, tx);
      await this.audit.record(tx, {
        operation: 'addResearcher',
        entityType: 'Researcher',
        entityId: researcher.id,
        before: null,
        after: researcher,
      });
      return researcher;
    };
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

  private async researchersById(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    return new Set((await this.researchers.findByIds(ids)).map((r) => r.id));
  }
}

function developmentStatus(value: DevelopmentStatus, field: string): DevelopmentStatus {
  if (!DEVELOPMENT_STATUSES.includes(value)) throw new BadUserInputError(`${field} is not a status`, field);
  return value;
}

function by(caller: Caller): string {
  return caller.subject ?? 'unknown';
}
