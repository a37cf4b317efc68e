/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Ascending or descending. */
export type OrderDirection =
  /** Smallest, earliest or A first. */
  | 'ASC'
  /** Largest, latest or Z first. */
  | 'DESC';

/**
 * Filters for the project list. Every given filter must hold (AND); within a list filter any
 * one value may match (OR). A list filter holds at most 100 values; an empty list matches
 * nothing.
 */
export type ProjectFilter = {
  /** Only projects transforming one of these achievements. */
  achievementIds?: Array<string | number> | null | undefined;
  /** Only projects docked on or after this day (YYYY-MM-DD, China time). */
  dockedFrom?: string | null | undefined;
  /** Only projects docked on or before this day (YYYY-MM-DD, China time). */
  dockedTo?: string | null | undefined;
  /** Only projects with an investment from one of these funds (as the caller may see it). */
  fundIds?: Array<string | number> | null | undefined;
  /** Only projects whose achievement belongs to one of these institutes (as the caller may see it). */
  instituteIds?: Array<string | number> | null | undefined;
  /** Only key projects (true) or only the others (false). */
  keyProject?: boolean | null | undefined;
  /** Only projects led by one of these enterprises. */
  leadEnterpriseIds?: Array<string | number> | null | undefined;
  /** Only projects with a pilot booking at one of these pilot bases. */
  pilotBaseIds?: Array<string | number> | null | undefined;
  /**
   * Only projects at this stage. Kept for older clients: `stages` takes several.
   * @deprecated Use `stages`.
   */
  stage?: ProjectStage | null | undefined;
  /** Only projects whose stage last changed on or after this day (YYYY-MM-DD, China time). */
  stageChangedFrom?: string | null | undefined;
  /** Only projects whose stage last changed on or before this day (YYYY-MM-DD, China time). */
  stageChangedTo?: string | null | undefined;
  /** Only projects at one of these stages. */
  stages?: Array<ProjectStage> | null | undefined;
  /** Only projects whose code or title contains this text (case-insensitive, 1–100 characters). */
  text?: string | null | undefined;
};

/** An order of the project list. */
export type ProjectOrder = {
  /** Which way. */
  direction?: OrderDirection;
  /** What to order by. */
  field?: ProjectOrderField;
};

/** What the project list can be ordered by. Ties are broken by id, so the order is total. */
export type ProjectOrderField =
  /** The secretariat's project code. */
  | 'CODE'
  /** When the project was docked (created). */
  | 'DOCKED_AT'
  /** When the project last changed stage. */
  | 'STAGE_CHANGED_AT'
  /** The project's title. */
  | 'TITLE';

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

export type BoardCardFragment = { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null };

export type BoardColumnFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> };

export type BoardColumnsQueryVariables = Exact<{
  orderBy?: ProjectOrder | null | undefined;
  first: number;
  docking: ProjectFilter;
  evaluation: ProjectFilter;
  proofOfConcept: ProjectFilter;
  pilot: ProjectFilter;
  industrialization: ProjectFilter;
  commercialized: ProjectFilter;
  onHold: ProjectFilter;
  terminated: ProjectFilter;
  withDocking: boolean;
  withEvaluation: boolean;
  withProofOfConcept: boolean;
  withPilot: boolean;
  withIndustrialization: boolean;
  withCommercialized: boolean;
  withOnHold: boolean;
  withTerminated: boolean;
}>;


export type BoardColumnsQuery = { docking?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> }, evaluation?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> }, proofOfConcept?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> }, pilot?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> }, industrialization?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> }, commercialized?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> }, onHold?: { totalCount: number }, terminated?: { totalCount: number } };

export type BoardColumnPageQueryVariables = Exact<{
  filter: ProjectFilter;
  orderBy?: ProjectOrder | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type BoardColumnPageQuery = { projects: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } };

export type BoardFilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardFilterOptionsQuery = { institutes: Array<{ id: string, name: string }>, enterprises: { edges: Array<{ node: { id: string, name: string } }> }, pilotBases: Array<{ id: string, name: string }>, funds: Array<{ id: string, name: string }> };

export type BoardExportQueryVariables = Exact<{
  filter: ProjectFilter;
  orderBy?: ProjectOrder | null | undefined;
  after?: string | null | undefined;
}>;


export type BoardExportQuery = { projects: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { code: string, title: string, stage: ProjectStage, keyProject: boolean, createdAt: string, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } };

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
export const BoardCardFragmentDoc = new TypedDocumentString(`
    fragment BoardCard on Project {
  id
  code
  title
  keyProject
  achievement {
    title
    trl
    institute {
      name
    }
  }
  leadEnterprise {
    name
  }
  totalInvested {
    amount
    currency
  }
  nextBooking {
    start
    end
    facility {
      name
    }
  }
}
    `, {"fragmentName":"BoardCard"}) as unknown as TypedDocumentString<BoardCardFragment, unknown>;
