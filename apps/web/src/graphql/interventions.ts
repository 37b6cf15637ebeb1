import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Approach, Direction, InterventionCategory, InterventionStatus, Sharing, Sustainability } from './types';
import { SPC_ANALYSIS_FRAGMENT, type SpcAnalysisData } from './analytics';

export interface TargetData {
  __typename?: 'Target';
  metric: string;
  direction: Direction;
  metricInfo: { __typename?: 'Metric'; code: string; name: string; unit: string; improvement: Direction } | null;
}

export interface PdsaCycleData {
  __typename?: 'PdsaCycle';
  cycleNumber: number;
  plan: string;
  do: string;
  study: string;
  act: string;
  cycleDate: string;
}

export interface HistoryEntryData {
  __typename?: 'HistoryEntry';
  type: string;
  at: string;
  position: string;
  summary: string;
}

export interface InterventionDetail {
  __typename?: 'Intervention';
  id: string;
  title: string;
  summary: string;
  category: InterventionCategory;
  approach: Approach;
  status: InterventionStatus;
  sharing: Sharing;
  trustCode: string;
  trust: { __typename?: 'Trust'; code: string; name: string };
  rootCause: string | null;
  proposedAt: string;
  startedOn: string | null;
  completedOn: string | null;
  abandonedOn: string | null;
  abandonReason: string | null;
  targets: TargetData[];
  pdsaCycles: PdsaCycleData[];
  history: HistoryEntryData[];
}

/** Everything the intervention page shows; shared by the query and the propose mutation. */
export const INTERVENTION_DETAIL_FRAGMENT: TypedDocumentNode<InterventionDetail> = gql`
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
`;

// ------------------------------------------------------------------ intervention page

export interface InterventionPageData {
  intervention: InterventionDetail | null;
}

export interface InterventionPageVariables {
  id: string;
}

export const INTERVENTION_PAGE_QUERY: TypedDocumentNode<InterventionPageData, InterventionPageVariables> = gql`
  query InterventionPage($id: ID!) {
    intervention(id: $id) {
      ...InterventionDetail
    }
  }
  ${INTERVENTION_DETAIL_FRAGMENT}
`;

// ------------------------------------------------------------------ intervention page: outcomes
// Fetched apart from the page query so that the page still shows if the analytics fail.

export interface OutcomeMetricInfo {
  __typename?: 'Metric';
  code: string;
  name: string;
  unit: string;
  improvement: Direction;
  nationalStandard: number | null;
  standardDescription: string | null;
}

export interface OutcomeEffectData {
  __typename?: 'OutcomeEffect';
  meanDifference: number;
  standardError: number | null;
  improvement: number;
  levelChange: number | null;
  slopeChange: number | null;
  effectAt12Months: number | null;
}

export interface SpcBaselineData {
  __typename?: 'SpcBaseline';
  firstPeriod: string;
  lastPeriod: string;
  n: number;
  mean: number;
  lpl: number;
  upl: number;
  trialLimits: boolean;
}

export interface OutcomePointData {
  __typename?: 'OutcomePoint';
  period: string;
  value: number;
  rule: string;
  pointType: string;
}

export interface InterventionOutcomeData {
  __typename?: 'InterventionOutcome';
  metric: string;
  metricInfo: OutcomeMetricInfo | null;
  direction: Direction;
  effect: OutcomeEffectData | null;
  sustainability: Sustainability;
  reason: string;
  startedOn: string | null;
  monthsObserved: number;
  baseline: SpcBaselineData | null;
  spc: SpcAnalysisData | null;
  post: OutcomePointData[];
}

export interface InterventionOutcomesData {
  intervention: { __typename?: 'Intervention'; id: string; outcomes: InterventionOutcomeData[] } | null;
}

export const INTERVENTION_OUTCOMES_QUERY: TypedDocumentNode<InterventionOutcomesData, InterventionPageVariables> = gql`
  query InterventionOutcomes($id: ID!) {
    intervention(id: $id) {
      id
      outcomes {
        metric
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
  ${SPC_ANALYSIS_FRAGMENT}
`;

// ------------------------------------------------------------------ propose

export interface TargetInput {
  metric: string;
  direction: Direction;
}

export interface ProposeInterventionInput {
  trustCode: string;
  title: string;
  summary: string;
  category: InterventionCategory;
  rootCause?: string | null;
  approach: Approach;
  targets: TargetInput[];
  sharing: Sharing;
  commandId?: string | null;
}

export interface ProposeInterventionData {
  proposeIntervention: {
    __typename?: 'ProposeInterventionPayload';
    position: string;
    intervention: InterventionDetail;
  };
}

export interface ProposeInterventionVariables {
  input: ProposeInterventionInput;
}

export const PROPOSE_INTERVENTION_MUTATION: TypedDocumentNode<ProposeInterventionData, ProposeInterventionVariables> = gql`
  mutation ProposeIntervention($input: ProposeInterventionInput!) {
    proposeIntervention(input: $input) {
      position
      intervention {
        ...InterventionDetail
      }
    }
  }
  ${INTERVENTION_DETAIL_FRAGMENT}
`;
