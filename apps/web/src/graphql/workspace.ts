import { graphql } from '../__generated__';

/**
 * The trust workspace's data: the trust, its context, each series' months (latest value,
 * corrections, rebases) and the interventions with their targets. The analyses (SPC and
 * verdicts) come in WORKSPACE_ANALYSIS_QUERY, so the data still show if the analytics fail.
 */
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
          cursor
          node {
            id
            title
            status
            sharing
            startedOn
            targets {
              metric
              direction
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
          improvement
          nationalStandard
          standardDescription
          validMin
          validMax
        }
        observations {
          period
          value
          denominator
          corrected
        }
        corrections {
          period
          previousValue
          value
          reason
        }
        rebasePeriods
      }
    }
  }
`);

/** The workspace's analyses: each series' SPC and each intervention's verdict per target metric. */
export const WORKSPACE_ANALYSIS_QUERY = graphql(`
  query WorkspaceAnalysis($code: ID!) {
    trust(code: $code) {
      code
      series {
        trustCode
        metric
        spc {
          ...SpcAnalysisFields
        }
      }
    }
    interventions(filter: { trustCode: $code }, first: 100) {
      edges {
        node {
          id
          outcomes {
            metric
            sustainability
            reason
          }
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
