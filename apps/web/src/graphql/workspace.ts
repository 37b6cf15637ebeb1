import { graphql } from '../__generated__';

/** The trust workspace's summary: each series' latest value, variation and assurance, and each intervention's verdicts. */
export const WORKSPACE_QUERY = graphql(`
  query Workspace($code: ID!) {
    trust(code: $code) {
      code
      name
      context {
        kind
        region
        beds
        catchmentPopulation
        aeAttendances
        deprivation
        oversightSegment
        cqcRating
        effectiveFrom
        reason
      }
      interventions(first: 100) {
        totalCount
        edges {
          node {
            id
            title
            status
            sharing
            startedOn
            outcomes {
              metric
              metricInfo {
                code
                name
              }
              sustainability
            }
          }
        }
      }
      series {
        trustCode
        metric
        metricInfo {
          code
          name
          unit
          nationalStandard
        }
        observations {
          period
          value
          corrected
        }
        corrections {
          period
          previousValue
          value
          reason
        }
        rebasePeriods
        spc {
          variation
          assurance
        }
      }
    }
  }
`);

export const WORKSPACE_METRICS_QUERY = graphql(`
  query WorkspaceMetrics {
    metrics {
      code
      name
      unit
      validMin
      validMax
    }
  }
`);

export const RECORD_OBSERVATIONS_MUTATION = graphql(`
  mutation RecordObservations($input: RecordObservationsInput!) {
    recordObservations(input: $input) {
      position
      series {
        trustCode
        metric
      }
    }
  }
`);

export const CORRECT_OBSERVATION_MUTATION = graphql(`
  mutation CorrectObservation($input: CorrectObservationInput!) {
    correctObservation(input: $input) {
      position
      series {
        trustCode
        metric
      }
    }
  }
`);

export const REBASE_SERIES_MUTATION = graphql(`
  mutation RebaseSeries($input: RebaseSeriesInput!) {
    rebaseSeries(input: $input) {
      position
      series {
        trustCode
        metric
      }
    }
  }
`);

export const UPDATE_TRUST_CONTEXT_MUTATION = graphql(`
  mutation UpdateTrustContext($input: UpdateTrustContextInput!) {
    updateTrustContext(input: $input) {
      position
      trust {
        code
      }
    }
  }
`);

export const START_INTERVENTION_MUTATION = graphql(`
  mutation StartIntervention($input: StartInterventionInput!) {
    startIntervention(input: $input) {
      position
      intervention {
        ...InterventionDetail
      }
    }
  }
`);

export const LOG_PDSA_CYCLE_MUTATION = graphql(`
  mutation LogPdsaCycle($input: LogPdsaCycleInput!) {
    logPdsaCycle(input: $input) {
      position
      intervention {
        ...InterventionDetail
      }
    }
  }
`);

export const COMPLETE_INTERVENTION_MUTATION = graphql(`
  mutation CompleteIntervention($input: CompleteInterventionInput!) {
    completeIntervention(input: $input) {
      position
      intervention {
        ...InterventionDetail
      }
    }
  }
`);

export const ABANDON_INTERVENTION_MUTATION = graphql(`
  mutation AbandonIntervention($input: AbandonInterventionInput!) {
    abandonIntervention(input: $input) {
      position
      intervention {
        ...InterventionDetail
      }
    }
  }
`);

export const CHANGE_SHARING_MUTATION = graphql(`
  mutation ChangeSharing($input: ChangeSharingInput!) {
    changeSharing(input: $input) {
      position
      intervention {
        ...InterventionDetail
      }
    }
  }
`);
