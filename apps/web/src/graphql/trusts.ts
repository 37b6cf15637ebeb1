import { graphql } from '../__generated__';

export const TRUST_LIST_QUERY = graphql(`
  query TrustList($filter: TrustFilter) {
    trusts(filter: $filter) {
      code
      name
      kind
      region
      interventionCount
    }
  }
`);

/** The trust list a page at a time (a page number is an offset, so a link to page N works). */
export const TRUST_LIST_PAGE_QUERY = graphql(`
  query TrustListPage($filter: TrustFilter, $first: Int!, $offset: Int!) {
    trustConnection(filter: $filter, first: $first, offset: $offset) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        cursor
        node {
          code
          name
          kind
          region
          source
          interventionCount
        }
      }
    }
  }
`);

export const TRUST_PAGE_QUERY = graphql(`
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
            targets {
              metric
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
        }
        observations {
          period
          value
          denominator
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
`);

/** A trust's interventions a page at a time, for the trust page's table (`?interventions=N` is the page). */
export const TRUST_INTERVENTIONS_QUERY = graphql(`
  query TrustInterventions($code: ID!, $first: Int!, $offset: Int!) {
    trust(code: $code) {
      code
      interventions(first: $first, offset: $offset) {
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
    }
  }
`);

/**
 * Fetched apart from the page query so that the page still shows its data if the analytics
 * fail; the series merge in the cache by (trustCode, metric).
 */
export const TRUST_SPC_QUERY = graphql(`
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
`);

/** Fetched on its own, like the SPC analyses, so a failure leaves the rest of the page. */
export const TRUST_PEERS_QUERY = graphql(`
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
`);

/** A trust's value of one metric against every trust's (the period defaults to its latest). */
export const TRUST_BENCHMARK_QUERY = graphql(`
  query TrustBenchmark($code: ID!, $metric: String!, $period: String) {
    trust(code: $code) {
      code
      benchmark(metric: $metric, period: $period) {
        period
        value
        nationalMedian
        q1
        q3
        regionMedian
        peerMedian
        rank
        n
      }
    }
  }
`);

/** Every trust's proportion in a month against its denominator, with Spiegelhalter's limits. */
export const FUNNEL_QUERY = graphql(`
  query Funnel($metric: String!, $period: String!) {
    funnel(metric: $metric, period: $period) {
      metric
      period
      target
      points {
        trustCode
        value
        denominator
        outside95
        outside998
        trust {
          code
          name
        }
      }
      limits {
        denominator
        lower95
        upper95
        lower998
        upper998
      }
    }
  }
`);

/** One series drawn as the chart asked for (P′ or U′ for a series with numerators and denominators). */
export const SERIES_SPC_AS_QUERY = graphql(`
  query SeriesSpcAs($code: ID!, $metric: String!, $chart: SpcChartChoice!) {
    series(trustCode: $code, metric: $metric) {
      trustCode
      metric
      spc(chart: $chart) {
        ...SpcAnalysisFields
      }
    }
  }
`);

export const ACTIVITY_FIELDS = graphql(`
  fragment ActivityFields on Activity {
    position
    kind
    occurredAt
    summary
    trustCode
    trustName
    interventionId
  }
`);

export const RECENT_ACTIVITY_QUERY = graphql(`
  query RecentActivity($first: Int) {
    recentActivity(first: $first) {
      ...ActivityFields
    }
  }
`);

export const ACTIVITY_SUBSCRIPTION = graphql(`
  subscription LiveActivity($since: Int) {
    activity(since: $since) {
      ...ActivityFields
    }
  }
`);
