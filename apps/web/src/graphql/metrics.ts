import { graphql } from '../__generated__';

/** A trust's own measures (targets and data may use them, at that trust only). */
export const LOCAL_MEASURES_QUERY = graphql(`
  query LocalMeasures($code: ID!) {
    trust(code: $code) {
      code
      localMeasures {
        code
        name
        unit
        direction
      }
    }
  }
`);

export const DEFINE_LOCAL_MEASURE_MUTATION = graphql(`
  mutation DefineLocalMeasure($input: DefineLocalMeasureInput!) {
    defineLocalMeasure(input: $input) {
      position
      localMeasure {
        code
        name
        unit
        direction
      }
    }
  }
`);

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
