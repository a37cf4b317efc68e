import { graphql } from '../gql';

/**
 * The board's operations. Every column is one alias of `projects` in one request, each at
 * most 20 cards, so the board costs one round trip whatever the number of projects; a
 * column's "Load more" asks for that column alone, after its last cursor.
 */

export const BoardCardFields = graphql(`
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
`);

export const BoardColumnFields = graphql(`
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
`);

export const BoardColumns = graphql(`
  query BoardColumns(
    $orderBy: ProjectOrder
    $first: Int!
    $docking: ProjectFilter!
    $evaluation: ProjectFilter!
    $proofOfConcept: ProjectFilter!
    $pilot: ProjectFilter!
    $industrialization: ProjectFilter!
    $commercialized: ProjectFilter!
    $onHold: ProjectFilter!
    $terminated: ProjectFilter!
    $withDocking: Boolean!
    $withEvaluation: Boolean!
    $withProofOfConcept: Boolean!
    $withPilot: Boolean!
    $withIndustrialization: Boolean!
    $withCommercialized: Boolean!
    $withOnHold: Boolean!
    $withTerminated: Boolean!
  ) {
    docking: projects(filter: $docking, orderBy: $orderBy, first: $first) @include(if: $withDocking) {
      ...BoardColumn
    }
    evaluation: projects(filter: $evaluation, orderBy: $orderBy, first: $first)
      @include(if: $withEvaluation) {
      ...BoardColumn
    }
    proofOfConcept: projects(filter: $proofOfConcept, orderBy: $orderBy, first: $first)
      @include(if: $withProofOfConcept) {
      ...BoardColumn
    }
    pilot: projects(filter: $pilot, orderBy: $orderBy, first: $first) @include(if: $withPilot) {
      ...BoardColumn
    }
    industrialization: projects(filter: $industrialization, orderBy: $orderBy, first: $first)
      @include(if: $withIndustrialization) {
      ...BoardColumn
    }
    commercialized: projects(filter: $commercialized, orderBy: $orderBy, first: $first)
      @include(if: $withCommercialized) {
      ...BoardColumn
    }
    onHold: projects(filter: $onHold, first: 1) @include(if: $withOnHold) {
      totalCount
    }
    terminated: projects(filter: $terminated, first: 1) @include(if: $withTerminated) {
      totalCount
    }
  }
`);

/** One column's next page ("Load more"), and the folded columns when opened. */
export const BoardColumnPage = graphql(`
  query BoardColumnPage($filter: ProjectFilter!, $orderBy: ProjectOrder, $first: Int!, $after: String) {
    projects(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      ...BoardColumn
    }
  }
`);

/** What the filters offer: institutes, enterprises, pilot bases and funds by name. */
export const BoardFilterOptions = graphql(`
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
`);

/** The board as CSV: every matching project, 100 per request. */
export const BoardExport = graphql(`
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
`);
