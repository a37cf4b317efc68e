import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { PeerClient } from '../../shared/peers';
import { AuditLog, auditActor, type RequestMeta } from '../../shared/audit';
import type { Caller } from '../../shared/identity';
import {
  groupedInKeyOrder,
  loaderById,
  loaderFamily,
  loaderOfChildren,
  loadersByIdOfColumns,
} from '../../shared/loaders';
import { ALL_COLUMNS, type ColumnsKey } from '../../shared/selected-columns';
import type { RequestContext } from '../../shared/subgraph-server';
import { EnterprisesMetrics } from './metrics';
import { DemandRepository } from './demand.repository';
import { DemandService } from './demand.service';
import { EnterpriseRepository } from './enterprise.repository';
import type { EnterpriseEntity } from './entities/enterprise.entity';
import type { ProductEntity } from './entities/product.entity';
import { EnterpriseSearchRepository } from './search.repository';
import type { TechnologyDemandEntity } from './entities/technology-demand.entity';
import type { DemandStatus } from './generated/graphql';
import { MatchingRepository, type AchievementProfile, type DemandMatchRow } from './matching.repository';

/** An enterprise's products: at most 50 (the SDL's `@listSize`). */
const PRODUCTS_MAX = 50;

/** What the enterprises resolvers get for one request. */
export interface EnterprisesContext extends RequestContext {
  /** This subgraph's figures for the alliance dashboard. */
  metrics: EnterprisesMetrics;
  enterprises: EnterpriseRepository;
  demands: DemandService;
  /** The enterprises' part of the search across the graph. */
  search: EnterpriseSearchRepository;
  loaders: {
    enterprise: DataLoader<string, EnterpriseEntity | null>;
    /** Enterprises with only the columns of a selection (a `columnsAsked` key). */
    enterpriseWith: (columns: ColumnsKey) => DataLoader<string, EnterpriseEntity | null>;
    /** The products of enterprises, by name: one statement per batch. */
    productsOf: DataLoader<string, ProductEntity[]>;
    demand: DataLoader<string, TechnologyDemandEntity | null>;
    /** The newest demands of enterprises, per status filter and page size. */
    demandsOf: (status: DemandStatus | null, limit: number) => DataLoader<string, TechnologyDemandEntity[]>;
    /** Demands that achievements could meet, one statement per batch and page size. */
    matchingDemandsOf: (limit: number) => DataLoader<AchievementProfile, DemandMatchRow[], string>;
  };
}

/** Fresh repositories, services and DataLoaders for each request: nothing is cached across callers. */
export function createContext(
  db: DataSource,
  caller: Caller,
  _peers: PeerClient,
  request: RequestMeta,
): EnterprisesContext {
  const enterprises = new EnterpriseRepository(db);
  const demands = new DemandRepository(db);
  const matching = new MatchingRepository(db);
  const demandsOf = loaderFamily((key: string) => {
    const [status, limit] = JSON.parse(key) as [DemandStatus | null, number];
    return loaderOfChildren(
      (ids) => demands.newestOfEnterprises(ids, status, limit),
      (d) => d.enterpriseId,
    );
  });
  const audit = new AuditLog(db, 'enterprises', auditActor(caller, request));
  const enterpriseWith = loadersByIdOfColumns<EnterpriseEntity>((ids, columns) =>
    enterprises.findByIds(ids, columns),
  );
  return {
    caller,
    audit,
    metrics: new EnterprisesMetrics(db),
    enterprises,
    demands: new DemandService(db, audit, demands, enterprises),
    search: new EnterpriseSearchRepository(db),
    loaders: {
      enterprise: enterpriseWith(ALL_COLUMNS),
      enterpriseWith,
      productsOf: loaderOfChildren(
        (ids) => enterprises.productsOf(ids, PRODUCTS_MAX),
        (p) => p.enterpriseId,
      ),
      demand: loaderById((ids) => demands.findByIds(ids)),
      demandsOf: (status, limit) => demandsOf(JSON.stringify([status, limit])),
      matchingDemandsOf: loaderFamily(
        (limit: number) =>
          new DataLoader<AchievementProfile, DemandMatchRow[], string>(
            async (achievements) =>
              groupedInKeyOrder(
                achievements.map((a) => a.id),
                await matching.matchingDemands(achievements, limit),
                (row) => row.achievementId,
              ),
            { cacheKeyFn: (achievement) => achievement.id },
          ),
      ),
    },
  };
}
