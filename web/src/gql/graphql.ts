/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Filters for achievement lists and searches; all given filters must hold. */
export type AchievementFilter = {
  /** Only achievements at this development status. */
  developmentStatus?: DevelopmentStatus | null | undefined;
  /** Only achievements of this institute. */
  instituteId?: string | number | null | undefined;
  /** Only achievements with an IPC code starting with this prefix: the technical field, e.g. `C08` or `C08J 5/`. */
  ipcPrefix?: string | null | undefined;
  /** Only achievements listing this keyword (case-insensitive). */
  keyword?: string | null | undefined;
  /** Only achievements at this TRL or above (1–9). */
  minTrl?: number | null | undefined;
};

/** The alliance's quantitative targets (the consortium's "10 / 100 / 1,000 / one trillion yuan"). */
export type AllianceTarget =
  /** 100 central state-owned enterprises taking part. */
  | 'CENTRAL_SOES'
  /** 10 key projects. */
  | 'KEY_PROJECTS'
  /** One trillion yuan of transaction volume. */
  | 'TRANSACTION_VOLUME'
  /** 1,000 transformation projects. */
  | 'TRANSFORMATION_PROJECTS';

/** Where a technology demand stands. */
export type DemandStatus =
  /** No longer pursued; final. */
  | 'CLOSED'
  /** Candidates are being discussed with their institutes (docking). */
  | 'IN_DOCKING'
  /** A technology has been found. */
  | 'MATCHED'
  /** Looking for technologies. */
  | 'OPEN';

/** How far an achievement has been developed, in the institute's own words. */
export type DevelopmentStatus =
  /** A demonstration or first industrial unit. */
  | 'DEMONSTRATION'
  /** In industrial production. */
  | 'INDUSTRIALIZED'
  /** Laboratory research. */
  | 'LABORATORY'
  /** Pilot scale-up. */
  | 'PILOT'
  /** The concept is being proven. */
  | 'PROOF_OF_CONCEPT';

/** How closely a technical field matches a wanted IPC field. */
export type FieldMatch =
  /** The same class, e.g. C08G for C08J. */
  | 'CLASS'
  /** The wanted code itself, or a code inside the wanted subclass. */
  | 'EXACT'
  /** The same main group, e.g. C08J 5/04 for C08J 5/18. */
  | 'MAIN_GROUP'
  /** No common class. */
  | 'NONE'
  /** The same subclass, e.g. C08J 9/00 for C08J 5/18. */
  | 'SUBCLASS';

/** A stage of a project at which a fund invests. */
export type InvestmentStage =
  /** Growth of an operating company. */
  | 'GROWTH'
  /** Industrialization. */
  | 'INDUSTRIALIZATION'
  /** Pilot scale-up. */
  | 'PILOT'
  /** Proof of concept. */
  | 'PROOF_OF_CONCEPT';

/** The kind of evidence behind a match. */
export type MatchReasonKind =
  /** The technical fields (IPC) match. */
  | 'FIELD_MATCH'
  /** Keywords of the demand are found in the achievement. */
  | 'KEYWORD_OVERLAP'
  /** The achievement's TRL is at or above the demand's minimum. */
  | 'TRL_READY';

/** Where a project is in its lifecycle. */
export type ProjectStage =
  /** Products are on the market. */
  | 'COMMERCIALIZED'
  /** An achievement and an enterprise are being matched. */
  | 'DOCKING'
  /** The technical expert committee evaluates it. */
  | 'EVALUATION'
  /** Building production. */
  | 'INDUSTRIALIZATION'
  /** Paused; resumes at the stage it left. */
  | 'ON_HOLD'
  /** Pilot scale-up at a pilot base. */
  | 'PILOT'
  /** Proof of concept. */
  | 'PROOF_OF_CONCEPT'
  /** Stopped for good. */
  | 'TERMINATED';

/** How widely an achievement may be seen. */
export type Visibility =
  /** Only the owning institute and the parties of its projects. */
  | 'CONFIDENTIAL'
  /** Any alliance member with a token. */
  | 'MEMBERS'
  /** Anyone, without a token. */
  | 'PUBLIC';

