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

/** What kind of body an alliance is. */
export type AllianceKind =
  /** A consortium that industrializes achievements, led by an enterprise (the central SOEs' consortium). */
  | 'INDUSTRIALIZATION_CONSORTIUM'
  /** An industrial technology innovation (strategic) alliance of enterprises, institutes and universities. */
  | 'TECHNOLOGY_INNOVATION_ALLIANCE';

/** What a party contributes, and so what it is paid for. */
export type BenefitRole =
  /** The institute that owns the achievement (an INSTITUTE). */
  | 'INSTITUTE'
  /** An inventor of the achievement (a RESEARCHER). */
  | 'INVENTOR'
  /** An investor (a FUND or an ENTERPRISE). */
  | 'INVESTOR'
  /** The operator that industrializes it (an ENTERPRISE or a PILOT_BASE). */
  | 'OPERATOR';

/** Where a booking is in its life. */
export type BookingStatus =
  /** Called off; frees the period. */
  | 'CANCELLED'
  /** Finished. */
  | 'COMPLETED'
  /** Confirmed by the base. */
  | 'CONFIRMED'
  /** Asked for, not yet confirmed. */
  | 'REQUESTED'
  /** The pilot run is going on. */
  | 'RUNNING';

/** A move of a project to another stage of its lifecycle. */
export type ChangeProjectStageInput = {
  /**
   * The stage the caller saw the project at. When given and the project has moved since,
   * the change is refused with CONFLICT instead of being applied to a state the caller did
   * not see.
   */
  from?: ProjectStage | null | undefined;
  /** The project to move. */
  projectId: string | number;
  /** Why (recorded in the history), not empty: at most 2,000 characters. */
  reason: string;
  /** The stage to move it to; must be one of the project's `allowedNextStages`. */
  to: ProjectStage;
};

/** What it takes to commit a fund's money to a project or an enterprise. */
export type CommitInvestmentInput = {
  /** How much, a decimal string with at most two decimals (fen), greater than zero, e.g. `5000000.00`. At most 10,000 characters. */
  amount: string;
  /** Date of the commitment (YYYY-MM-DD), not in the future; today (China time) when absent. At most 10,000 characters. */
  committedOn?: string | null | undefined;
  /** The enterprise invested in; give this or projectId, not both. */
  enterpriseId?: string | number | null | undefined;
  /** The field the investment is in, compared with the fund's focus areas (ignoring case); 1–2,000 characters. */
  focusArea: string;
  /** The committing fund; the caller must be one of its editors (organization `fund:<id>`). */
  fundId: string | number;
  /** How the money is given. */
  instrument: Instrument;
  /** Why the fund invests outside its stages or focus areas, at most 2,000 characters; required when it does, recorded with the investment. */
  overrideReason?: string | null | undefined;
  /** The project invested in; give this or enterpriseId, not both. */
  projectId?: string | number | null | undefined;
  /** The stage the money finances. */
  stage: InvestmentStage;
  /** Who may see it. */
  visibility?: InvestmentVisibility | null | undefined;
};

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

/** Where a fund is in its life. */
export type FundStatus =
  /** Closed to new investments. */
  | 'CLOSED'
  /** Investing. */
  | 'INVESTING'
  /** Being prepared, not yet registered. */
  | 'PREPARING'
  /** Registered, not yet investing. */
  | 'REGISTERED';

/** How the actual of a measured goal is counted, from the alliance's own records. */
export type GoalMeasure =
  /** Projects docked (every project of the alliance, whatever its stage). */
  | 'DOCKED_PROJECTS'
  /** Members on the governing council now (chairman unit, governing units, specially invited). */
  | 'GOVERNING_UNITS'
  /** Projects whose history reached INDUSTRIALIZATION or beyond. */
  | 'INDUSTRIALIZED_PROJECTS'
  /** Key projects not terminated. */
  | 'KEY_PROJECTS'
  /** Members now, partners left out (withdrawn members too). */
  | 'MEMBERS'
  /** Projects whose history reached PILOT or beyond. */
  | 'PILOT_PROJECTS'
  /**
   * Capital committed to the alliance's projects (`capitalCommitted`, from the funds) plus
   * the benefits distributed under its projects' agreements, in CNY, the benefits exact for
   * its own secretariat and rounded down to a whole ¥10,000,000 for anyone else (as the
   * dashboard's `benefitsDistributed`). Null when the funds did not answer.
   */
  | 'TRANSACTION_VOLUME';

