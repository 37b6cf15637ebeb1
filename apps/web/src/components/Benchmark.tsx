import { useQuery } from '@apollo/client/react';
import { FUNNEL_QUERY, TRUST_BENCHMARK_QUERY } from '../graphql/trusts';
import { formatNumber, formatPeriod, formatValue } from '../lib/format';
import { SummaryList } from './SummaryList';
import { FunnelPlot } from './FunnelPlot';

/** How this trust compares in one metric: its latest month against every trust, and (for proportions) the funnel plot. */
export function Benchmark({
  code,
  name,
  metric,
  metricName,
  unit,
  hasDenominators,
}: {
  code: string;
  name: string;
  metric: string;
  metricName: string;
  unit: string;
  hasDenominators: boolean;
}) {
  const { data, loading, error } = useQuery(TRUST_BENCHMARK_QUERY, { variables: { code, metric } });
  const b = data?.trust?.benchmark;
  const funnel = useQuery(FUNNEL_QUERY, { variables: { metric, period: b?.period ?? '' }, skip: !b || !hasDenominators });
  if (loading && !b) return <p className="nhsuk-body-s">Comparing with other trusts…</p>;
  if (error) return <p className="nhsuk-body-s">The comparison with other trusts could not be loaded just now.</p>;
  if (!b) return null;
  const median = (v: number | null | undefined, what: string) => (v === null || v === undefined ? `No other ${what} has a value` : formatValue(v, unit));
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">How {name} compares with other trusts</span>
      </summary>
      <div className="nhsuk-details__text">
        <SummaryList
          rows={[
            { key: `${name}, ${formatPeriod(b.period)}`, value: formatValue(b.value, unit) },
            {
              key: 'All trusts',
              value: `Median ${formatValue(b.nationalMedian, unit)}; middle half ${formatValue(b.q1, unit)} to ${formatValue(b.q3, unit)}`,
            },
            { key: 'Its region', value: `Median ${median(b.regionMedian, 'trust in the region')}` },
            { key: 'Trusts like this one', value: `Median ${median(b.peerMedian, 'similar trust')}` },
            { key: 'Rank', value: `${formatNumber(b.rank)} of ${formatNumber(b.n)} (1 is best)` },
          ]}
        />
        <p className="nhsuk-body-s">
          Quartiles by linear interpolation (as R&apos;s quantile() and Excel&apos;s QUARTILE.INC); trusts with equal values share a rank.
        </p>
        {hasDenominators && funnel.data && (
          <>
            <p className="nhsuk-body-s">
              A funnel plot compares trusts of different sizes fairly: a small trust varies more by chance, so its limits are wider. A trust outside the 99.8%
              limits is unlikely to differ from the target by chance alone (Spiegelhalter&apos;s method, exact binomial limits): a reason to look closer, not a
              verdict.
            </p>
            <FunnelPlot funnel={funnel.data.funnel} unit={unit} metricName={metricName} highlight={code} />
          </>
        )}
        {hasDenominators && funnel.error && <p className="nhsuk-body-s">The funnel plot could not be loaded just now.</p>}
      </div>
    </details>
  );
}
