import { graphql } from '../__generated__';

export const SUSTAINABILITY_ASSESSMENT_FRAGMENT = graphql(`
  fragment SustainabilityAssessmentFields on SustainabilityAssessment {
    assessedOn
    total
    max
    scale
    note
    scores {
      factor
      group
      level
      score
    }
    groups {
      group
      score
      max
    }
    assessedBy {
      name
      role
      trustCode
    }
  }
`);

export const INTERVENTION_SUSTAINABILITY_QUERY = graphql(`
  query InterventionSustainability($id: ID!) {
    intervention(id: $id) {
      id
      sustainabilityAssessments {
        ...SustainabilityAssessmentFields
      }
      sustainabilityComparison {
        agreement
        teamLikelyToLast
        dataLasted
        explanation
        verdicts {
          metric
          metricName
          sustainability
        }
      }
    }
  }
`);

export const SUSTAINABILITY_FACTORS_QUERY = graphql(`
  query SustainabilityFactors {
    sustainabilityFactors {
      factor
      group
      name
      levels
    }
  }
`);

export const ASSESS_SUSTAINABILITY_MUTATION = graphql(`
  mutation AssessSustainability($input: AssessSustainabilityInput!) {
    assessSustainability(input: $input) {
      position
      intervention {
        id
        sustainabilityAssessments {
          ...SustainabilityAssessmentFields
        }
        sustainabilityComparison {
          agreement
          teamLikelyToLast
          dataLasted
          explanation
          verdicts {
            metric
            metricName
            sustainability
          }
        }
      }
    }
  }
`);