/** How the money is given. */
export type Instrument =
  /** Convertible note. */
  | 'CONVERTIBLE'
  /** Shares. */
  | 'EQUITY'
  /** Non-repayable grant. */
  | 'GRANT'
  /** Loan. */
  | 'LOAN';

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

/** Where an investment is in its life. */
export type InvestmentStatus =
  /** Promised, not yet paid. */
  | 'COMMITTED'
  /** Paid out. */
  | 'DISBURSED'
  /** Sold or repaid. */
  | 'EXITED'
  /** Lost. */
  | 'WRITTEN_OFF';

/** Who may see an investment. */
export type InvestmentVisibility =
  /** Only the fund and, when the target is an enterprise, that enterprise. */
  | 'CONFIDENTIAL'
  /** Any alliance member with a token. */
  | 'MEMBERS'
  /** Anyone, without a token. */
  | 'PUBLIC';

/** The kind of evidence behind a match. */
export type MatchReasonKind =
  /** The technical fields (IPC) match. */
  | 'FIELD_MATCH'
  /** Keywords of the demand are found in the achievement. */
  | 'KEYWORD_OVERLAP'
  /** The achievement's TRL is at or above the demand's minimum. */
  | 'TRL_READY';

/** Ascending or descending. */
export type OrderDirection =
  /** Smallest, earliest or A first. */
  | 'ASC'
  /** Largest, latest or Z first. */
  | 'DESC';

/** Who owns an enterprise. */
export type Ownership =
  /** A central state-owned enterprise (supervised by SASAC). */
  | 'CENTRAL_SOE'
  /** Foreign owned or foreign invested. */
  | 'FOREIGN'
  /** A state-owned enterprise of a province or city. */
  | 'LOCAL_SOE'
  /** Mixed ownership. */
  | 'MIXED'
  /** A privately owned enterprise. */
  | 'PRIVATE';

/** The kind of a party of a benefit agreement. */
export type PartyType =
  /** An enterprise. */
  | 'ENTERPRISE'
  /** A fund. */
  | 'FUND'
  /** A research institute. */
  | 'INSTITUTE'
  /** A pilot base. */
  | 'PILOT_BASE'
  /** A researcher (an inventor). */
  | 'RESEARCHER';

/** Where a patent stands. */
export type PatentStatus =
  /** Its term has ended. */
  | 'EXPIRED'
  /** Applied for, not granted yet. */
  | 'FILED'
  /** Granted and in force. */
  | 'GRANTED'
  /** No longer in force before its term ended (application abandoned or fees unpaid). */
  | 'LAPSED';

/** Where a pilot base is in its life. */
export type PilotBaseStatus =
  /** Operating and bookable. */
  | 'OPERATING'
  /** Planned. */
  | 'PLANNED'
  /** Being built. */
  | 'UNDER_CONSTRUCTION';

/**
 * Filters for the project list. Every given filter must hold (AND); within a list filter any
 * one value may match (OR). A list filter holds 1–100 values (an empty list is refused:
 * leave the filter out to mean "any").
 */
export type ProjectFilter = {
  /** Only projects transforming one of these achievements. */
  achievementIds?: Array<string | number> | null | undefined;
  /** Only projects of one of these alliances. */
  allianceIds?: Array<string | number> | null | undefined;
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

/** What an expert recommends the committee do with a project. */
export type Recommendation =
  /** Advance to the next stage. */
  | 'ADVANCE'
  /** Keep it where it is for now. */
  | 'HOLD'
  /** Stop it. */
  | 'REJECT';

/** What it takes to ask a base for a pilot run. */
export type RequestBookingInput = {
  /** Day after the last day (YYYY-MM-DD), after `start`: periods are half-open, [start, end). At most 10,000 characters. */
  end: string;
  /** The facility to book; its base must be operating. */
  facilityId: string | number;
  /** The alliance project the run serves. */
  projectId: string | number;
  /** What the run is for, 1–2,000 characters. */
  purpose: string;
  /** First day (YYYY-MM-DD), included; today (China time) or later. At most 10,000 characters. */
  start: string;
};

/** How widely an achievement may be seen. */
export type Visibility =
  /** Only the owning institute and the parties of its projects. */
  | 'CONFIDENTIAL'
  /** Any alliance member with a token. */
  | 'MEMBERS'
  /** Anyone, without a token. */
  | 'PUBLIC';

export type AllianceResultsQueryVariables = Exact<{
  from: number;
  to: number;
}>;


export type AllianceResultsQuery = { alliances: Array<{ id: string, results: Array<{ year: number, projectsDocked: number }> }> };

export type AlliancesComparedQueryVariables = Exact<{ [key: string]: never; }>;


export type AlliancesComparedQuery = { alliances: Array<{ id: string, name: string, nameZh: string | null, kind: AllianceKind, foundedOn: string, foundedIn: string, memberCount: number, projectCount: number, funnel: { pilot: number, industrialization: number }, capitalCommitted: { amount: string, currency: string } | null, goals: Array<{ label: string, measure: GoalMeasure | null, target: string | null, unit: string | null, deadline: string | null, actual: string | null, percent: string | null }> | null }> };

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


export type BoardColumnsQuery = { docking?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } | null, evaluation?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } | null, proofOfConcept?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } | null, pilot?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } | null, industrialization?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } | null, commercialized?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } | null, onHold?: { totalCount: number } | null, terminated?: { totalCount: number } | null };

