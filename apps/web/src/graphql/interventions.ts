import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Approach, Direction, InterventionCategory, InterventionStatus, Sharing } from './types';

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
