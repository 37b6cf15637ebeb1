import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Direction } from './types';

export interface MetricInfo {
  __typename?: 'Metric';
  code: string;
  name: string;
  description: string;
  unit: string;
  improvement: Direction;
  nationalStandard: number | null;
  standardDescription: string | null;
}

export interface MetricsQueryData {
  metrics: MetricInfo[];
}

export const METRICS_QUERY: TypedDocumentNode<MetricsQueryData, Record<string, never>> = gql`
  query Metrics {
    metrics {
      code
      name
      description
      unit
      improvement
      nationalStandard
      standardDescription
    }
  }
`;