export type BoardColumnPageQueryVariables = Exact<{
  filter: ProjectFilter;
  orderBy?: ProjectOrder | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type BoardColumnPageQuery = { projects: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, title: string, keyProject: boolean, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } | null };

export type BoardFilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardFilterOptionsQuery = { alliances: Array<{ id: string, name: string }>, institutes: Array<{ id: string, name: string }> | null, enterprises: { edges: Array<{ node: { id: string, name: string } }> } | null, pilotBases: Array<{ id: string, name: string }> | null, funds: Array<{ id: string, name: string }> | null };

export type BoardExportQueryVariables = Exact<{
  filter: ProjectFilter;
  orderBy?: ProjectOrder | null | undefined;
  after?: string | null | undefined;
}>;


export type BoardExportQuery = { projects: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { code: string, title: string, stage: ProjectStage, keyProject: boolean, createdAt: string, achievement: { title: string, trl: number, institute: { name: string } } | null, leadEnterprise: { name: string } | null, totalInvested: { amount: string, currency: string } | null, nextBooking: { start: string, end: string, facility: { name: string } } | null } }> } | null };

export type DashboardMetricsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMetricsQuery = { allianceMetrics: { governingUnits: number, members: number, transformationProjects: number, keyProjects: number, centralSoes: number | null, funnel: { docked: number, evaluated: number, proofOfConcept: number, pilot: number, industrialization: number, commercialized: number }, governingUnitGrowth: Array<{ date: string, governingUnits: number }>, capitalCommitted: { amount: string, currency: string } | null, capitalDisbursed: { amount: string, currency: string } | null, goals: Array<{ label: string, measure: GoalMeasure | null, target: string | null, unit: string | null, deadline: string | null, actual: string | null, percent: string | null }> } | null };

export type DashboardCapitalQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardCapitalQuery = { allianceMetrics: { capitalByFundAndStage: Array<{ stage: InvestmentStage, fund: { name: string }, amount: { amount: string, currency: string } }> | null } | null };

export type FundInvestmentsFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, stage: InvestmentStage, instrument: Instrument, status: InvestmentStatus, visibility: InvestmentVisibility, committedOn: string, disbursedOn: string | null, amount: { amount: string, currency: string }, project: { id: string, code: string, title: string } | null, enterprise: { id: string, name: string } | null } }> };

export type FundInvestmentsPageQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type FundInvestmentsPageQuery = { investments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, stage: InvestmentStage, instrument: Instrument, status: InvestmentStatus, visibility: InvestmentVisibility, committedOn: string, disbursedOn: string | null, amount: { amount: string, currency: string }, project: { id: string, code: string, title: string } | null, enterprise: { id: string, name: string } | null } }> } | null };

export type FundPageQueryVariables = Exact<{
  id: string | number;
}>;


export type FundPageQuery = { investments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, stage: InvestmentStage, instrument: Instrument, status: InvestmentStatus, visibility: InvestmentVisibility, committedOn: string, disbursedOn: string | null, amount: { amount: string, currency: string }, project: { id: string, code: string, title: string } | null, enterprise: { id: string, name: string } | null } }> } | null, fund: { id: string, name: string, manager: string, status: FundStatus, size: { amount: string, currency: string }, committed: { amount: string, currency: string }, available: { amount: string, currency: string } } | null };

