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
import type { PeerClient } from '../../shared/peers';
import type { RequestContext } from '../../shared/subgraph-server';
import { serviceLogger } from '../../shared/logger';
import { partyScopeOf } from '../../shared/parties';
import type { InvestmentViewer } from './access';
import { FundsMetrics, confidentialCommitted } from './metrics';
import { capitalOfAlliances, capitalOfAllianceYears, type AllianceYearKey } from './alliance-capital';
import type { FundEntity } from './entities/fund.entity';
import type { InvestmentEntity } from './entities/investment.entity';
import { FundRepository } from './fund.repository';
import { InvestmentRepository } from './investment.repository';
import { InvestmentService } from './investment.service';
import { FundSearchRepository } from './search.repository';

/** What the funds resolvers get for one request. */
export interface FundsContext extends RequestContext {
  /** This subgraph's figures for the alliance dashboard. */
  metrics: FundsMetrics;
  funds: FundRepository;
  investments: InvestmentRepository;
  /** The funds' part of the search across the graph. */
  search: FundSearchRepository;
  investmentService: InvestmentService;
  /** Investment loaders read only what this caller may see. */
  loaders: {
    fund: DataLoader<string, FundEntity | null>;
    investment: DataLoader<string, InvestmentEntity | null>;
    /** The newest `limit` investments of each fund: one statement per batch and limit. */
    investmentsOfFund: (limit: number) => DataLoader<string, InvestmentEntity[]>;
    /**
     * The newest `limit` investments of each project, and, `withFunds`, their funds read for
     * the whole batch (the `fund` loader's one statement) and kept there (`keptOrLoad`), so
     * that each investment's `fund` and `amount` answer without a promise.
     */
    investmentsOfProject: (limit: number, withFunds: boolean) => DataLoader<string, InvestmentEntity[]>;
    investmentsOfEnterprise: (limit: number) => DataLoader<string, InvestmentEntity[]>;
    /** Ids of the projects a fund invests in, as the caller may see them. */
    projectIdsOfFund: DataLoader<string, string[]>;
    /** The binding amount of each fund's CONFIDENTIAL investments (metrics.ts `committedAsSeen`). */
    confidentialCommitted: DataLoader<string, string>;
    /** Every investment of each project, for its total. */
    allInvestmentsOfProject: DataLoader<string, InvestmentEntity[]>;
    /** The capital committed to each alliance's projects (alliance-capital.ts): one statement per batch. */
    capitalOfAlliance: DataLoader<string, string>;
    /** The capital committed to an alliance's projects in a year: one statement for every alliance and year. */
    capitalOfAllianceYear: DataLoader<AllianceYearKey, string, string>;
  };
}

const log = serviceLogger('funds');

/**
 * Fresh repositories and DataLoaders for each request. An enterprise member's caller also
 * carries the projects its enterprise leads (asked of the alliance): it may see their
 * CONFIDENTIAL investments.
 */
export async function createContext(
  db: DataSource,
  identity: Caller,
  peers: PeerClient,
  request: RequestMeta,
): Promise<FundsContext> {
  const caller: InvestmentViewer = {
    ...identity,
    partyProjectIds: (await partyScopeOf(identity, peers, log)).projectIds,
  };
  const funds = new FundRepository(db);
  const investments = new InvestmentRepository(db);
  const audit = new AuditLog(db, 'funds', auditActor(identity, request));
  const fund = loaderById((ids) => funds.findByIds(ids));
  const investmentsOfProject = loaderFamily((limit: number) =>
    loaderFamily(
      (withFunds: boolean) =>
        new DataLoader<string, InvestmentEntity[]>(async (projectIds) => {
          const lists = groupedInKeyOrder(
            projectIds,
            await investments.newestByTarget('project_id', projectIds, limit, caller),
            (i) => i.projectId ?? '',
          );
          if (withFunds)
            await loadManyAndKeep(
              fund,
              lists.flat().map((i) => i.fundId),
            );
          return lists;
        }),
    ),
  );
  return {
    caller,
    audit,
    metrics: new FundsMetrics(db),
    funds,
    investments,
    search: new FundSearchRepository(db),
    investmentService: new InvestmentService(db, audit, funds, investments, peers),
    loaders: {
      fund,
      confidentialCommitted: new DataLoader((ids: readonly string[]) => confidentialCommitted(db, ids)),
      investment: loaderById((ids) => investments.findByIds(ids, caller)),
      investmentsOfFund: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => investments.newestByTarget('fund_id', ids, limit, caller),
          (i) => i.fundId,
        ),
      ),
      investmentsOfProject: (limit, withFunds) => investmentsOfProject(limit)(withFunds),
      investmentsOfEnterprise: loaderFamily((limit: number) =>
        loaderOfChildren(
          (ids) => investments.newestByTarget('enterprise_id', ids, limit, caller),
          (i) => i.enterpriseId ?? '',
        ),
      ),
      projectIdsOfFund: new DataLoader(async (ids) =>
        groupedInKeyOrder(ids, await investments.investedProjects(ids, caller), (row) => row.fundId).map(
          (rows) => rows.map((row) => row.projectId),
        ),
      ),
      allInvestmentsOfProject: loaderOfChildren(
        (ids) => investments.byTarget('project_id', ids, caller),
        (i) => i.projectId ?? '',
      ),
      capitalOfAlliance: new DataLoader((ids: readonly string[]) => capitalOfAlliances(db, ids)),
      capitalOfAllianceYear: new DataLoader(
        (keys: readonly AllianceYearKey[]) => capitalOfAllianceYears(db, keys),
        {
          cacheKeyFn: (key) => `${key.allianceId}\n${key.year}`,
        },
      ),
    },
  };
}
