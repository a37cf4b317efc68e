/** The search view's operations: the filter choices, the achievements' search, an enterprise's demands with their matches. */
import { graphql } from '../gql';

export const SearchChoices = graphql(`
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
`);

export const SearchAchievements = graphql(`
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
`);

export const EnterpriseDemands = graphql(`
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
`);
