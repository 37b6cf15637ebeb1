import { useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { InterventionCategory, Sustainability, type EvidenceQuery, type MetricsQuery } from '../__generated__/graphql';
import { METRICS_QUERY } from '../graphql/metrics';
import { EVIDENCE_QUERY } from '../graphql/analytics';
import { enumValue, valuesOf } from '../lib/enums';
import { APPROACH_LABELS, CATEGORY_LABELS, label } from '../lib/labels';
import { differenceUnit, formatFixed, formatPeriod, formatShare } from '../lib/format';
import { niceTicks } from '../lib/chart';
import { verdictMeaning } from '../lib/spc';
import { usePageTitle } from '../lib/usePageTitle';
import { Loading, QueryError } from '../components/QueryError';
import { SummaryList } from '../components/SummaryList';
import { VerdictTag } from '../components/Outcomes';
import { AsOfField, AsOfNotice } from '../components/AsOf';
import { asOfParam } from '../lib/asOf';

type MetricInfo = MetricsQuery['metrics'][number];
type EvidenceSummaryData = EvidenceQuery['evidence'];
type EvidenceStudyData = EvidenceSummaryData['studies'][number];

function heterogeneityWords(i2: number | null): string {
  if (i2 === null) return '';
  if (i2 >= 75) return 'most of the spread between trusts is real difference, not chance: results depend a lot on where it is done';
  if (i2 >= 50) return 'much of the spread between trusts is real difference, not chance';
  if (i2 >= 25) return 'some of the spread between trusts is real difference';
  return 'the trusts got much the same result; the spread is mostly chance';
}

/** The headline lines for policymakers. */
function plainEnglish(e: EvidenceSummaryData, metric: MetricInfo | undefined): string[] {
  const unit = metric?.unit ?? '';
  const what = !metric ? e.metric : /^[A-Z][a-z]/.test(metric.name) ? metric.name.charAt(0).toLowerCase() + metric.name.slice(1) : metric.name;
  const scope = e.category ? `${label(CATEGORY_LABELS, e.category).toLowerCase()} interventions` : 'interventions';
  if (e.k === 0 || e.pooledEffect === null) {
    return [`No ${scope} targeting ${what} have enough data before and after their start to be pooled yet.`];
  }
  const u = differenceUnit(unit);
  const lines: string[] = [];
  const avg = e.pooledEffect;
  const direction = avg >= 0 ? 'improvement' : 'change (a deterioration)';
  let line = `Across ${e.k} ${e.k === 1 ? scope.replace(/s$/, '') : scope}, the average ${direction} in ${what} was ${formatFixed(avg)} ${u}`;
  if (e.ciLow !== null && e.ciHigh !== null) line += ` (95% CI ${formatFixed(e.ciLow)} to ${formatFixed(e.ciHigh)})`;
  if (e.predictionLow !== null && e.predictionHigh !== null) {
    line += `; a new trust could expect between ${formatFixed(e.predictionLow)} and ${formatFixed(e.predictionHigh)}.`;
  } else {
    line += '.';
  }
  lines.push(line);
  if (e.ciLow !== null && e.ciHigh !== null) {
    if (e.ciLow > 0) lines.push('The average improvement is unlikely to be chance.');
    else if (e.ciHigh < 0) lines.push('On average, these interventions made things worse.');
    else lines.push('The average effect could be zero: the evidence is not conclusive.');
  }
  if (e.predictionLow !== null && e.predictionLow < 0 && avg > 0) {
    lines.push('Some trusts could see no improvement or a deterioration: where it is done matters.');
  }
  if (e.i2 !== null && e.k > 1) lines.push(`I² is ${Math.round(e.i2)}%: ${heterogeneityWords(e.i2)}.`);
  lines.push(`How these figures were pooled: ${e.method.description}`);
  if (e.sustainedShare !== null) {
    const faded = e.verdicts.find((v) => v.sustainability === 'FADED')?.count ?? 0;
    lines.push(
      `${formatShare(e.sustainedShare)} of the interventions that could be judged sustained their improvement for at least 12 months${
        faded > 0 ? `; ${faded} faded after a quick win` : ''
      }.`,
    );
  }
  if (e.shiftedProblem > 0) {
    lines.push(
      `${e.shiftedProblem} ${e.shiftedProblem === 1 ? 'intervention' : 'interventions'} improved, but shifted the problem: a balancing measure got worse after the start.`,
    );
  }
  return lines;
}

function ForestPlot({ studies, e, unit, metricName }: { studies: EvidenceStudyData[]; e: EvidenceSummaryData; unit: string; metricName: string }) {
  const id = useId();
  if (studies.length === 0 || e.pooledEffect === null) return null;
  const rowH = 22;
  const top = 24;
  const left = 220;
  const width = 720;
  const plotW = width - left - 24;
  const rows = studies.length + 2;
  const height = top + rows * rowH + 36;
  const lows = studies.map((s) => s.effect - 1.96 * s.standardError);
  const highs = studies.map((s) => s.effect + 1.96 * s.standardError);
  const extra = [0, e.predictionLow ?? e.pooledEffect, e.predictionHigh ?? e.pooledEffect];
  const ticks = niceTicks(Math.min(...lows, ...extra), Math.max(...highs, ...extra), 7);
  const lo = ticks[0] ?? Math.min(...lows);
  const hi = ticks[ticks.length - 1] ?? Math.max(...highs);
  const x = (v: number) => left + ((v - lo) / (hi - lo || 1)) * plotW;
  const pooledY = top + (studies.length + 1) * rowH;
  return (
    <figure className="app-chart">
      <svg className="app-chart__svg" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{`Forest plot: improvement in ${metricName} by intervention`}</title>
        <desc id={`${id}-d`}>
          {`Each row is one intervention's improvement with its 95% confidence interval; the diamond is the pooled average ${formatFixed(
            e.pooledEffect,
          )} ${differenceUnit(unit)}, the bar beneath it the prediction interval for a new trust. The table below lists the same figures.`}
        </desc>
        <g className="app-chart__grid" aria-hidden="true">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={top - 8} y2={height - 30} />
              <text className="app-chart__tick" x={x(t)} y={height - 16} textAnchor="middle">
                {formatFixed(t, Math.abs(hi - lo) < 5 ? 1 : 0)}
              </text>
            </g>
          ))}
        </g>
        <line className="app-forest__zero" x1={x(0)} x2={x(0)} y1={top - 8} y2={height - 30} aria-hidden="true" />
        <g aria-hidden="true">
          {studies.map((s, i) => {
            const cy = top + i * rowH + rowH / 2;
            const kind = s.sustainability === 'SUSTAINED' ? 'improvement' : s.sustainability === 'DETERIORATED' ? 'concern' : 'common';
            return (
              <g key={`${s.trustCode}-${i}`}>
                <text className="app-chart__tick" x={left - 10} y={cy} dy="0.32em" textAnchor="end">
                  {`${s.trustCode}: ${s.title.length > 26 ? `${s.title.slice(0, 25)}…` : s.title}`}
                </text>
                <line className="app-forest__ci" x1={x(s.effect - 1.96 * s.standardError)} x2={x(s.effect + 1.96 * s.standardError)} y1={cy} y2={cy} />
                <rect className={`app-spc__point app-spc__point--${kind}`} x={x(s.effect) - 4} y={cy - 4} width={8} height={8} />
              </g>
            );
          })}
          <text className="app-chart__axis-title" x={left - 10} y={pooledY} dy="0.32em" textAnchor="end">
            Pooled (random effects)
          </text>
          {e.predictionLow !== null && e.predictionHigh !== null && (
            <line className="app-forest__ci" x1={x(e.predictionLow)} x2={x(e.predictionHigh)} y1={pooledY} y2={pooledY} strokeDasharray="4 3" />
          )}
          {e.ciLow !== null && e.ciHigh !== null && (
            <path
              className="app-spc__point app-spc__point--improvement"
              d={`M${x(e.ciLow)},${pooledY} L${x(e.pooledEffect)},${pooledY - 7} L${x(e.ciHigh)},${pooledY} L${x(e.pooledEffect)},${pooledY + 7} Z`}
            />
          )}
          <text className="app-chart__tick" x={left + plotW / 2} y={top - 10} textAnchor="middle">
            {`Improvement (${differenceUnit(unit)}); right of the dotted line is better`}
          </text>
        </g>
      </svg>
      <figcaption className="nhsuk-body-s">
        Squares: each intervention&apos;s improvement (blue if sustained, orange if it deteriorated) with its 95% confidence interval. Diamond: the pooled
        average and its 95% CI; dashed bar: the range a new trust could expect (prediction interval).
      </figcaption>
    </figure>
  );
}

