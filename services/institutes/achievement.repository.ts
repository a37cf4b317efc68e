import { firstOfEach } from '../../shared/first-of-each';
import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../../shared/identity';
import { type PageRequest, type SortKey, applyKeyset, keysetPage, keysetSql } from '../../shared/pagination';
import { visibleAchievements } from './access';
import { AchievementEntity } from './entities/achievement.entity';
import type { DevelopmentStatus } from './generated/graphql';
import { TrlChangeEntity } from './entities/trl-change.entity';
import { WALK, searchWindowSql } from './search-window';

/** Newest first, ties by id. */
const ACHIEVEMENT_ORDER: SortKey[] = [
  { expr: 'a.created_at', descending: true },
  { expr: 'a.id', descending: true },
];

/** A validated achievement filter; every given condition must hold. */
export interface AchievementFilter {
  instituteId?: string | null;
  minTrl?: number | null;
  /** Canonical start of an IPC code, e.g. `C08` or `C08J 5/`. */
  ipcPrefix?: string | null;
  developmentStatus?: DevelopmentStatus | null;
  /** A lower-case keyword the achievement lists. */
  keyword?: string | null;
}

/**
 * Whether the filter holds a condition the search window cannot walk: any but the institute,
 * which the words table carries (a walk keeps to that institute's achievements).
 */
function needsEveryMatch(filter: AchievementFilter): boolean {
  return Object.entries(filter).some(
    ([name, value]) => name !== 'instituteId' && value !== null && value !== undefined,
  );
}

/** Keyset of the newest-first order: [createdAt ISO string, id]. */
export type AchievementKey = [string, string];

export function achievementKey(a: AchievementEntity): AchievementKey {
  return [a.createdAt.toISOString(), a.id];
}

/** An achievement found by full-text search, with its relevance (a decimal string, 6 places). */
export interface SearchHit {
  achievement: AchievementEntity;
  relevance: string;
}

/** Keyset of the by-relevance order: [relevance decimal string, id]. */
export type SearchKey = [string, string];

export const searchKey = (hit: SearchHit): SearchKey => [hit.relevance, hit.achievement.id];

// Rounded to a fixed-point numeric so the cursor carries it exactly (no float round trip);
// ties are broken by id, so the order is total.
const RELEVANCE = `round(CAST(ts_rank(a.search, websearch_to_tsquery('english', :query)) AS numeric), 6)`;

/** Most relevant first, ties by id (ascending), over the ranked matches `m` (id, relevance). */
const HIT_ORDER: SortKey[] = [
  { expr: 'm.relevance', descending: true, cast: 'numeric' },
  { expr: 'm.id', descending: false },
];

/** A new achievement as stored, with the TRL record of its registration. */
export type NewAchievement = Omit<AchievementEntity, 'createdAt' | 'updatedAt'>;

/** Reads achievements, always through the caller's visibility, and writes them in transactions. */
export class AchievementRepository {
  constructor(private readonly db: DataSource) {}

  private visible(
    caller: Caller,
    alias = 'a',
    manager?: EntityManager,
  ): SelectQueryBuilder<AchievementEntity> {
    const rule = visibleAchievements(caller, alias);
    return (manager ?? this.db.manager)
      .createQueryBuilder(AchievementEntity, alias)
      .where(rule.sql, rule.params);
  }

  async findByIds(ids: readonly string[], caller: Caller): Promise<AchievementEntity[]> {
    return this.visible(caller).andWhere('a.id IN (:...ids)', { ids }).getMany();
  }

  /** Which of these ids exist at all, whoever may see them (to tell hidden from missing). */
  async existingIds(ids: readonly string[]): Promise<{ id: string }[]> {
    return this.db
      .createQueryBuilder(AchievementEntity, 'a')
      .select('a.id', 'id')
      .where('a.id IN (:...ids)', { ids })
      .getRawMany<{ id: string }>();
  }

