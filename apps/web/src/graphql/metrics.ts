import { graphql } from '../__generated__';

export const METRICS_QUERY = graphql(`
  query Metrics {
    metrics {
      code
      name
      description
      unit
      improvement
      nationalStandard
      standardDescription
      coverage {
        trusts
        firstPeriod
        latestPeriod
      }
    }
  }
`);
