import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AuditLog, auditActor, type RequestMeta } from '../../shared/audit';
import type { Caller } from '../../shared/identity';
import {
  groupedInKeyOrder,
  loadManyAndKeep,
  loaderById,
  loaderFamily,
  loaderOfChildren,
} from '../../shared/loaders';
import { serviceLogger } from '../../shared/logger';
import { partyScopeOf } from '../../shared/parties';
import type { PeerClient } from '../../shared/peers';
import type { RequestContext } from '../../shared/subgraph-server';
import type { AchievementViewer } from './access';
import { InstitutesMetrics } from './metrics';
import { AchievementRepository } from './achievement.repository';
import { AchievementService } from './achievement.service';
import { PatentService } from './patent.service';
import { ResearcherService } from './researcher.service';
import type { AchievementEntity } from './entities/achievement.entity';
import type { InstituteEntity } from './entities/institute.entity';
import type { InventorEntity } from './entities/inventor.entity';
import type { PatentEntity } from './entities/patent.entity';
import type { ResearcherEntity } from './entities/researcher.entity';
import type { TrlChangeEntity } from './entities/trl-change.entity';
import { InstituteRepository } from './institute.repository';
import { MatchingRepository, type CandidateRow, type DemandProfile } from './matching.repository';
import { PatentRepository } from './patent.repository';
import { ResearcherRepository } from './researcher.repository';
import { InstituteSearchRepository } from './search.repository';
import { GraphSearch } from './search.service';

/** What the institutes resolvers get for one request. */
export interface InstitutesContext extends RequestContext {
  /** This subgraph's figures for the alliance dashboard. */
  metrics: InstitutesMetrics;
  institutes: InstituteRepository;
  service: AchievementService;
  patentService: PatentService;
  researcherService: ResearcherService;
  /** The search across the graph (`searchGraph`). */
  graphSearch: GraphSearch;
  loaders: {
    achievement: DataLoader<string, AchievementEntity | null>;
    /**
     * Achievements with their institutes read for the whole batch (the `institute` loader's
     * one statement) and kept there (`keptOrLoad`), so that each achievement's `institute`
     * answers without a promise.
     */
    achievementWithInstitute: DataLoader<string, AchievementEntity | null>;
    institute: DataLoader<string, InstituteEntity | null>;
    researcher: DataLoader<string, ResearcherEntity | null>;
    patent: DataLoader<string, PatentEntity | null>;
    /** Whether an achievement exists at all, visible or not (one statement per batch). */
    achievementExists: DataLoader<string, boolean>;
    newestAchievementsOf: (limit: number) => DataLoader<string, AchievementEntity[]>;
    /** Ids of an institute's achievements the caller may see (the project board's filter). */
    achievementIdsOf: DataLoader<string, string[]>;
    /** The first `limit` of each parent's children: one statement per batch and limit. */
    researchersOf: (limit: number) => DataLoader<string, ResearcherEntity[]>;
    inventorsOf: DataLoader<string, InventorEntity[]>;
    patentsOf: (limit: number) => DataLoader<string, PatentEntity[]>;
    trlHistoryOf: (limit: number) => DataLoader<string, TrlChangeEntity[]>;
    /** Candidate achievements of demands, one statement per batch and page size. */
    candidatesOf: (limit: number) => DataLoader<DemandProfile, CandidateRow[], string>;
  };
}

const log = serviceLogger('institutes');

/**
 * Fresh repositories, service and DataLoaders for each request: nothing is cached across
 * callers. An enterprise member's caller also carries the achievements of the projects its
 * enterprise leads (asked of the alliance), which it may see even when CONFIDENTIAL.
 */
export async function createContext(
  db: DataSource,
  identity: Caller,
  peers: PeerClient,
  request: RequestMeta,
): Promise<InstitutesContext> {
  const caller: AchievementViewer = {
    ...identity,
    partyAchievementIds: (await partyScopeOf(identity, peers, log)).achievementIds,
  };
  const achievements = new AchievementRepository(db);
  const institutes = new InstituteRepository(db);
  const patents = new PatentRepository(db);
  const researchers = new ResearcherRepository(db);
  const matching = new MatchingRepository(db);
  const audit = new AuditLog(db, 'institutes', auditActor(identity, request));
  const achievement = loaderById((ids) => achievements.findByIds(ids, caller));
  const institute = loaderById((ids) => institutes.findByIds(ids));
  return {
    caller,
    audit,
    metrics: new InstitutesMetrics(db),
    institutes,
    service: new AchievementService(db, audit, achievements, institutes),
    patentService: new PatentService(db, audit, achievements, patents),
    researcherService: new ResearcherService(db, audit, institutes, researchers),
    graphSearch: new GraphSearch(new InstituteSearchRepository(db), peers, caller, log),
    loaders: {
      achievement,
      achievementWithInstitute: new DataLoader(async (ids) => {
        const rows = await achievement.loadMany(ids);
        const found = rows.filter((row): row is AchievementEntity => row !== null && !(row instanceof Error));
        await loadManyAndKeep(
          institute,
          found.map((row) => row.instituteId),
        );
        return rows;
      }),
      institute,
      researcher: loaderById((ids) => researchers.findByIds(ids)),
      patent: loaderById((ids) => patents.findByIds(ids, caller)),
      achievementExists: new DataLoader(async (ids) => {
        const found = new Set((await achievements.existingIds(ids)).map((row) => row.id));
        return ids.map((id) => found.has(id));
      }),
      newestAchievementsOf: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => achievements.newestOfInstitutes(ids, limit, caller),
          (a) => a.instituteId,
        ),
      ),
      achievementIdsOf: new DataLoader(async (ids) =>
        groupedInKeyOrder(ids, await achievements.idsOfInstitutes(ids, caller), (row) => row.instituteId).map(
          (rows) => rows.map((row) => row.id),
        ),
      ),
      researchersOf: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => researchers.ofInstitutes(ids, limit),
          (r) => r.instituteId,
        ),
      ),
      inventorsOf: loaderOfChildren(
        (ids) => researchers.inventorsOf(ids),
        (i) => i.achievementId,
      ),
      patentsOf: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => patents.ofAchievements(ids, limit),
          (p) => p.achievementId,
        ),
      ),
      trlHistoryOf: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => achievements.trlHistoryOf(ids, limit),
          (t) => t.achievementId,
        ),
      ),
      candidatesOf: loaderFamily(
        (limit: number) =>
          new DataLoader<DemandProfile, CandidateRow[], string>(
            async (demands) =>
              groupedInKeyOrder(
                demands.map((d) => d.id),
                await matching.candidates(demands, limit, caller),
                (row) => row.demandId,
              ),
            { cacheKeyFn: (demand) => demand.id },
          ),
      ),
    },
  };
}
