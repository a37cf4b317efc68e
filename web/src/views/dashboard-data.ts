/** The dashboard's operations and the shapes its parts and its CSV read. */
import { graphql } from '../gql';
import type { DashboardCapitalQuery, DashboardMetricsQuery } from '../gql/graphql';

export const DashboardMetrics = graphql(`
  query DashboardMetrics {
    allianceMetrics {
      governingUnits
      members
      transformationProjects
      keyProjects
      centralSoes
      funnel {
        docked
        evaluated
        proofOfConcept
        pilot
        industrialization
        commercialized
      }
      governingUnitGrowth {
        date
        governingUnits
      }
      capitalCommitted {
        amount
        currency
      }
      capitalDisbursed {
        amount
        currency
      }
      goals {
        ...AllianceGoalFields
      }
    }
  }
`);

export const DashboardCapital = graphql(`
  query DashboardCapital {
    allianceMetrics {
      capitalByFundAndStage {
        fund {
          name
        }
        stage
        amount {
          amount
          currency
        }
      }
    }
  }
`);

export type Metrics = NonNullable<DashboardMetricsQuery['allianceMetrics']>;
type CapitalRows = NonNullable<
  NonNullable<DashboardCapitalQuery['allianceMetrics']>['capitalByFundAndStage']
>;
export type FunnelStep = keyof Omit<Metrics['funnel'], '__typename'>;
export type InvestmentStage = CapitalRows[number]['stage'];

export const FUNNEL_STEPS: FunnelStep[] = [
  'docked',
  'evaluated',
  'proofOfConcept',
  'pilot',
  'industrialization',
  'commercialized',
];
export const STAGES: InvestmentStage[] = ['PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION', 'GROWTH'];
export const STAGE_COLOURS = ['#8fb3e0', '#4f86c6', '#1d3f72', '#f0a500'];

/** Capital that binds a fund (committed or paid out), by fund, stage and currency: exact sums. */
export interface CapitalCell {
  fund: string;
  stage: InvestmentStage;
  currency: string;
  amount: string;
}

/** The funds subgraph sums the capital (exactly, in SQL); the view only names the cells. */
export function capitalByFundAndStage(rows: CapitalRows): CapitalCell[] {
  return rows.map((row) => ({
    fund: row.fund.name,
    stage: row.stage,
    currency: row.amount.currency,
    amount: row.amount.amount,
  }));
}
