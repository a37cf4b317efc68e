/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query BoardPage($first: Int) {\n    projects(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          title\n          stage\n        }\n      }\n    }\n  }\n": typeof types.BoardPageDocument,
    "\n  query DashboardMetrics {\n    allianceMetrics {\n      governingUnits\n      members\n      transformationProjects\n      keyProjects\n      centralSoes\n      funnel {\n        docked\n        evaluated\n        proofOfConcept\n        pilot\n        industrialization\n        commercialized\n      }\n      governingUnitGrowth {\n        date\n        governingUnits\n      }\n      capitalCommitted {\n        amount\n        currency\n      }\n      capitalDisbursed {\n        amount\n        currency\n      }\n      targets {\n        target\n        goal\n        actual\n        unit\n        percent\n      }\n    }\n  }\n": typeof types.DashboardMetricsDocument,
    "\n  query DashboardCapital {\n    allianceMetrics {\n      capitalByFundAndStage {\n        fund {\n          name\n        }\n        stage\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": typeof types.DashboardCapitalDocument,
    "\n  query SearchChoices {\n    institutes {\n      id\n      name\n      shortName\n    }\n    enterprises(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SearchChoicesDocument,
    "\n  query SearchAchievements($query: String!, $filter: AchievementFilter, $first: Int, $after: String) {\n    searchAchievements(query: $query, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        relevance\n        node {\n          id\n          title\n          summary\n          keywords\n          ipcCodes\n          trl\n          visibility\n          institute {\n            name\n            shortName\n          }\n          projects {\n            id\n            code\n            title\n          }\n        }\n      }\n    }\n  }\n": typeof types.SearchAchievementsDocument,
    "\n  query EnterpriseDemands($id: ID!) {\n    enterprise(id: $id) {\n      id\n      name\n      demands(first: 20) {\n        id\n        title\n        ipcCode\n        keywords\n        minTrl\n        status\n        deadline\n        budget {\n          amount\n          currency\n        }\n        candidateAchievements(first: 5) {\n          score\n          fieldMatch\n          matchedKeywords\n          reasons {\n            kind\n            detail\n          }\n          achievement {\n            id\n            title\n            trl\n            institute {\n              shortName\n              name\n            }\n            projects {\n              id\n              code\n              title\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.EnterpriseDemandsDocument,
};
const documents: Documents = {
    "\n  query BoardPage($first: Int) {\n    projects(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          title\n          stage\n        }\n      }\n    }\n  }\n": types.BoardPageDocument,
    "\n  query DashboardMetrics {\n    allianceMetrics {\n      governingUnits\n      members\n      transformationProjects\n      keyProjects\n      centralSoes\n      funnel {\n        docked\n        evaluated\n        proofOfConcept\n        pilot\n        industrialization\n        commercialized\n      }\n      governingUnitGrowth {\n        date\n        governingUnits\n      }\n      capitalCommitted {\n        amount\n        currency\n      }\n      capitalDisbursed {\n        amount\n        currency\n      }\n      targets {\n        target\n        goal\n        actual\n        unit\n        percent\n      }\n    }\n  }\n": types.DashboardMetricsDocument,
    "\n  query DashboardCapital {\n    allianceMetrics {\n      capitalByFundAndStage {\n        fund {\n          name\n        }\n        stage\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": types.DashboardCapitalDocument,
    "\n  query SearchChoices {\n    institutes {\n      id\n      name\n      shortName\n    }\n    enterprises(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SearchChoicesDocument,
    "\n  query SearchAchievements($query: String!, $filter: AchievementFilter, $first: Int, $after: String) {\n    searchAchievements(query: $query, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        relevance\n        node {\n          id\n          title\n          summary\n          keywords\n          ipcCodes\n          trl\n          visibility\n          institute {\n            name\n            shortName\n          }\n          projects {\n            id\n            code\n            title\n          }\n        }\n      }\n    }\n  }\n": types.SearchAchievementsDocument,
    "\n  query EnterpriseDemands($id: ID!) {\n    enterprise(id: $id) {\n      id\n      name\n      demands(first: 20) {\n        id\n        title\n        ipcCode\n        keywords\n        minTrl\n        status\n        deadline\n        budget {\n          amount\n          currency\n        }\n        candidateAchievements(first: 5) {\n          score\n          fieldMatch\n          matchedKeywords\n          reasons {\n            kind\n            detail\n          }\n          achievement {\n            id\n            title\n            trl\n            institute {\n              shortName\n              name\n            }\n            projects {\n              id\n              code\n              title\n            }\n          }\n        }\n      }\n    }\n  }\n": types.EnterpriseDemandsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardPage($first: Int) {\n    projects(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          title\n          stage\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BoardPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMetrics {\n    allianceMetrics {\n      governingUnits\n      members\n      transformationProjects\n      keyProjects\n      centralSoes\n      funnel {\n        docked\n        evaluated\n        proofOfConcept\n        pilot\n        industrialization\n        commercialized\n      }\n      governingUnitGrowth {\n        date\n        governingUnits\n      }\n      capitalCommitted {\n        amount\n        currency\n      }\n      capitalDisbursed {\n        amount\n        currency\n      }\n      targets {\n        target\n        goal\n        actual\n        unit\n        percent\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardMetricsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCapital {\n    allianceMetrics {\n      capitalByFundAndStage {\n        fund {\n          name\n        }\n        stage\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardCapitalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchChoices {\n    institutes {\n      id\n      name\n      shortName\n    }\n    enterprises(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchChoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchAchievements($query: String!, $filter: AchievementFilter, $first: Int, $after: String) {\n    searchAchievements(query: $query, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        relevance\n        node {\n          id\n          title\n          summary\n          keywords\n          ipcCodes\n          trl\n          visibility\n          institute {\n            name\n            shortName\n          }\n          projects {\n            id\n            code\n            title\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchAchievementsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseDemands($id: ID!) {\n    enterprise(id: $id) {\n      id\n      name\n      demands(first: 20) {\n        id\n        title\n        ipcCode\n        keywords\n        minTrl\n        status\n        deadline\n        budget {\n          amount\n          currency\n        }\n        candidateAchievements(first: 5) {\n          score\n          fieldMatch\n          matchedKeywords\n          reasons {\n            kind\n            detail\n          }\n          achievement {\n            id\n            title\n            trl\n            institute {\n              shortName\n              name\n            }\n            projects {\n              id\n              code\n              title\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EnterpriseDemandsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