export type AllianceGoalFieldsFragment = { label: string, measure: GoalMeasure | null, target: string | null, unit: string | null, deadline: string | null, actual: string | null, percent: string | null };

export type ProjectPageQueryVariables = Exact<{
  id: string | number;
}>;


export type ProjectPageQuery = { project: { id: string, code: string, title: string, summary: string, stage: ProjectStage, allowedNextStages: Array<ProjectStage>, heldFrom: ProjectStage | null, keyProject: boolean, illustrative: boolean, createdAt: string, achievement: { id: string, title: string, trl: number, visibility: Visibility, institute: { id: string, name: string }, inventors: Array<{ share: string, researcher: { id: string, name: string, title: string | null } }>, patents: Array<{ id: string, number: string, jurisdiction: string, title: string, status: PatentStatus, filedOn: string, grantedOn: string | null }>, awards: Array<{ name: string, grade: string | null, year: number }> } | null, leadEnterprise: { id: string, name: string, ownership: Ownership } | null, bookings: Array<{ id: string, start: string, end: string, status: BookingStatus, purpose: string, facility: { id: string, name: string, base: { id: string, name: string } } }> | null, pilotBases: Array<{ id: string, name: string, status: PilotBaseStatus, facilities: Array<{ id: string, name: string }> }> | null, investments: Array<{ id: string, stage: InvestmentStage, instrument: Instrument, status: InvestmentStatus, committedOn: string, amount: { amount: string, currency: string }, fund: { id: string, name: string } }> | null, totalInvested: { amount: string, currency: string } | null, reviews: Array<{ id: string, stage: ProjectStage, averageScore: string, recommendation: Recommendation, comments: string, submittedAt: string, expert: { id: string, name: string, title: string | null } }>, history: Array<{ from: ProjectStage | null, to: ProjectStage, by: string, at: string, reason: string }>, benefitAgreement: { id: string, version: number, ipTerms: string, signedOn: string, parties: Array<{ partyType: PartyType, partyId: string, role: BenefitRole, share: string, percent: string, riskCommitted: { amount: string, currency: string }, party:
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
         | null }>, riskPools: Array<{ stage: ProjectStage, budget: { amount: string, currency: string }, committed: { amount: string, currency: string } }>, distributions: Array<{ id: string, note: string, executedAt: string, amount: { amount: string, currency: string }, payouts: Array<{ partyType: PartyType, partyId: string, role: BenefitRole, share: string, amount: { amount: string, currency: string }, party:
            | { name: string }
            | { name: string }
            | { name: string }
            | { name: string }
            | { name: string }
           | null }> }> } | null } | null };

type PartyName_Enterprise_Fragment = { name: string };

type PartyName_Fund_Fragment = { name: string };

type PartyName_Institute_Fragment = { name: string };

type PartyName_PilotBase_Fragment = { name: string };

type PartyName_Researcher_Fragment = { name: string };

export type PartyNameFragment =
  | PartyName_Enterprise_Fragment
  | PartyName_Fund_Fragment
  | PartyName_Institute_Fragment
  | PartyName_PilotBase_Fragment
  | PartyName_Researcher_Fragment
;

export type BookableFacilitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type BookableFacilitiesQuery = { pilotBases: Array<{ id: string, name: string, status: PilotBaseStatus, facilities: Array<{ id: string, name: string }> }> | null };

export type ChangeStageMutationVariables = Exact<{
  input: ChangeProjectStageInput;
}>;


export type ChangeStageMutation = { changeProjectStage: { id: string, stage: ProjectStage } };

export type RequestBookingMutationVariables = Exact<{
  input: RequestBookingInput;
}>;


export type RequestBookingMutation = { requestBooking: { id: string, start: string, end: string, status: BookingStatus } };

export type CommitInvestmentMutationVariables = Exact<{
  input: CommitInvestmentInput;
}>;


export type CommitInvestmentMutation = { commitInvestment: { id: string, amount: { amount: string, currency: string } } };

export type FundMandateQueryVariables = Exact<{
  id: string | number;
}>;


export type FundMandateQuery = { fund: { id: string, name: string, focusAreas: Array<string>, stages: Array<InvestmentStage>, available: { amount: string, currency: string } } | null };

export type SearchChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchChoicesQuery = { institutes: Array<{ id: string, name: string, shortName: string | null }> | null, enterprises: { edges: Array<{ node: { id: string, name: string } }> } | null };

