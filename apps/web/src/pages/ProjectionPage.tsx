import { ScrollRegion } from '../components/ScrollRegion';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { InterventionCategory, Region, type MetricsQuery, type SystemProjectionQuery, type SystemProjectionQueryVariables } from '../__generated__/graphql';
import { METRICS_QUERY } from '../graphql/metrics';
import { SYSTEM_PROJECTION_QUERY } from '../graphql/analytics';
import { enumValue, valuesOf } from '../lib/enums';
import { CATEGORY_LABELS, REGION_LABELS, label } from '../lib/labels';
import { differenceUnit, formatFixed, formatNumber, formatPeriod, formatShare, formatValue } from '../lib/format';
import { usePageTitle } from '../lib/usePageTitle';
import { Loading, QueryError } from '../components/QueryError';
import { SummaryList } from '../components/SummaryList';
import { FanChart, type FanSeries } from '../components/FanChart';
import { ErrorMessage } from '../components/ErrorSummary';

const HORIZON_DEFAULT = 24;
const ADOPTERS_DEFAULT = 10;

type MetricInfo = MetricsQuery['metrics'][number];
type ProjectionMonthData = SystemProjectionQuery['systemProjection']['statusQuo'][number];

function positiveInt(value: string | null, fallback: number | null): number | null {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function range(m: ProjectionMonthData, unit: string): string {
  return `${formatValue(m.p50, unit)} (${formatValue(m.p05, unit)} to ${formatValue(m.p95, unit)})`;
}

function diffRange(m: ProjectionMonthData, unit: string): string {
  return `${formatFixed(m.p50)} (${formatFixed(m.p05)} to ${formatFixed(m.p95)}) ${differenceUnit(unit)}`;
}

/** Every third month and the last, so a long horizon stays readable. */
function tableMonths(months: readonly ProjectionMonthData[]): ProjectionMonthData[] {
  return months.filter((m, i) => m.offset % 3 === 0 || i === 0 || i === months.length - 1);
}

function ProjectionResult({ variables, info }: { variables: SystemProjectionQueryVariables; info: MetricInfo | undefined }) {
  const { data, loading, error } = useQuery(SYSTEM_PROJECTION_QUERY, { variables });
  const p = data?.systemProjection;
  if (loading && !p) return <Loading what="the projection" />;
  if (error && !p) return <QueryError error={error} what="the projection" />;
  if (!p) return null;
  const unit = info?.unit ?? '';
  const name = info?.name ?? p.metric;
  const where = p.region ? label(REGION_LABELS, p.region) : 'England';
  if (p.statusQuo.length === 0) {
    return (
      <p className="nhsuk-body">
        There are no data on {name} to project from{p.region ? ` in ${where}` : ''}.
      </p>
    );
  }
  const series: FanSeries[] = [{ key: 'status-quo', label: 'Status quo', months: p.statusQuo }];
  const s = p.scenario;
  if (s)
    series.push({
      key: 'scenario',
      label: `${s.adopters.length} trusts adopt ${label(CATEGORY_LABELS, s.category).toLowerCase()} interventions`,
      months: s.months,
    });
  const lastSq = p.statusQuo[p.statusQuo.length - 1]!;
  const lastDiff = s?.difference[s.difference.length - 1];
  const sqByOffset = new Map(p.statusQuo.map((m) => [m.offset, m]));
  const scByOffset = new Map((s?.months ?? []).map((m) => [m.offset, m]));
  const diffByOffset = new Map((s?.difference ?? []).map((m) => [m.offset, m]));

  return (
    <>
      <h2>
        {name} across {where}, next {p.horizonMonths} months
      </h2>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          If nothing changes, the {p.region ? 'regional' : 'national'} average across {p.trusts} trusts is expected to be about {formatValue(lastSq.p50, unit)}{' '}
          in {formatPeriod(lastSq.period)} (90% of simulations between {formatValue(lastSq.p05, unit)} and {formatValue(lastSq.p95, unit)}).
        </p>
        {s && lastDiff && (
          <p>
            If {s.adopters.length} trusts adopted {label(CATEGORY_LABELS, s.category).toLowerCase()} interventions, the average would change by{' '}
            {diffRange(lastDiff, unit)} by then, allowing for the differences between trusts and a {formatShare(s.fadeProbability)} chance that each improvement
            fades.
          </p>
        )}
      </div>
      <FanChart title={`${name}: projected ${p.region ? 'regional' : 'national'} average`} unit={unit} series={series} />
      {s && (
        <SummaryList
          rows={[
            { key: 'Scenario', value: `${label(CATEGORY_LABELS, s.category)} interventions adopted by ${s.adopters.length} trusts` },
            {
              key: 'Effect per adopting trust',
              value: `${formatFixed(s.effectMean)} ${differenceUnit(unit)} on average (pooled evidence), between-trust variance ${formatFixed(s.tau2, 2)}`,
            },
            { key: 'Chance an improvement fades', value: formatShare(s.fadeProbability) },
            {
              key: 'Adopting trusts',
              value:
                s.adopters.length === 0
                  ? 'None'
                  : s.adopters.map((t, i) => (
                      <span key={t.code}>
                        {i > 0 && ', '}
                        <Link to={`/trusts/${encodeURIComponent(t.code)}`}>{t.name}</Link>
                      </span>
                    )),
            },
          ]}
        />
      )}
      <ScrollRegion label={`Projected ${name}: table`}>
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Projected {name}: median (5th to 95th percentile)</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col" className="nhsuk-table__header">
                Month
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Status quo
              </th>
              {s && (
                <>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                    Scenario
                  </th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                    Difference
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {tableMonths(p.statusQuo).map((m) => {
              const sq = sqByOffset.get(m.offset)!;
              const sc = scByOffset.get(m.offset);
              const d = diffByOffset.get(m.offset);
              return (
                <tr key={m.offset} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{formatPeriod(m.period)}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{range(sq, unit)}</td>
                  {s && (
                    <>
                      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{sc ? range(sc, unit) : 'Not known'}</td>
                      <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{d ? diffRange(d, unit) : 'Not known'}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <ExcludedTrusts projection={p} />
      <p className="nhsuk-body-s app-secondary-text">
        {formatNumber(p.draws)} simulations (seed {p.seed}) from data up to {p.lastPeriod ? formatPeriod(p.lastPeriod) : 'not known'}, computed in{' '}
        {formatFixed(p.computeMs, p.computeMs < 10 ? 1 : 0)} ms.
      </p>
    </>
  );
}

/** Which trusts were left out of the projection (stale or too little data), and why. */
function ExcludedTrusts({ projection }: { projection: SystemProjectionQuery['systemProjection'] }) {
  const { excluded, maxDataAgeMonths } = projection;
  const months = `${maxDataAgeMonths} ${maxDataAgeMonths === 1 ? 'month' : 'months'}`;
  const rule = `Only trusts whose latest data are at most ${months} older than the newest enter the projection; each is projected from its own latest months.`;
  if (excluded.length === 0) return <p className="nhsuk-body-s">{rule} No trust was left out.</p>;
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          {excluded.length} {excluded.length === 1 ? 'trust was' : 'trusts were'} left out
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <p>{rule}</p>
        <ul>
          {excluded.map((e) => (
            <li key={e.trustCode}>
              <Link to={`/trusts/${encodeURIComponent(e.trustCode)}`}>{e.trustCode}</Link>: {e.reason}
              {e.lastPeriod ? ` (latest data ${formatPeriod(e.lastPeriod)})` : ''}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

/** `/projection`: a measure across the system, status quo against scaling an intervention up. */
export function ProjectionPage() {
  usePageTitle('System-wide projection');
  const [params, setParams] = useSearchParams();
  const metrics = useQuery(METRICS_QUERY);
  const catalogue = metrics.data?.metrics ?? [];
  const metric = params.get('metric') ?? catalogue[0]?.code ?? '';
  const region = enumValue(Region, params.get('region'));
  const category = enumValue(InterventionCategory, params.get('category'));
  const adopters = positiveInt(params.get('adopters'), ADOPTERS_DEFAULT) ?? ADOPTERS_DEFAULT;
  const horizon = positiveInt(params.get('horizon'), HORIZON_DEFAULT) ?? HORIZON_DEFAULT;

  const [draft, setDraft] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const value = (key: string, current: string) => draft[key] ?? current;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Record<string, string> = {
      metric: value('metric', metric),
      region: value('region', region ?? ''),
      category: value('category', category ?? ''),
      adopters: value('adopters', String(adopters)),
      horizon: value('horizon', String(horizon)),
    };
    const found: Record<string, string> = {};
    const h = Number(next.horizon);
    if (!Number.isInteger(h) || h < 1 || h > 120) found.horizon = 'Enter a horizon between 1 and 120 months';
    const a = Number(next.adopters);
    if (next.category && (!Number.isInteger(a) || a < 1)) found.adopters = 'Enter how many trusts adopt, 1 or more';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) search.set(k, v);
    setParams(search);
    setDraft({});
  }

  const variables: SystemProjectionQueryVariables = {
    metric,
    region,
    horizonMonths: horizon,
    scenario: category ? { category, adopters } : null,
  };

  return (
    <>
      <h1>System-wide projection</h1>
      <p className="nhsuk-lede-text">
        Where is a measure heading across the NHS if nothing changes, and what if more trusts adopted a kind of intervention — allowing for how much results
        differ between trusts and how often improvements fade?
      </p>
      {metrics.error && !metrics.data ? (
        <QueryError error={metrics.error} what="the measures" />
      ) : metrics.loading && !metrics.data ? (
        <Loading what="the measures" />
      ) : (
        <>
          <form onSubmit={submit} noValidate>
            <div className="app-filters">
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor="projection-metric">
                  Measure
                </label>
                <select
                  className="nhsuk-select"
                  id="projection-metric"
                  value={value('metric', metric)}
                  onChange={(e) => setDraft({ ...draft, metric: e.target.value })}
                >
                  {catalogue.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor="projection-region">
                  Region (optional)
                </label>
                <select
                  className="nhsuk-select"
                  id="projection-region"
                  value={value('region', region ?? '')}
                  onChange={(e) => setDraft({ ...draft, region: e.target.value })}
                >
                  <option value="">All of England</option>
                  {valuesOf(Region).map((r) => (
                    <option key={r} value={r}>
                      {label(REGION_LABELS, r)}
                    </option>
                  ))}
                </select>
              </div>
              <div className={`nhsuk-form-group${errors.horizon ? ' nhsuk-form-group--error' : ''}`}>
                <label className="nhsuk-label" htmlFor="projection-horizon">
                  Horizon (months)
                </label>
                <ErrorMessage id="projection-horizon-error" message={errors.horizon} />
                <input
                  className={`nhsuk-input nhsuk-input--width-3${errors.horizon ? ' nhsuk-input--error' : ''}`}
                  id="projection-horizon"
                  inputMode="numeric"
                  aria-describedby={errors.horizon ? 'projection-horizon-error' : undefined}
                  value={value('horizon', String(horizon))}
                  onChange={(e) => setDraft({ ...draft, horizon: e.target.value })}
                />
              </div>
            </div>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Scenario (optional)</legend>
              <div className="app-filters">
                <div className="nhsuk-form-group">
                  <label className="nhsuk-label" htmlFor="projection-category">
                    Trusts adopt interventions of this category
                  </label>
                  <select
                    className="nhsuk-select"
                    id="projection-category"
                    value={value('category', category ?? '')}
                    onChange={(e) => setDraft({ ...draft, category: e.target.value })}
                  >
                    <option value="">No scenario (status quo only)</option>
                    {valuesOf(InterventionCategory).map((c) => (
                      <option key={c} value={c}>
                        {label(CATEGORY_LABELS, c)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className={`nhsuk-form-group${errors.adopters ? ' nhsuk-form-group--error' : ''}`}>
                  <label className="nhsuk-label" htmlFor="projection-adopters">
                    Number of adopting trusts
                  </label>
                  <ErrorMessage id="projection-adopters-error" message={errors.adopters} />
                  <input
                    className={`nhsuk-input nhsuk-input--width-3${errors.adopters ? ' nhsuk-input--error' : ''}`}
                    id="projection-adopters"
                    inputMode="numeric"
                    aria-describedby={errors.adopters ? 'projection-adopters-error' : undefined}
                    value={value('adopters', String(adopters))}
                    onChange={(e) => setDraft({ ...draft, adopters: e.target.value })}
                  />
                </div>
              </div>
            </fieldset>
            <button className="nhsuk-button" type="submit">
              Project
            </button>
          </form>
          {metric && <ProjectionResult variables={variables} info={catalogue.find((m) => m.code === metric)} />}
        </>
      )}
      <p className="nhsuk-body">
        <Link to="/evidence">See the evidence behind the scenario effects</Link>
      </p>
    </>
  );
}
