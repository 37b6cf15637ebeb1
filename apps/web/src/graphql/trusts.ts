import { gql, type TypedDocumentNode } from '@apollo/client';
import type { CqcRating, Direction, InterventionCategory, InterventionStatus, Region, Sharing, TrustKind } from './types';
import { SPC_ANALYSIS_FRAGMENT, type SpcAnalysisData } from './analytics';

// ------------------------------------------------------------------ trust list

export interface TrustFilter {
  search?: string | null;
  region?: Region | null;
  kind?: TrustKind | null;
}

export interface TrustListItem {
  __typename?: 'Trust';
  code: string;
  name: string;
  kind: TrustKind;
  region: Region;
  interventionCount: number;
}

export interface TrustListData {
  trusts: TrustListItem[];
}

export interface TrustListVariables {
  filter?: TrustFilter | null;
}

export const TRUST_LIST_QUERY: TypedDocumentNode<TrustListData, TrustListVariables> = gql`
  query TrustList($filter: TrustFilter) {
    trusts(filter: $filter) {
      code
      name
      kind
      region
      interventionCount
    }
  }
`;

// ------------------------------------------------------------------ trust page

export interface TrustContextData {
  __typename?: 'TrustContext';
  kind: TrustKind;
  region: Region;
  beds: number | null;
  catchmentPopulation: number | null;
  aeAttendances: number | null;
  deprivation: number | null;
  oversightSegment: number | null;
  cqcRating: CqcRating | null;
  effectiveFrom: string;
  reason: string | null;
}

export interface TrustInterventionItem {
  __typename?: 'Intervention';
  id: string;
  title: string;
  category: InterventionCategory;
  status: InterventionStatus;
  sharing: Sharing;
  startedOn: string | null;
}

export interface SeriesMetricInfo {
  __typename?: 'Metric';
  code: string;
  name: string;
  unit: string;
  improvement: Direction;
  nationalStandard: number | null;
  standardDescription: string | null;
}

export interface ObservationPointData {
  __typename?: 'ObservationPoint';
  period: string;
  value: number;
  corrected: boolean;
}

export interface CorrectionData {
  __typename?: 'Correction';
  period: string;
  previousValue: number;
  value: number;
  reason: string;
}

export interface MetricSeriesData {
  __typename?: 'MetricSeries';
  trustCode: string;
  metric: string;
  metricInfo: SeriesMetricInfo | null;
  observations: ObservationPointData[];
  rebasePeriods: string[];
  corrections: CorrectionData[];
}

export interface TrustDetail {
  __typename?: 'Trust';
  code: string;
  name: string;
  kind: TrustKind;
  region: Region;
  interventionCount: number;
  context: TrustContextData;
  interventions: {
    __typename?: 'InterventionConnection';
    totalCount: number;
    edges: { __typename?: 'InterventionEdge'; cursor: string; node: TrustInterventionItem }[];
  };
  series: MetricSeriesData[];
}

export interface TrustPageData {
  trust: TrustDetail | null;
}

export interface TrustPageVariables {
  code: string;
  interventionsFirst?: number;
}

export const TRUST_PAGE_QUERY: TypedDocumentNode<TrustPageData, TrustPageVariables> = gql`
  query TrustPage($code: ID!, $interventionsFirst: Int = 100) {
    trust(code: $code) {
      code
      name
      kind
      region
      interventionCount
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
      interventions(first: $interventionsFirst) {
        totalCount
        edges {
          cursor
          node {
            id
            title
            category
            status
            sharing
            startedOn
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
        }
        observations {
          period
          value
          corrected
        }
        rebasePeriods
        corrections {
          period
          previousValue
          value
          reason
        }
      }
    }
  }
`;

// ------------------------------------------------------------------ trust page: SPC
// Fetched apart from the page query so that the page still shows its data if the analytics
// fail; the series merge in the cache by (trustCode, metric).

export interface TrustSpcData {
  trust: {
    __typename?: 'Trust';
    code: string;
    series: { __typename?: 'MetricSeries'; trustCode: string; metric: string; spc: SpcAnalysisData }[];
  } | null;
}

export const TRUST_SPC_QUERY: TypedDocumentNode<TrustSpcData, { code: string }> = gql`
  query TrustSpc($code: ID!) {
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
  }
  ${SPC_ANALYSIS_FRAGMENT}
`;

// ------------------------------------------------------------------ trust page: peers

export interface PeerContributionData {
  __typename?: 'PeerContribution';
  feature: string;
  weight: number;
  difference: number | null;
}

export interface PeerData {
  __typename?: 'Peer';
  trust: { __typename?: 'Trust'; code: string; name: string; kind: TrustKind; region: Region };
  distance: number;
  contributions: PeerContributionData[];
}

export interface TrustPeersData {
  trust: { __typename?: 'Trust'; code: string; peers: PeerData[] } | null;
}

export interface TrustPeersVariables {
  code: string;
  limit?: number;
}

export const TRUST_PEERS_QUERY: TypedDocumentNode<TrustPeersData, TrustPeersVariables> = gql`
  query TrustPeers($code: ID!, $limit: Int = 5) {
    trust(code: $code) {
      code
      peers(limit: $limit) {
        trust {
          code
          name
          kind
          region
        }
        distance
        contributions {
          feature
          weight
          difference
        }
      }
    }
  }
`;
