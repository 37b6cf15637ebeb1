import { graphql } from '../__generated__';

export const PORTFOLIO_FRAGMENT = graphql(`
  fragment PortfolioFields on Portfolio {
    asOf
    total
    current {
      statuses {
        status
        count
      }
      verdicts {
        sustainability
        count
      }
    }
    quarters {
      quarter
      label
      end
      statuses {
        status
        count
      }
      verdicts {
        sustainability
        count
      }
    }
  }
`);

export const PROGRAMMES_QUERY = graphql(`
  query Programmes {
    programmes {
      id
      name
      aim
      category
      metric
      memberCount
      interventionCount
    }
  }
`);

export const PROGRAMME_QUERY = graphql(`
  query Programme($id: ID!) {
    programme(id: $id) {
      id
      name
      aim
      category
      metric
      createdAt
      coordinators {
        id
        name
      }
      coordinatedByMe
      memberCount
      interventionCount
      members {
        code
        name
        joinedAt
        interventionCount
      }
      interventions {
        id
        title
        status
        startedOn
        trustCode
        trustName
        linkedAt
        verdict
        verdictMetric
      }
      evidence {
        k
        pooledEffect
        ciLow
        ciHigh
        sustainedShare
        method {
          estimator
          test
          description
        }
      }
      timeline {
        date
        type
        summary
        interventionId
      }
      portfolio {
        ...PortfolioFields
      }
    }
  }
`);

export const TRUST_PORTFOLIO_QUERY = graphql(`
  query TrustPortfolio($code: ID!) {
    trust(code: $code) {
      code
      name
      programmes {
        id
        name
      }
      portfolio {
        ...PortfolioFields
      }
    }
  }
`);

export const LINKABLE_INTERVENTIONS_QUERY = graphql(`
  query LinkableInterventions($trustCode: ID!) {
    interventions(filter: { trustCode: $trustCode }, first: 100) {
      edges {
        node {
          id
          title
          status
        }
      }
    }
  }
`);

export const CREATE_PROGRAMME_MUTATION = graphql(`
  mutation CreateProgramme($input: CreateProgrammeInput!) {
    createProgramme(input: $input) {
      position
      programme {
        id
        name
      }
    }
  }
`);

export const JOIN_PROGRAMME_MUTATION = graphql(`
  mutation JoinProgramme($input: JoinProgrammeInput!) {
    joinProgramme(input: $input) {
      position
      programme {
        id
        memberCount
      }
    }
  }
`);

export const LINK_TO_PROGRAMME_MUTATION = graphql(`
  mutation LinkToProgramme($input: LinkToProgrammeInput!) {
    linkToProgramme(input: $input) {
      position
      programme {
        id
        interventionCount
      }
    }
  }
`);

export const APPOINT_PROGRAMME_COORDINATOR_MUTATION = graphql(`
  mutation AppointProgrammeCoordinator($input: AppointProgrammeCoordinatorInput!) {
    appointProgrammeCoordinator(input: $input) {
      position
      programme {
        id
        coordinators {
          id
          name
        }
      }
    }
  }
`);