export type SearchAchievementsQueryVariables = Exact<{
  query: string;
  filter?: AchievementFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchAchievementsQuery = { searchAchievements: { totalCount: number, totalCountIsExact: boolean, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ relevance: number, node: { id: string, title: string, summary: string, keywords: Array<string>, ipcCodes: Array<string>, trl: number, visibility: Visibility, institute: { name: string, shortName: string | null }, projects: Array<{ id: string, code: string, title: string }> | null } }> } | null };

export type EnterpriseDemandsQueryVariables = Exact<{
  id: string | number;
}>;


export type EnterpriseDemandsQuery = { enterprise: { id: string, name: string, demands: Array<{ id: string, title: string, ipcCode: string, keywords: Array<string>, minTrl: number, status: DemandStatus, deadline: string | null, budget: { amount: string, currency: string } | null, candidateAchievements: Array<{ score: number, fieldMatch: FieldMatch, matchedKeywords: Array<string>, reasons: Array<{ kind: MatchReasonKind, detail: string }>, achievement: { id: string, title: string, trl: number, institute: { shortName: string | null, name: string }, projects: Array<{ id: string, code: string, title: string }> | null } }> | null }> } | null };

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
export const FundInvestmentsFragmentDoc = new TypedDocumentString(`
    fragment FundInvestments on InvestmentConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      id
      stage
      instrument
      status
      visibility
      committedOn
      disbursedOn
      amount {
        amount
        currency
      }
      project {
        id
        code
        title
      }
      enterprise {
        id
        name
      }
    }
  }
}
    `, {"fragmentName":"FundInvestments"}) as unknown as TypedDocumentString<FundInvestmentsFragment, unknown>;
export const AllianceGoalFieldsFragmentDoc = new TypedDocumentString(`
    fragment AllianceGoalFields on AllianceGoal {
  label
  measure
  target
  unit
  deadline
  actual
  percent
}
    `, {"fragmentName":"AllianceGoalFields"}) as unknown as TypedDocumentString<AllianceGoalFieldsFragment, unknown>;
export const PartyNameFragmentDoc = new TypedDocumentString(`
    fragment PartyName on Party {
  ... on Institute {
    name
  }
  ... on Enterprise {
    name
  }
  ... on Fund {
    name
  }
  ... on PilotBase {
    name
  }
  ... on Researcher {
    name
  }
}
    `, {"fragmentName":"PartyName"}) as unknown as TypedDocumentString<PartyNameFragment, unknown>;
export const AllianceResultsDocument = new TypedDocumentString(`
    query AllianceResults($from: Int!, $to: Int!) {
  alliances {
    id
    results(fromYear: $from, toYear: $to) {
      year
      projectsDocked
    }
  }
}
    `) as unknown as TypedDocumentString<AllianceResultsQuery, AllianceResultsQueryVariables>;