  private filtered(filter: AchievementFilter, caller: Caller): SelectQueryBuilder<AchievementEntity> {
    const query = this.visible(caller);
    if (filter.instituteId)
      query.andWhere('a.institute_id = :instituteId', { instituteId: filter.instituteId });
    if (filter.minTrl) query.andWhere('a.trl >= :minTrl', { minTrl: filter.minTrl });
    if (filter.developmentStatus) {
      query.andWhere('a.development_status = :developmentStatus', {
        developmentStatus: filter.developmentStatus,
      });
    }
    if (filter.keyword) query.andWhere('a.keywords @> ARRAY[:keyword]::text[]', { keyword: filter.keyword });
    if (filter.ipcPrefix) {
      query.andWhere(`EXISTS (SELECT 1 FROM unnest(a.ipc_codes) code WHERE code LIKE :ipcPrefix)`, {
        ipcPrefix: `${filter.ipcPrefix.replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    return query;
  }

  /** One page in newest-first order, plus the total that matches the filter. */
  async page(
    filter: AchievementFilter,
    page: PageRequest<AchievementKey>,
    caller: Caller,
  ): Promise<{ rows: AchievementEntity[]; total: number }> {
    const query = this.filtered(filter, caller);
    return keysetPage(query, ACHIEVEMENT_ORDER, page);
  }

  /**
   * One page of a full-text search (PostgreSQL `websearch_to_tsquery` over the GIN-indexed
   * `search` vector: title weighted above keywords above summary), most relevant first, and
   * how many achievements match: one statement, which finds and ranks the matches once and
   * counts them on the way (`count(*) OVER ()`) before the page is cut. Only a page past the
   * last match, which carries no count, sends a second statement to count.
   *
   * Without filters, or filtered by institute alone, only the search window's candidates are
   * read (search-window.ts), so the work is bounded whatever the number of matches; `exact`
   * says whether they were all of them. With other filters every match is read and ranked,
   * and the search is exact.
   */
  async search(
    text: string,
    filter: AchievementFilter,
    page: PageRequest<SearchKey>,
    caller: Caller,
  ): Promise<{ hits: SearchHit[]; total: number; exact: boolean }> {
    const matches = this.filtered(filter, caller).andWhere(
      `a.search @@ websearch_to_tsquery('english', :query)`,
      { query: text },
    );
    const window = needsEveryMatch(filter) ? null : searchWindowSql(caller, filter.instituteId ?? null);
    // Each match is ranked in the scan, and only its id and relevance reach the count: left
    // to the planner, the count's window stored every match's whole `search` vector and
    // ranked it after (`OFFSET 0` keeps the subquery a step of its own).
    const scored = matches.clone().select('a.id', 'id').addSelect(RELEVANCE, 'relevance');
    // With a window, each candidate is looked up by id and tested (the fenced lateral keeps
    // the planner from finding every match through the GIN index instead).
    const source = window
      ? `(SELECT m.* FROM (${window.candidates}) c CROSS JOIN LATERAL (${scored.clone().andWhere('a.id = c.id').getQuery()} OFFSET 0) m)`
      : `(${scored.getQuery()} OFFSET 0)`;
    const params = { ...scored.getParameters(), ...window?.params };
    const ranked = this.db
      .createQueryBuilder()
      .select('r.id', 'id')
      .addSelect('r.relevance', 'relevance')
      .addSelect('count(*) OVER ()', 'total')
      .from(source, 'r')
      .setParameters(params);
    // The page is cut from the ranked matches before the rows are read: only its rows are joined.
    const pageOfMatches = applyKeyset(
      this.db.createQueryBuilder().select('m.*').from(`(${ranked.getQuery()})`, 'm'),
      HIT_ORDER,
      page,
    );
    const exactSql = window ? `(${window.exact})` : 'true';
    // Both statements below read the walk, written once before them.
    const withWalk = <T extends SelectQueryBuilder<ObjectLiteral>>(query: T): T =>
      window ? query.addCommonTableExpression(window.walk, WALK) : query;
    // The page joined as `m` too, so the rows come back in the page's own fetch order.
    const rows = withWalk(this.db.createQueryBuilder(AchievementEntity, 'a'))
      .innerJoin(`(${pageOfMatches.getQuery()})`, 'm', 'm.id = a.id')
      .addSelect('m.relevance', 'relevance')
      .addSelect('m.total', 'total')
      .addSelect(exactSql, 'exact')
      .setParameters({ ...params, ...pageOfMatches.getParameters() });
    for (const { expr, direction } of keysetSql(HIT_ORDER, page).orderBy) rows.addOrderBy(expr, direction);
    const { entities, raw } = await rows.getRawAndEntities<{
      a_id: string;
      relevance: string;
      total: string;
      exact: boolean;
    }>();
    const relevanceOf = new Map(raw.map((row) => [row.a_id, row.relevance]));
    const hits = entities.map((achievement) => ({
      achievement,
      relevance: relevanceOf.get(achievement.id)!,
    }));
    const first = raw[0];
    if (first) return { hits, total: Number(first.total), exact: first.exact };
    // A page past the last match: count the matches (the window's, if any) on their own.
    const counted = await withWalk(this.db.createQueryBuilder())
      .select('count(*)', 'total')
      .addSelect(exactSql, 'exact')
      .from(source, 'r')
      .setParameters(params)
      .getRawOne<{ total: string; exact: boolean }>();
    return { hits, total: Number(counted!.total), exact: counted!.exact };
  }

  /** The newest `limit` achievements of each institute, in one statement for all of them. */
  async newestOfInstitutes(
    instituteIds: readonly string[],
    limit: number,
    caller: Caller,
  ): Promise<AchievementEntity[]> {
    const ranked = this.visible(caller, 'v')
      .select('v.id', 'id')
      .addSelect(
        'row_number() OVER (PARTITION BY v.institute_id ORDER BY v.created_at DESC, v.id DESC)',
        'rank',
      )
      .andWhere('v.institute_id IN (:...instituteIds)', { instituteIds });
    return this.db
      .createQueryBuilder(AchievementEntity, 'a')
      .where(`a.id IN (SELECT r.id FROM (${ranked.getQuery()}) r WHERE r.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .getMany();
  }

  /** The ids of the achievements of these institutes that the caller may see, in one statement. */
  async idsOfInstitutes(
    instituteIds: readonly string[],
    caller: Caller,
  ): Promise<{ instituteId: string; id: string }[]> {
    return this.visible(caller)
      .select('a.institute_id', 'instituteId')
      .addSelect('a.id', 'id')
      .andWhere('a.institute_id = ANY(:instituteIds)', { instituteIds })
      .getRawMany<{ instituteId: string; id: string }>();
  }

  /** The TRL records of these achievements, oldest first. */
  async trlHistoryOf(achievementIds: readonly string[], limit: number): Promise<TrlChangeEntity[]> {
    const query = this.db
      .createQueryBuilder(TrlChangeEntity, 't')
      .where('t.achievement_id IN (:...achievementIds)', { achievementIds });
    return firstOfEach(query, { alias: 't', key: 'seq', partition: 'achievement_id', order: 't.seq', limit })
      .orderBy('t.seq')
      .getMany();
  }

  /** Inserts an achievement and the record of its registered TRL, in one transaction. */
  async register(
    achievement: NewAchievement,
    by: string,
    within: EntityManager = this.db.manager,
  ): Promise<AchievementEntity> {
    return within.transaction(async (tx) => {
      await tx.insert(AchievementEntity, achievement);
      await tx.insert(TrlChangeEntity, {
        achievementId: achievement.id,
        from: null,
        to: achievement.trl,
        changedOn: achievement.trlChangedOn,
        note: achievement.trlNote,
        by,
      });
      return tx.findOneByOrFail(AchievementEntity, { id: achievement.id });
    });
  }

  /**
   * Changes an achievement in one transaction: locks its row (as the caller sees it), lets
   * `decide` check the rules against the current state and return the changes (throwing
   * refuses the write), stores them and, when the TRL changed, records the change;
   * `recorded` writes the audit entry in the same transaction (`within`, when the caller
   * holds one: an idempotency key's claim). Null when the caller sees no such achievement.
   */
  async change(
    id: string,
    caller: Caller,
    decide: (current: AchievementEntity) => {
      changes: Partial<Omit<AchievementEntity, 'id' | 'instituteId' | 'createdAt' | 'updatedAt'>>;
      trlChange?: Pick<TrlChangeEntity, 'from' | 'to' | 'changedOn' | 'note' | 'by'>;
    },
    recorded: (tx: EntityManager, before: AchievementEntity, after: AchievementEntity) => Promise<void>,
    within: EntityManager = this.db.manager,
  ): Promise<AchievementEntity | null> {
    return within.transaction(async (tx) => {
      const current = await this.visible(caller, 'a', tx)
        .andWhere('a.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) return null;
      const { changes, trlChange } = decide(current);
      await tx
        .createQueryBuilder()
        .update(AchievementEntity)
        .set({ ...changes, updatedAt: () => 'now()' })
        .where('id = :id', { id })
        .execute();
      if (trlChange) await tx.insert(TrlChangeEntity, { achievementId: id, ...trlChange });
      const after = await tx.findOneByOrFail(AchievementEntity, { id });
      await recorded(tx, current, after);
      return after;
    });
  }
}
