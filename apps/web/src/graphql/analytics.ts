import { graphql } from '../__generated__';

/** Everything an SPC chart, its icons and its table need. */
export const SPC_ANALYSIS_FRAGMENT = graphql(`
  fragment SpcAnalysisFields on SpcAnalysis {
    chart
    chartReason
    mean
    lpl
    upl
    variation
    assurance
    target
    direction
    points {
      period
      value
      mean
      lpl
      upl
      rule
      pointType
      rebaseGroup
    }
    groups {
      rebaseGroup
      firstPeriod
      lastPeriod
      n
      mean
      lpl
      upl
      trialLimits
    }
    warnings
  }
`);

export const EVIDENCE_QUERY = graphql(`
  query Evidence($metric: String!, $category: String, $asOf: String) {
    evidence(metric: $metric, category: $category, asOf: $asOf) {
      asOf
      metric
      category
      method {
        estimator
        test
        description
      }
      k
      pooledEffect
      se
      ciLow
      ciHigh
      predictionLow
      predictionHigh
      i2
      tau2
      q
      sustainedShare
      shiftedProblem
      verdicts {
        sustainability
        count
      }
      studies {
        intervention {
          id
          title
          trust {
            code
            name
          }
        }
        trustCode
        title
        approach
        effect
        standardError
        shrunkEffect
        sustainability
      }
    }
  }
`);

export const SYSTEM_PROJECTION_QUERY = graphql(`
  query SystemProjection($metric: String!, $region: String, $scenario: ScenarioInput, $horizonMonths: Int) {
    systemProjection(metric: $metric, region: $region, scenario: $scenario, horizonMonths: $horizonMonths) {
      metric
      region
      horizonMonths
      draws
      seed
      trusts
      lastPeriod
      maxDataAgeMonths
      excluded {
        trustCode
        lastPeriod
        reason
      }
      statusQuo {
        offset
        period
        mean
        p05
        p50
        p95
      }
      scenario {
        category
        adopters {
          code
          name
        }
        effectMean
        tau2
        fadeProbability
        months {
          offset
          period
          mean
          p05
          p50
          p95
        }
        difference {
          offset
          period
          mean
          p05
          p50
          p95
        }
      }
      computeMs
    }
  }
`);