export const BoardColumnFragmentDoc = new TypedDocumentString(`
    fragment BoardColumn on ProjectConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      ...BoardCard
    }
  }
}
    fragment BoardCard on Project {
  id
  code
  title
  keyProject
  achievement {
    title
    trl
    institute {
      name
    }
  }
  leadEnterprise {
    name
  }
  totalInvested {
    amount
    currency
  }
  nextBooking {
    start
    end
    facility {
      name
    }
  }
}`, {"fragmentName":"BoardColumn"}) as unknown as TypedDocumentString<BoardColumnFragment, unknown>;
export const BoardColumnsDocument = new TypedDocumentString(`
    query BoardColumns($orderBy: ProjectOrder, $first: Int!, $docking: ProjectFilter!, $evaluation: ProjectFilter!, $proofOfConcept: ProjectFilter!, $pilot: ProjectFilter!, $industrialization: ProjectFilter!, $commercialized: ProjectFilter!, $onHold: ProjectFilter!, $terminated: ProjectFilter!, $withDocking: Boolean!, $withEvaluation: Boolean!, $withProofOfConcept: Boolean!, $withPilot: Boolean!, $withIndustrialization: Boolean!, $withCommercialized: Boolean!, $withOnHold: Boolean!, $withTerminated: Boolean!) {
  docking: projects(filter: $docking, orderBy: $orderBy, first: $first) @include(if: $withDocking) {
    ...BoardColumn
  }
  evaluation: projects(filter: $evaluation, orderBy: $orderBy, first: $first) @include(if: $withEvaluation) {
    ...BoardColumn
  }
  proofOfConcept: projects(
    filter: $proofOfConcept
    orderBy: $orderBy
    first: $first
  ) @include(if: $withProofOfConcept) {
    ...BoardColumn
  }
  pilot: projects(filter: $pilot, orderBy: $orderBy, first: $first) @include(if: $withPilot) {
    ...BoardColumn
  }
  industrialization: projects(
    filter: $industrialization
    orderBy: $orderBy
    first: $first
  ) @include(if: $withIndustrialization) {
    ...BoardColumn
  }
  commercialized: projects(
    filter: $commercialized
    orderBy: $orderBy
    first: $first
  ) @include(if: $withCommercialized) {
    ...BoardColumn
  }
  onHold: projects(filter: $onHold, first: 1) @include(if: $withOnHold) {
    totalCount
  }
  terminated: projects(filter: $terminated, first: 1) @include(if: $withTerminated) {
    totalCount
  }
}
    fragment BoardCard on Project {
  id
  code
  title
  keyProject
  achievement {
    title
    trl
    institute {
      name
    }
  }
  leadEnterprise {
    name
  }
  totalInvested {
    amount
    currency
  }
  nextBooking {
    start
    end
    facility {
      name
    }
  }
}
fragment BoardColumn on ProjectConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      ...BoardCard
    }
  }
}`) as unknown as TypedDocumentString<BoardColumnsQuery, BoardColumnsQueryVariables>;
export const BoardColumnPageDocument = new TypedDocumentString(`
    query BoardColumnPage($filter: ProjectFilter!, $orderBy: ProjectOrder, $first: Int!, $after: String) {
  projects(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    ...BoardColumn
  }
}
    fragment BoardCard on Project {
  id
  code
  title
  keyProject
  achievement {
    title
    trl
    institute {
      name
    }
  }
  leadEnterprise {
    name
  }
  totalInvested {
    amount
    currency
  }
  nextBooking {
    start
    end
    facility {
      name
    }
  }
}
fragment BoardColumn on ProjectConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      ...BoardCard
    }
  }
}`) as unknown as TypedDocumentString<BoardColumnPageQuery, BoardColumnPageQueryVariables>;
export const BoardFilterOptionsDocument = new TypedDocumentString(`
    query BoardFilterOptions {
  institutes {
    id
    name
  }
  enterprises(first: 100) {
    edges {
      node {
        id
        name
      }
    }
  }
  pilotBases {
    id
    name
  }
  funds {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<BoardFilterOptionsQuery, BoardFilterOptionsQueryVariables>;
export const BoardExportDocument = new TypedDocumentString(`
    query BoardExport($filter: ProjectFilter!, $orderBy: ProjectOrder, $after: String) {
  projects(filter: $filter, orderBy: $orderBy, first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        code
        title
        stage
        keyProject
        createdAt
        achievement {
          title
          trl
          institute {
            name
          }
        }
        leadEnterprise {
          name
        }
        totalInvested {
          amount
          currency
        }
        nextBooking {
          start
          end
          facility {
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BoardExportQuery, BoardExportQueryVariables>;