function StudiesTable({ studies, unit }: { studies: EvidenceStudyData[]; unit: string }) {
  return (
    <div className="app-table-wrapper">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Interventions pooled</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col" className="nhsuk-table__header">
              Intervention
            </th>
            <th scope="col" className="nhsuk-table__header">
              Trust
            </th>
            <th scope="col" className="nhsuk-table__header">
              Approach
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Improvement ± SE
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Shrunk
            </th>
            <th scope="col" className="nhsuk-table__header">
              Verdict
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {studies.map((s, i) => (
            <tr key={`${s.intervention?.id ?? s.trustCode}-${i}`} className="nhsuk-table__row">
              <td className="nhsuk-table__cell">
                {s.intervention ? <Link to={`/interventions/${encodeURIComponent(s.intervention.id)}`}>{s.intervention.title}</Link> : s.title}
              </td>
              <td className="nhsuk-table__cell">
                <Link to={`/trusts/${encodeURIComponent(s.trustCode)}`}>{s.intervention?.trust.name ?? s.trustCode}</Link>
              </td>
              <td className="nhsuk-table__cell">{label(APPROACH_LABELS, s.approach)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                {formatFixed(s.effect)} ± {formatFixed(s.standardError)}
              </td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatFixed(s.shrunkEffect)}</td>
              <td className="nhsuk-table__cell">
                <VerdictTag sustainability={s.sustainability} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="nhsuk-body-s">
        Improvement is in {differenceUnit(unit)}, positive is better; SE is its standard error. &quot;Shrunk&quot; is the trust&apos;s improvement pulled
        towards the pooled average in proportion to its uncertainty: a fairer guess of what that trust really achieved.
      </p>
    </div>
  );
}

function EvidenceResult({
  metric,
  category,
  asOf,
  info,
}: {
  metric: string;
  category: InterventionCategory | null;
  asOf: string | null;
  info: MetricInfo | undefined;
}) {
  const { data, loading, error } = useQuery(EVIDENCE_QUERY, { variables: { metric, category, asOf } });
  const e = data?.evidence;
  if (loading && !e) return <Loading what="the evidence" />;
  if (error && !e) return <QueryError error={error} what="the evidence" />;
  if (!e) return null;
  const unit = info?.unit ?? '';
  const u = differenceUnit(unit);
  const name = info?.name ?? metric;
  const lines = plainEnglish(e, info);
  const studies = [...e.studies].sort((a, b) => b.effect - a.effect);
  return (
    <>
      <h2>
        {name}
        {category ? `: ${label(CATEGORY_LABELS, category).toLowerCase()} interventions` : ''}
      </h2>
      {info && <p className="nhsuk-body">{coverageLine(info)}</p>}
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        {lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>
      {e.k > 0 && (
        <SummaryList
          rows={[
            { key: 'Interventions pooled', value: String(e.k) },
            {
              key: 'Average improvement',
              value: e.pooledEffect === null ? 'Not known' : `${formatFixed(e.pooledEffect)} ${u} (95% CI ${formatFixed(e.ciLow)} to ${formatFixed(e.ciHigh)})`,
            },
            {
              key: 'What a new trust could expect',
              value: `${formatFixed(e.predictionLow)} to ${formatFixed(e.predictionHigh)} ${u} (95% prediction interval)`,
            },
            {
              key: 'Heterogeneity (I²)',
              value: e.i2 === null ? 'Not known' : `${Math.round(e.i2)}%${e.k > 1 ? `: ${heterogeneityWords(e.i2)}` : ''}`,
            },
            {
              key: 'Between-trust variance (tau²)',
              value:
                e.tau2 === null ? 'Not known' : `${formatFixed(e.tau2, 2)} (a standard deviation of ${formatFixed(Math.sqrt(e.tau2))} ${u} between trusts)`,
            },
            {
              key: 'Share sustained',
              value: e.sustainedShare === null ? 'None could be judged yet' : `${formatShare(e.sustainedShare)} of those that could be judged`,
            },
            {
              key: 'Improved, but shifted the problem',
              value: (
                <span data-testid="shifted-problem">
                  {e.shiftedProblem === 0
                    ? 'None: no balancing measure shows a concern signal beside an improvement'
                    : `${e.shiftedProblem} of the interventions judged: they improved this measure, but a balancing measure (such as length of stay) got worse after the start. They are still counted in the verdicts and the pooled effect.`}
                </span>
              ),
            },
            {
              key: 'Verdicts',
              value: (
                <ul className="app-verdict-counts">
                  {valuesOf(Sustainability).map((v) => {
                    const count = e.verdicts.find((c) => c.sustainability === v)?.count ?? 0;
                    return (
                      <li key={v}>
                        <VerdictTag sustainability={v} /> {count}
                        <span className="nhsuk-u-visually-hidden"> {verdictMeaning(v).label.toLowerCase()}</span>
                      </li>
                    );
                  })}
                </ul>
              ),
            },
          ]}
        />
      )}
      {e.k > 0 && <ForestPlot studies={studies} e={e} unit={unit} metricName={name} />}
      {studies.length > 0 && <StudiesTable studies={studies} unit={unit} />}
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">How this is worked out</span>
        </summary>
        <div className="nhsuk-details__text">
          <p>
            Each intervention&apos;s improvement is the change in the mean of the measure after its start against the baseline before it, signed so that
            positive is better. The improvements are pooled with a random-effects meta-analysis (DerSimonian–Laird), which assumes trusts really differ and
            weighs each by its precision.
          </p>
          <p>
            The 95% confidence interval (CI) is for the average; the prediction interval is where a new trust&apos;s result would fall, allowing for the real
            differences between trusts. I² is the share of the spread that is real rather than chance.
          </p>
        </div>
      </details>
    </>
  );
}

/** How widely the measure is recorded, so a reader knows how many trusts the evidence could draw on. */
function coverageLine(info: MetricInfo): string {
  const { trusts, firstPeriod, latestPeriod } = info.coverage;
  if (trusts === 0 || !firstPeriod || !latestPeriod) return `No trust has recorded ${info.name} yet.`;
  const who = trusts === 1 ? '1 trust records this measure' : `${trusts} trusts record this measure`;
  return `${who}, with months from ${formatPeriod(firstPeriod)} to ${formatPeriod(latestPeriod)}.`;
}

/** `/evidence`: what the interventions on a measure achieved across trusts, pooled. */
export function EvidencePage() {
  usePageTitle('Evidence');
  const [params, setParams] = useSearchParams();
  const metrics = useQuery(METRICS_QUERY);
  const catalogue = metrics.data?.metrics ?? [];
  const metric = params.get('metric') ?? catalogue[0]?.code ?? '';
  const category = enumValue(InterventionCategory, params.get('category'));
  const asOf = asOfParam(params);
  const [draftMetric, setDraftMetric] = useState<string | null>(null);
  const [draftCategory, setDraftCategory] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    next.set('metric', draftMetric ?? metric);
    const c = draftCategory ?? category ?? '';
    if (c) next.set('category', c);
    if (asOf) next.set('asOf', asOf);
    setParams(next);
    setDraftMetric(null);
    setDraftCategory(null);
  }

  /** The same evidence at another date (null = now). */
  function searchAt(date: string | null): string {
    const next = new URLSearchParams(params);
    if (date) next.set('asOf', date);
    else next.delete('asOf');
    const search = next.toString();
    return search ? `?${search}` : '';
  }

  return (
    <>
      <h1>Evidence across trusts</h1>
      <p className="nhsuk-lede-text">What did interventions on a measure achieve, across every trust that tried one, and how often did the improvement last?</p>
      {metrics.error && !metrics.data ? (
        <QueryError error={metrics.error} what="the measures" />
      ) : metrics.loading && !metrics.data ? (
        <Loading what="the measures" />
      ) : (
        <>
          <form className="app-filters nhsuk-u-margin-bottom-6" onSubmit={submit} noValidate>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="evidence-metric">
                Measure
              </label>
              <select className="nhsuk-select" id="evidence-metric" value={draftMetric ?? metric} onChange={(ev) => setDraftMetric(ev.target.value)}>
                {catalogue.map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="evidence-category">
                Category (optional)
              </label>
              <select
                className="nhsuk-select"
                id="evidence-category"
                value={draftCategory ?? category ?? ''}
                onChange={(ev) => setDraftCategory(ev.target.value)}
              >
                <option value="">All categories</option>
                {valuesOf(InterventionCategory).map((c) => (
                  <option key={c} value={c}>
                    {label(CATEGORY_LABELS, c)}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-form-group">
              <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit">
                Show evidence
              </button>
            </div>
          </form>
          <AsOfField id="evidence-as-of" asOf={asOf} onChange={(date) => setParams(new URLSearchParams(searchAt(date)))} />
          {asOf && <AsOfNotice asOf={asOf} nowTo={`/evidence${searchAt(null)}`} />}
          {metric && <EvidenceResult metric={metric} category={category} asOf={asOf} info={catalogue.find((m) => m.code === metric)} />}
        </>
      )}
      <p className="nhsuk-body">
        <Link to="/projection">See what scaling an intervention up could do across the system</Link>
      </p>
    </>
  );
}