export type BoardPageQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type BoardPageQuery = { projects: { totalCount: number, edges: Array<{ node: { id: string, code: string, title: string, stage: ProjectStage } }> } };

export type DashboardMetricsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMetricsQuery = { allianceMetrics: { governingUnits: number, members: number, transformationProjects: number, keyProjects: number, centralSoes: number | null, funnel: { docked: number, evaluated: number, proofOfConcept: number, pilot: number, industrialization: number, commercialized: number }, governingUnitGrowth: Array<{ date: string, governingUnits: number }>, capitalCommitted: { amount: string, currency: string } | null, capitalDisbursed: { amount: string, currency: string } | null, targets: Array<{ target: AllianceTarget, goal: string, actual: string | null, unit: string, percent: string | null }> | null } };

export type DashboardCapitalQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardCapitalQuery = { allianceMetrics: { capitalByFundAndStage: Array<{ stage: InvestmentStage, fund: { name: string }, amount: { amount: string, currency: string } }> | null } };

export type SearchChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchChoicesQuery = { institutes: Array<{ id: string, name: string, shortName: string | null }>, enterprises: { edges: Array<{ node: { id: string, name: string } }> } };

export type SearchAchievementsQueryVariables = Exact<{
  query: string;
  filter?: AchievementFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchAchievementsQuery = { searchAchievements: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relevance: number, node: { id: string, title: string, summary: string, keywords: Array<string>, ipcCodes: Array<string>, trl: number, visibility: Visibility, institute: { name: string, shortName: string | null }, projects: Array<{ id: string, code: string, title: string }> } }> } };

export type EnterpriseDemandsQueryVariables = Exact<{
  id: string | number;
}>;


export type EnterpriseDemandsQuery = { enterprise: { id: string, name: string, demands: Array<{ id: string, title: string, ipcCode: string, keywords: Array<string>, minTrl: number, status: DemandStatus, deadline: string | null, budget: { amount: string, currency: string } | null, candidateAchievements: Array<{ score: number, fieldMatch: FieldMatch, matchedKeywords: Array<string>, reasons: Array<{ kind: MatchReasonKind, detail: string }>, achievement: { id: string, title: string, trl: number, institute: { shortName: string | null, name: string }, projects: Array<{ id: string, code: string, title: string }> } }> | null }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const BoardPageDocument = new TypedDocumentString(`
    query BoardPage($first: Int) {
  projects(first: $first) {
    totalCount
    edges {
      node {
        id
        code
        title
        stage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BoardPageQuery, BoardPageQueryVariables>;
export const DashboardMetricsDocument = new TypedDocumentString(`
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
    targets {
      target
      goal
      actual
      unit
      percent
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardMetricsQuery, DashboardMetricsQueryVariables>;
export const DashboardCapitalDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<DashboardCapitalQuery, DashboardCapitalQueryVariables>;
export const SearchChoicesDocument = new TypedDocumentString(`
    query SearchChoices {
  institutes {
    id
    name
    shortName
  }
  enterprises(first: 100) {
    edges {
      node {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SearchChoicesQuery, SearchChoicesQueryVariables>;
export const SearchAchievementsDocument = new TypedDocumentString(`
    query SearchAchievements($query: String!, $filter: AchievementFilter, $first: Int, $after: String) {
  searchAchievements(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      relevance
      node {
        id
        title
        summary
        keywords
        ipcCodes
        trl
        visibility
        institute {
          name
          shortName
        }
        projects {
          id
          code
          title
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SearchAchievementsQuery, SearchAchievementsQueryVariables>;
export const EnterpriseDemandsDocument = new TypedDocumentString(`
    query EnterpriseDemands($id: ID!) {
  enterprise(id: $id) {
    id
    name
    demands(first: 20) {
      id
      title
      ipcCode
      keywords
      minTrl
      status
      deadline
      budget {
        amount
        currency
      }
      candidateAchievements(first: 5) {
        score
        fieldMatch
        matchedKeywords
        reasons {
          kind
          detail
        }
        achievement {
          id
          title
          trl
          institute {
            shortName
            name
          }
          projects {
            id
            code
            title
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EnterpriseDemandsQuery, EnterpriseDemandsQueryVariables>;