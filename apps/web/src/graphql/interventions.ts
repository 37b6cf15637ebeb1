import { graphql } from '../__generated__';

/** Everything the intervention page shows; shared by the query and the propose mutation. */
export const INTERVENTION_DETAIL_FRAGMENT = graphql(`
  fragment InterventionDetail on Intervention {
    id
    title
    summary
    category
    approach
    status
    sharing
    trustCode
    trust {
      code
      name
    }
    rootCause
    proposedAt
    startedOn
    completedOn
    abandonedOn
    abandonReason
    targets {
      metric
      direction
      role
      metricInfo {
        code
        name
        unit
        improvement
      }
    }
    pdsaCycles {
      cycleNumber
      plan
      do
      study
      act
      cycleDate
    }
    history {
      type
      at
      position
      summary
    }
  }
`);

export const INTERVENTION_PAGE_QUERY = graphql(`
  query InterventionPage($id: ID!, $asOf: String) {
    intervention(id: $id, asOf: $asOf) {
      ...InterventionDetail
      asOf
    }
  }
`);

/** Fetched apart from the page query so that the page still shows if the analytics fail. */
export const INTERVENTION_OUTCOMES_QUERY = graphql(`
  query InterventionOutcomes($id: ID!, $asOf: String) {
    intervention(id: $id, asOf: $asOf) {
      id
      outcomes {
        metric
        role
        balancingConcern
        metricInfo {
          code
          name
          unit
          improvement
          nationalStandard
          standardDescription
        }
        direction
        effect {
          meanDifference
          standardError
          improvement
          levelChange
          slopeChange
          effectAt12Months
        }
        sustainability
        reason
        startedOn
        monthsObserved
        baseline {
          firstPeriod
          lastPeriod
          n
          mean
          lpl
          upl
          trialLimits
        }
        spc {
          ...SpcAnalysisFields
        }
        post {
          period
          value
          rule
          pointType
        }
      }
    }
  }
`);

export const PROPOSE_INTERVENTION_MUTATION = graphql(`
  mutation ProposeIntervention($input: ProposeInterventionInput!) {
    proposeIntervention(input: $input) {
      position
      intervention {
        ...InterventionDetail
      }
    }
  }
`);
