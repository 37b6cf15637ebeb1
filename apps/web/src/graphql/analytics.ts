import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Approach, Direction, InterventionCategory, Region, Sustainability } from './types';

// ------------------------------------------------------------------ SPC (shared)

export interface SpcPointData {
  __typename?: 'SpcPoint';
  period: string;
  value: number;
  mean: number;
  lpl: number;
  upl: number;
  /** Making Data Count label, e.g. "Above UCL", "7 Point Trend (Increasing)", "Common Cause". */
  rule: string;
  /** common_cause | special_cause_improvement | special_cause_concern | special_cause_neutral_high | special_cause_neutral_low */
  pointType: string;
  rebaseGroup: number;
}

export interface SpcGroupData {
  __typename?: 'SpcGroup';
  rebaseGroup: number;
  firstPeriod: string;
  lastPeriod: string;
  n: number;
  mean: number;
  lpl: number;
  upl: number;
  trialLimits: boolean;
}

export interface SpcAnalysisData {
  __typename?: 'SpcAnalysis';
  mean: number | null;
  lpl: number | null;
  upl: number | null;
  /** common_cause | improvement_high | improvement_low | concern_high | concern_low | neutral_high | neutral_low */
  variation: string | null;
  /** consistent_pass | consistent_fail | inconsistent */
  assurance: string | null;
  target: number | null;
  direction: Direction;
  points: SpcPointData[];
  groups: SpcGroupData[];
  warnings: string[];
}

/** Everything an SPC chart, its icons and its table need. */
export const SPC_ANALYSIS_FRAGMENT: TypedDocumentNode<SpcAnalysisData> = gql`
  fragment SpcAnalysisFields on SpcAnalysis {
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
`;

// ------------------------------------------------------------------ evidence

export interface VerdictCountData {
  __typename?: 'VerdictCount';
  sustainability: Sustainability;
  count: number;
}

export interface EvidenceStudyData {
  __typename?: 'EvidenceStudy';
  intervention: {
    __typename?: 'Intervention';
    id: string;
    title: string;
    trust: { __typename?: 'Trust'; code: string; name: string };
  } | null;
  trustCode: string;
  title: string;
  approach: Approach;
  effect: number;
  standardError: number;
  shrunkEffect: number;
  sustainability: Sustainability;
}

export interface EvidenceSummaryData {
  __typename?: 'EvidenceSummary';
  metric: string;
  category: InterventionCategory | null;
  k: number;
  pooledEffect: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  predictionLow: number | null;
  predictionHigh: number | null;
  i2: number | null;
  tau2: number | null;
  q: number | null;
  sustainedShare: number | null;
  verdicts: VerdictCountData[];
  studies: EvidenceStudyData[];
}

export interface EvidenceData {
  evidence: EvidenceSummaryData;
}

export interface EvidenceVariables {
  metric: string;
  category?: InterventionCategory | null;
}

export const EVIDENCE_QUERY: TypedDocumentNode<EvidenceData, EvidenceVariables> = gql`
  query Evidence($metric: String!, $category: String) {
    evidence(metric: $metric, category: $category) {
      metric
      category
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
`;

// ------------------------------------------------------------------ system projection

export interface ProjectionMonthData {
  __typename?: 'ProjectionMonth';
  offset: number;
  period: string;
  mean: number;
  p05: number;
  p50: number;
  p95: number;
}

export interface ProjectionData {
  __typename?: 'Projection';
  metric: string;
  region: Region | null;
  horizonMonths: number;
  draws: number;
  seed: number;
  trusts: number;
  lastPeriod: string | null;
  statusQuo: ProjectionMonthData[];
  scenario: {
    __typename?: 'ProjectionScenario';
    category: InterventionCategory;
    adopters: { __typename?: 'Trust'; code: string; name: string }[];
    effectMean: number;
    tau2: number;
    fadeProbability: number;
    months: ProjectionMonthData[];
    difference: ProjectionMonthData[];
  } | null;
  computeMs: number;
}

export interface ScenarioInput {
  category: InterventionCategory;
  adopters: number;
  similarTo?: string | null;
  draws?: number | null;
  seed?: number | null;
}

export interface SystemProjectionData {
  systemProjection: ProjectionData;
}

export interface SystemProjectionVariables {
  metric: string;
  region?: string | null;
  scenario?: ScenarioInput | null;
  horizonMonths?: number | null;
}

export const SYSTEM_PROJECTION_QUERY: TypedDocumentNode<SystemProjectionData, SystemProjectionVariables> = gql`
  query SystemProjection($metric: String!, $region: String, $scenario: ScenarioInput, $horizonMonths: Int) {
    systemProjection(metric: $metric, region: $region, scenario: $scenario, horizonMonths: $horizonMonths) {
      metric
      region
      horizonMonths
      draws
      seed
      trusts
      lastPeriod
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
`;
