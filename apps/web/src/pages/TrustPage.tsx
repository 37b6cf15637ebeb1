import { useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { SpcChartChoice, type SpcAnalysisFieldsFragment, type TrustPageQuery } from '../__generated__/graphql';
import { SERIES_SPC_AS_QUERY, TRUST_INTERVENTIONS_QUERY, TRUST_PAGE_QUERY, TRUST_SPC_QUERY } from '../graphql/trusts';
import { CATEGORY_LABELS, CQC_LABELS, REGION_LABELS, TRUST_KIND_LABELS, label } from '../lib/labels';
import { formatDate, formatNumber } from '../lib/format';
import { countOf, pageCount, pageParam } from '../lib/paging';
import { Pagination } from '../components/Pagination';
import { usePageTitle } from '../lib/usePageTitle';
import { Loading, QueryError } from '../components/QueryError';
import { SummaryList } from '../components/SummaryList';
import { StatusTag } from '../components/StatusTag';
import { SpcChart, type ChartMarker } from '../components/SpcChart';
import { LazyRender } from '../components/LazyRender';
import { HowToReadSpc, SpcIcons } from '../components/SpcSummary';
import { SeriesTable } from '../components/SeriesTable';
import { Peers } from '../components/Peers';
import { MentorsPanel } from '../components/MentorsPanel';
import { Benchmark } from '../components/Benchmark';
import { DriverDiagramsSection } from '../components/DriverDiagram';
import { LocalMeasures } from '../components/LocalMeasures';
import { pointsFromSpc } from '../lib/spc';
import { NotFoundPage } from './NotFoundPage';

type TrustDetail = NonNullable<TrustPageQuery['trust']>;
type MetricSeriesData = TrustDetail['series'][number];

function orNotKnown(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? 'Not known' : formatNumber(value, digits);
}

function ContextList({ trust }: { trust: TrustDetail }) {
  const c = trust.context;
  return (
    <SummaryList
      rows={[
        { key: 'Kind', value: label(TRUST_KIND_LABELS, c.kind) },
        { key: 'Region', value: label(REGION_LABELS, c.region) },
        { key: 'Beds', value: orNotKnown(c.beds) },
        { key: 'Catchment population', value: orNotKnown(c.catchmentPopulation) },
        { key: 'A&E attendances', value: c.aeAttendances === null ? 'Not known' : `${formatNumber(c.aeAttendances)} a year` },
        {
          key: 'Deprivation',
          value: c.deprivation === null ? 'Not known' : `${formatNumber(c.deprivation, 1)} (IMD score, higher is more deprived)`,
        },
        {
          key: 'Oversight segment',
          value: c.oversightSegment === null ? 'Not known' : `${c.oversightSegment} (1 is best, 5 is most support needed)`,
        },
        { key: 'CQC rating', value: c.cqcRating ? label(CQC_LABELS, c.cqcRating) : 'Not known' },
        { key: 'Effective from', value: formatDate(c.effectiveFrom) + (c.reason ? ` (${c.reason})` : '') },
      ]}
    />
  );
}

/** Interventions per page of the trust page's table. */
const INTERVENTIONS_PER_PAGE = 10;

/** The trust's interventions, a page at a time (`?interventions=N`, so Back and shared links keep the page). */
function Interventions({ trust }: { trust: TrustDetail }) {
  const [params] = useSearchParams();
  const page = pageParam(params.get('interventions'));
  const { data, previousData, error } = useQuery(TRUST_INTERVENTIONS_QUERY, {
    variables: { code: trust.code, first: INTERVENTIONS_PER_PAGE, offset: (page - 1) * INTERVENTIONS_PER_PAGE },
  });
  const connection = (data ?? previousData)?.trust?.interventions;
  if (error && !connection) return <QueryError error={error} what="the interventions" />;
  if (!connection) return <Loading what="the interventions" />;
  const edges = connection.edges;
  const pages = pageCount(connection.totalCount, INTERVENTIONS_PER_PAGE);
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 1) next.set('interventions', String(n));
    else next.delete('interventions');
    const query = next.toString();
    return `/trusts/${encodeURIComponent(trust.code)}${query ? `?${query}` : ''}#interventions`;
  };
  if (connection.totalCount === 0) {
    return <p className="nhsuk-body">{trust.name} has not shared any interventions yet.</p>;
  }
  const first = (page - 1) * INTERVENTIONS_PER_PAGE + 1;
  return (
    <div className="app-table-wrapper">
      <p className="nhsuk-body-s">
        {countOf(connection.totalCount, 'intervention', 'interventions')}
        {pages > 1 && edges.length > 0 ? `: ${formatNumber(first)} to ${formatNumber(first + edges.length - 1)} shown, newest first` : ''}.
      </p>
      {edges.length === 0 ? (
        <p className="nhsuk-body">
          There is no page {page}. <Link to={pageHref(1)}>Go to the first page</Link>.
        </p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Interventions of {trust.name}</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col" className="nhsuk-table__header">
                Intervention
              </th>
              <th scope="col" className="nhsuk-table__header">
                Category
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
              <th scope="col" className="nhsuk-table__header">
                Started on
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {edges.map(({ node }) => (
              <tr key={node.id} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  <Link to={`/interventions/${encodeURIComponent(node.id)}`}>{node.title}</Link>
                </td>
                <td className="nhsuk-table__cell">{label(CATEGORY_LABELS, node.category)}</td>
                <td className="nhsuk-table__cell">
                  <StatusTag status={node.status} />
                </td>
                <td className="nhsuk-table__cell">{node.startedOn ? formatDate(node.startedOn) : 'Not started'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination current={page} total={pages} href={pageHref} label={`Pages of the interventions of ${trust.name}`} />
    </div>
  );
}

/** The chart choice of a series with numerators and denominators: automatic (XmR or run) or Laney's P′ (a %) / U′ (a rate). */
function ChartChoice({ unit, value, onChange }: { unit: string; value: SpcChartChoice; onChange: (choice: SpcChartChoice) => void }) {
  const id = useId();
  const counted = unit === '%' ? SpcChartChoice.PPrime : SpcChartChoice.UPrime;
  const options = [
    { choice: SpcChartChoice.Auto, text: 'XmR chart (Making Data Count)', hint: 'Limits from the month-to-month variation of the values.' },
    {
      choice: counted,
      text: unit === '%' ? 'P′ chart (Laney)' : 'U′ chart (Laney)',
      hint: 'Limits from each month’s numerator and denominator, allowing for variation beyond chance: the usual chart for large denominators.',
    },
  ];
  return (
    <div className="nhsuk-form-group">
      <fieldset className="nhsuk-fieldset" aria-describedby={`${id}-hint`}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Chart type</legend>
        <div className="nhsuk-hint" id={`${id}-hint`}>
          This measure has a numerator and a denominator each month, so it can also be drawn as a {unit === '%' ? 'P′' : 'U′'} chart.
        </div>
        <div className="nhsuk-radios nhsuk-radios--small nhsuk-radios--inline">
          {options.map((o) => (
            <div key={o.choice} className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id={`${id}-${o.choice}`}
                name={`${id}-chart`}
                type="radio"
                value={o.choice}
                checked={value === o.choice}
                onChange={() => onChange(o.choice)}
                aria-describedby={`${id}-${o.choice}-hint`}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${id}-${o.choice}`}>
                {o.text}
              </label>
              <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-${o.choice}-hint`}>
                {o.hint}
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The start of each of the trust's interventions that targets the metric, as a line on its chart. */
function startMarkers(trust: TrustDetail, metric: string): ChartMarker[] {
  return trust.interventions.edges
    .map(({ node }) => node)
    .filter((i) => i.startedOn && i.targets.some((t) => t.metric === metric))
    .map((i) => ({ date: i.startedOn!, label: `Started: ${i.title}` }));
}

function Series({
  trust,
  series,
  spc: autoSpc,
  spcState: autoState,
}: {
  trust: TrustDetail;
  series: MetricSeriesData;
  spc: SpcAnalysisFieldsFragment | null;
  spcState: 'loading' | 'failed' | 'ready';
}) {
  const name = series.metricInfo?.name ?? series.metric;
  const unit = series.metricInfo?.unit ?? '';
  const headingId = `series-${series.metric}`;
  const hasCounts =
    series.observations.length > 0 && series.observations.every((o) => o.denominator !== null && o.denominator !== undefined && o.denominator > 0);
  const [choice, setChoice] = useState<SpcChartChoice>(SpcChartChoice.Auto);
  const chosen = useQuery(SERIES_SPC_AS_QUERY, { variables: { code: trust.code, metric: series.metric, chart: choice }, skip: choice === SpcChartChoice.Auto });
  const spc = choice === SpcChartChoice.Auto ? autoSpc : (chosen.data?.series?.spc ?? null);
  const spcState = choice === SpcChartChoice.Auto ? autoState : chosen.error ? 'failed' : chosen.data ? 'ready' : 'loading';
  const target = spc?.target ?? series.metricInfo?.nationalStandard ?? null;
  const trialGroups = spc?.groups.filter((g) => g.trialLimits).length ?? 0;
  return (
    <section aria-labelledby={headingId} className="nhsuk-u-margin-bottom-7">
      <h3 id={headingId}>{name}</h3>
      {series.metricInfo && (
        <p className="nhsuk-body-s">
          {series.metricInfo.improvement === 'INCREASE' ? 'Higher is better.' : 'Lower is better.'}
          {series.metricInfo.nationalStandard !== null
            ? ` National standard: ${series.metricInfo.standardDescription ?? series.metricInfo.nationalStandard}.`
            : ' No national standard.'}
        </p>
      )}
      {hasCounts && <ChartChoice unit={unit} value={choice} onChange={setChoice} />}
      {spc && (spc.chart !== 'xmr' || hasCounts) && (
        <p className="nhsuk-body-s" aria-live="polite">
          <strong>Chart shown:</strong> {spc.chartReason}
        </p>
      )}
      {spc && <SpcIcons variation={spc.variation} assurance={spc.assurance} hasTarget={target !== null} chart={spc.chart} />}
      {spcState === 'failed' && <p className="nhsuk-body-s">The statistical analysis of this series could not be loaded; the chart shows the values only.</p>}
      {spc && trialGroups > 0 && (
        <p className="nhsuk-body-s">
          {trialGroups === 1 ? 'One baseline has' : `${trialGroups} baselines have`} fewer than 12 points, so its limits are trial limits: treat its signals
          with caution.
        </p>
      )}
      <SpcChart
        metricName={name}
        unit={unit}
        points={pointsFromSpc(series.observations, spc)}
        target={target}
        targetDescription={series.metricInfo?.standardDescription ?? null}
        markers={startMarkers(trust, series.metric)}
        table={
          <SeriesTable
            metricName={name}
            unit={unit}
            observations={series.observations}
            corrections={series.corrections}
            rebasePeriods={series.rebasePeriods}
            signals={spc?.points ?? null}
          />
        }
      />
      <Benchmark
        code={trust.code}
        name={trust.name}
        metric={series.metric}
        metricName={name}
        unit={unit}
        hasDenominators={series.observations.some((o) => o.denominator !== null && o.denominator !== undefined)}
      />
    </section>
  );
}

/** `/trusts/:code`: a trust's context, interventions and outcome series. */
export function TrustPage() {
  const { code = '' } = useParams();
  const { data, loading, error } = useQuery(TRUST_PAGE_QUERY, { variables: { code } });
  const trust = data?.trust;
  // The SPC analyses come separately: if they fail, the page still shows the data.
  const spcResult = useQuery(TRUST_SPC_QUERY, { variables: { code }, skip: !trust });
  const spcByMetric = new Map((spcResult.data?.trust?.series ?? []).map((s) => [s.metric, s.spc]));
  const spcState = spcResult.error ? 'failed' : spcResult.data?.trust ? 'ready' : 'loading';
  usePageTitle(trust ? trust.name : loading ? 'Trust' : error ? 'Trust could not be loaded' : 'Trust not found');

  if (loading && !trust) return <Loading what="the trust" />;
  if (error && !trust) {
    return (
      <>
        <Link className="nhsuk-back-link" to="/">
          Back to trusts
        </Link>
        <QueryError error={error} what="this trust" />
      </>
    );
  }
  if (!trust) {
    return (
      <NotFoundPage heading="Trust not found">
        <p>There is no trust with the ODS code {code}.</p>
      </NotFoundPage>
    );
  }

  const series = [...trust.series].sort((a, b) => (a.metricInfo?.name ?? a.metric).localeCompare(b.metricInfo?.name ?? b.metric));

  return (
    <>
      <Link className="nhsuk-back-link" to="/">
        Back to trusts
      </Link>
      <h1>
        <span className="nhsuk-caption-l">
          {trust.code} <span className="nhsuk-u-visually-hidden">-</span>
        </span>
        {trust.name}
      </h1>

      <h2>Context</h2>
      <ContextList trust={trust} />

      <h2 id="interventions">Interventions</h2>
      <Interventions trust={trust} />
      <p>
        <Link className="nhsuk-button nhsuk-button--secondary" to={`/interventions/new?trust=${encodeURIComponent(trust.code)}`}>
          Propose an intervention
        </Link>
      </p>

      <DriverDiagramsSection trustCode={trust.code} />
      <h2>Local measures</h2>
      <LocalMeasures code={trust.code} name={trust.name} />

      <h2>Trusts like this one</h2>
      <Peers code={trust.code} name={trust.name} />
      <MentorsPanel code={trust.code} name={trust.name} />

      <h2>Outcomes over time</h2>
      {series.length === 0 ? (
        <p className="nhsuk-body">No outcome data has been recorded for {trust.name} yet.</p>
      ) : (
        <>
          <p className="nhsuk-body">
            Each measure is shown as a statistical process control chart, so you can tell a real change from ordinary month-to-month variation.
          </p>
          <HowToReadSpc />
          {series.map((s) => (
            // Only the charts near the screen are drawn (and fetch their benchmarks): a trust has many measures.
            <LazyRender key={s.metric} placeholderHeight={640} label={`The chart of ${s.metricInfo?.name ?? s.metric} is drawn when you scroll to it.`}>
              <Series trust={trust} series={s} spc={spcByMetric.get(s.metric) ?? null} spcState={spcState} />
            </LazyRender>
          ))}
        </>
      )}
    </>
  );
}