export const AlliancesComparedDocument = new TypedDocumentString(`
    query AlliancesCompared {
  alliances {
    id
    name
    nameZh
    kind
    foundedOn
    foundedIn
    memberCount
    projectCount
    funnel {
      pilot
      industrialization
    }
    capitalCommitted {
      amount
      currency
    }
    goals {
      ...AllianceGoalFields
    }
  }
}
    fragment AllianceGoalFields on AllianceGoal {
  label
  measure
  target
  unit
  deadline
  actual
  percent
}`) as unknown as TypedDocumentString<AlliancesComparedQuery, AlliancesComparedQueryVariables>;
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
  alliances {
    id
    name
  }
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
    goals {
      ...AllianceGoalFields
    }
  }
}
    fragment AllianceGoalFields on AllianceGoal {
  label
  measure
  target
  unit
  deadline
  actual
  percent
}`) as unknown as TypedDocumentString<DashboardMetricsQuery, DashboardMetricsQueryVariables>;
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
export const FundInvestmentsPageDocument = new TypedDocumentString(`
    query FundInvestmentsPage($id: ID!, $after: String) {
  investments(filter: {fundId: $id}, first: 100, after: $after) {
    ...FundInvestments
  }
}
    fragment FundInvestments on InvestmentConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      id
      stage
      instrument
      status
      visibility
      committedOn
      disbursedOn
      amount {
        amount
        currency
      }
      project {
        id
        code
        title
      }
      enterprise {
        id
        name
      }
    }
  }
}`) as unknown as TypedDocumentString<FundInvestmentsPageQuery, FundInvestmentsPageQueryVariables>;
export const FundPageDocument = new TypedDocumentString(`
    query FundPage($id: ID!) {
  investments(filter: {fundId: $id}, first: 100) {
    ...FundInvestments
  }
  fund(id: $id) {
    id
    name
    manager
    status
    size {
      amount
      currency
    }
    committed {
      amount
      currency
    }
    available {
      amount
      currency
    }
  }
}
    fragment FundInvestments on InvestmentConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      id
      stage
      instrument
      status
      visibility
      committedOn
      disbursedOn
      amount {
        amount
        currency
      }
      project {
        id
        code
        title
      }
      enterprise {
        id
        name
      }
    }
  }
}`) as unknown as TypedDocumentString<FundPageQuery, FundPageQueryVariables>;
export const ProjectPageDocument = new TypedDocumentString(`
    query ProjectPage($id: ID!) {
  project(id: $id) {
    id
    code
    title
    summary
    stage
    allowedNextStages
    heldFrom
    keyProject
    illustrative
    createdAt
    achievement {
      id
      title
      trl
      visibility
      institute {
        id
        name
      }
      inventors {
        share
        researcher {
          id
          name
          title
        }
      }
      patents {
        id
        number
        jurisdiction
        title
        status
        filedOn
        grantedOn
      }
      awards {
        name
        grade
        year
      }
    }
    leadEnterprise {
      id
      name
      ownership
    }
    bookings {
      id
      start
      end
      status
      purpose
      facility {
        id
        name
        base {
          id
          name
        }
      }
    }
    pilotBases {
      id
      name
      status
      facilities {
        id
        name
      }
    }
    investments {
      id
      stage
      instrument
      status
      committedOn
      amount {
        amount
        currency
      }
      fund {
        id
        name
      }
    }
    totalInvested {
      amount
      currency
    }
    reviews {
      id
      stage
      averageScore
      recommendation
      comments
      submittedAt
      expert {
        id
        name
        title
      }
    }
    history {
      from
      to
      by
      at
      reason
    }
    benefitAgreement {
      id
      version
      ipTerms
      signedOn
      parties {
        partyType
        partyId
        role
        share
        percent
        riskCommitted {
          amount
          currency
        }
        party {
          ...PartyName
        }
      }
      riskPools {
        stage
        budget {
          amount
          currency
        }
        committed {
          amount
          currency
        }
      }
      distributions {
        id
        note
        executedAt
        amount {
          amount
          currency
        }
        payouts {
          partyType
          partyId
          role
          share
          amount {
            amount
            currency
          }
          party {
            ...PartyName
          }
        }
      }
    }
  }
}
    fragment PartyName on Party {
  ... on Institute {
    name
  }
  ... on Enterprise {
    name
  }
  ... on Fund {
    name
  }
  ... on PilotBase {
    name
  }
  ... on Researcher {
    name
  }
}`) as unknown as TypedDocumentString<ProjectPageQuery, ProjectPageQueryVariables>;
export const BookableFacilitiesDocument = new TypedDocumentString(`
    query BookableFacilities {
  pilotBases {
    id
    name
    status
    facilities {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<BookableFacilitiesQuery, BookableFacilitiesQueryVariables>;
export const ChangeStageDocument = new TypedDocumentString(`
    mutation ChangeStage($input: ChangeProjectStageInput!) {
  changeProjectStage(input: $input) {
    id
    stage
  }
}
    `) as unknown as TypedDocumentString<ChangeStageMutation, ChangeStageMutationVariables>;
export const RequestBookingDocument = new TypedDocumentString(`
    mutation RequestBooking($input: RequestBookingInput!) {
  requestBooking(input: $input) {
    id
    start
    end
    status
  }
}
    `) as unknown as TypedDocumentString<RequestBookingMutation, RequestBookingMutationVariables>;
export const CommitInvestmentDocument = new TypedDocumentString(`
    mutation CommitInvestment($input: CommitInvestmentInput!) {
  commitInvestment(input: $input) {
    id
    amount {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<CommitInvestmentMutation, CommitInvestmentMutationVariables>;
export const FundMandateDocument = new TypedDocumentString(`
    query FundMandate($id: ID!) {
  fund(id: $id) {
    id
    name
    focusAreas
    stages
    available {
      amount
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<FundMandateQuery, FundMandateQueryVariables>;
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
    totalCountIsExact
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