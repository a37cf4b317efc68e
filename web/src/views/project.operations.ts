import { graphql } from '../gql';

/**
 * The project page: the whole chain in one request, each part answered by the subgraph
 * that owns it. Parts the viewer may not see come back null (or empty) with an error at
 * their path; the page shows the rest and marks them.
 */
export const ProjectPage = graphql(`
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
`);

export const PartyNameFields = graphql(`
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
`);

/** Facilities a booking can ask for: every base's, with the base's status. */
export const BookableFacilities = graphql(`
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
`);

export const ChangeStage = graphql(`
  mutation ChangeStage($input: ChangeProjectStageInput!) {
    changeProjectStage(input: $input) {
      id
      stage
    }
  }
`);

export const RequestBooking = graphql(`
  mutation RequestBooking($input: RequestBookingInput!) {
    requestBooking(input: $input) {
      id
      start
      end
      status
    }
  }
`);

export const CommitInvestment = graphql(`
  mutation CommitInvestment($input: CommitInvestmentInput!) {
    commitInvestment(input: $input) {
      id
      amount {
        amount
        currency
      }
    }
  }
`);

/** What a fund may invest in, and what it has left: the rules a commitment is checked against. */
export const FundMandate = graphql(`
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
`);
