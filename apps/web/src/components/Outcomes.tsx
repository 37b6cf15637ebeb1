import { useQuery } from '@apollo/client/react';
import type { InterventionOutcomesQuery, Sustainability, TargetRole } from '../__generated__/graphql';
import { INTERVENTION_OUTCOMES_QUERY } from '../graphql/interventions';
import { DIRECTION_LABELS, label } from '../lib/labels';
import { formatDate, formatDifference, formatFixed, formatPeriod, formatValue } from '../lib/format';
import { POINT_KIND_SHORT, POINT_KIND_TAGS, describeRule, pointKind, pointsFromOutcome, verdictMeaning } from '../lib/spc';
import { SummaryList, type SummaryRow } from './SummaryList';
import { SpcChart } from './SpcChart';
import { HowToReadSpc, SpcIcons } from './SpcSummary';
import { ScrollRegion } from './ScrollRegion';

type InterventionOutcomeData = NonNullable<InterventionOutcomesQuery['intervention']>['outcomes'][number];

export function VerdictTag({ sustainability }: { sustainability: Sustainability }) {
  const v = verdictMeaning(sustainability);
  return <strong className={`nhsuk-tag ${v.tag}`}>{v.label}</strong>;
}

function effectRows(o: InterventionOutcomeData, unit: string): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const e = o.effect;
  if (!e) return [{ key: 'Effect', value: 'Not estimated: there is not enough data before and after the start.' }];
  const half = e.standardError !== null ? 1.96 * e.standardError : null;
  const uncertain = half !== null && Math.abs(e.meanDifference) < half;
  const better = uncertain
    ? 'too small to tell apart from no change'
    : e.improvement > 0
      ? 'an improvement'
      : e.improvement < 0
        ? 'a deterioration'
        : 'no change';
  rows.push({
    key: 'Change in the mean',
    value: (
      <>
        {formatDifference(e.meanDifference, unit)}
        {half !== null && ` ± ${formatFixed(half)} (95% CI ${formatFixed(e.meanDifference - half)} to ${formatFixed(e.meanDifference + half)})`}
        <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-0">Mean since the start minus the baseline mean: {better}.</span>
      </>
    ),
  });
  if (e.levelChange !== null) {
    rows.push({
      key: 'Level change at the start',
      value: (
        <>
          {formatDifference(e.levelChange, unit)}
          {e.slopeChange !== null && (
            <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-0">
              Then {formatDifference(e.slopeChange, unit, 2)} a month compared with the trend before (interrupted time series).
            </span>
          )}
        </>
      ),
    });
  }
  if (e.effectAt12Months !== null) {
    rows.push({ key: 'Effect at 12 months', value: `${formatDifference(e.effectAt12Months, unit)} (level change plus 12 months of slope change)` });
  }
  return rows;
}

function baselineText(o: InterventionOutcomeData, unit: string): string {
  const b = o.baseline;
  if (!b) return 'No baseline: there are no data before the start.';
  return `${formatPeriod(b.firstPeriod)} to ${formatPeriod(b.lastPeriod)} (${b.n} ${b.n === 1 ? 'month' : 'months'}): mean ${formatValue(
    b.mean,
    unit,
  )}, process limits ${formatValue(b.lpl, unit)} to ${formatValue(b.upl, unit)}${b.trialLimits ? '. These are trial limits (fewer than 12 points)' : ''}.`;
}

function Outcome({ outcome: o }: { outcome: InterventionOutcomeData }) {
  const name = o.metricInfo?.name ?? o.metric;
  const unit = o.metricInfo?.unit ?? '';
  const verdict = verdictMeaning(o.sustainability);
  const headingId = `outcome-${o.metric}`;
  const concern = o.balancingConcern && o.role === 'BALANCING';
  const target = o.spc?.target ?? o.metricInfo?.nationalStandard ?? null;
  const points = pointsFromOutcome(o);
  const rows: SummaryRow[] = [
    { key: 'Aim', value: `${label(DIRECTION_LABELS, o.direction)} ${/^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name}` },
    ...effectRows(o, unit),
    { key: 'Baseline', value: baselineText(o, unit) },
    {
      key: 'Since the start',
      value: o.startedOn ? `${o.monthsObserved} ${o.monthsObserved === 1 ? 'month' : 'months'} of data since ${formatDate(o.startedOn)}` : 'Not started',
    },
  ];
  const modifier = o.sustainability.toLowerCase().replace(/_/g, '-');
  return (
    <section aria-labelledby={headingId} className={`app-outcome app-outcome--${modifier}`}>
      <h4 id={headingId} className="nhsuk-heading-s">
        {name}
      </h4>
      {concern && (
        <div className="nhsuk-warning-callout">
          <h5 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              The problem may have shifted
            </span>
          </h5>
          <p>
            {name} is a balancing measure of this intervention, and it got worse after the start while the outcome improved. Check that the improvement is not
            pushing the problem somewhere else.
          </p>
        </div>
      )}
      <p className="app-verdict">
        <span className="nhsuk-u-visually-hidden">Verdict: </span>
        <VerdictTag sustainability={o.sustainability} /> {o.reason}
      </p>
      {verdict.meaning && <p className="nhsuk-body-s app-secondary-text">{`${verdict.label}: ${verdict.meaning}`}</p>}
      {o.spc && <SpcIcons variation={o.spc.variation} assurance={o.spc.assurance} hasTarget={target !== null} chart={o.spc.chart} />}
      <SummaryList rows={rows} />
      {points.length > 0 ? (
        <SpcChart
          metricName={name}
          unit={unit}
          points={points}
          target={target}
          targetDescription={o.metricInfo?.standardDescription ?? null}
          markers={o.startedOn ? [{ date: o.startedOn, label: 'Intervention started' }] : []}
          titleSuffix="before and after the intervention"
          description={[`Verdict: ${verdict.label}. ${o.reason}`]}
        />
      ) : (
        <p className="nhsuk-body">No data have been recorded for {name} at this trust.</p>
      )}
      {o.post.length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Months since the start, against the baseline limits</span>
          </summary>
          <div className="nhsuk-details__text">
            <ScrollRegion label={`${name}: table of the months since the start`}>
              <table className="nhsuk-table">
                <caption className="nhsuk-table__caption nhsuk-table__caption--s">{name}: months since the start</caption>
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col" className="nhsuk-table__header">
                      Period
                    </th>
                    <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                      Value
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Signal
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {o.post.map((p) => {
                    const kind = pointKind(p.pointType);
                    return (
                      <tr key={p.period} className="nhsuk-table__row">
                        <td className="nhsuk-table__cell">{formatPeriod(p.period)}</td>
                        <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatValue(p.value, unit)}</td>
                        <td className="nhsuk-table__cell">
                          {kind === 'common' ? (
                            'No signal'
                          ) : (
                            <>
                              <strong className={`nhsuk-tag ${POINT_KIND_TAGS[kind]}`}>{POINT_KIND_SHORT[kind]}</strong> {describeRule(p.rule)}
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
          </div>
        </details>
      )}
    </section>
  );
}

const ROLE_SECTIONS: readonly { role: TargetRole; heading: string; intro: string }[] = [
  { role: 'OUTCOME', heading: 'Outcome measures', intro: 'What the intervention sets out to improve: their verdicts are its result.' },
  { role: 'PROCESS', heading: 'Process measures', intro: 'Whether the change is being carried out as planned.' },
  {
    role: 'BALANCING',
    heading: 'Balancing measures',
    intro: 'What might get worse elsewhere because of the change. A concern signal here beside an improved outcome means the problem may have shifted.',
  },
];

/** The prominent warning when an outcome improved but a balancing measure got worse. */
function ShiftedProblem({ outcomes }: { outcomes: readonly InterventionOutcomeData[] }) {
  const improved = outcomes.filter((o) => o.role === 'OUTCOME' && o.balancingConcern);
  const worse = outcomes.filter((o) => o.role === 'BALANCING' && o.balancingConcern);
  if (improved.length === 0 || worse.length === 0) return null;
  const names = (list: readonly InterventionOutcomeData[]) => list.map((o) => o.metricInfo?.name ?? o.metric).join(', ');
  return (
    <div className="nhsuk-warning-callout" data-testid="balancing-concern">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          Improved, but the problem may have shifted
        </span>
      </h3>
      <p>
        {names(improved)} improved after the start, but the balancing {worse.length === 1 ? 'measure' : 'measures'} {names(worse)}{' '}
        {worse.length === 1 ? 'shows' : 'show'} a concern signal since then. Evidence across trusts counts this intervention as &ldquo;improved, but shifted the
        problem&rdquo;.
      </p>
    </div>
  );
}

/** The intervention's outcomes: per target metric, whether the improvement lasted and by how much, grouped by role. */
export function Outcomes({ interventionId, asOf = null }: { interventionId: string; asOf?: string | null }) {
  const { data, loading, error } = useQuery(INTERVENTION_OUTCOMES_QUERY, { variables: { id: interventionId, asOf } });
  const outcomes = data?.intervention?.outcomes;
  if (loading && !outcomes) {
    return (
      <p className="nhsuk-body" role="status">
        Working out the outcomes…
      </p>
    );
  }
  if (error || !outcomes) return <p className="nhsuk-body">The outcomes could not be worked out just now. Try again later.</p>;
  if (outcomes.length === 0) return <p className="nhsuk-body">This intervention has no target metrics, so there is nothing to judge.</p>;
  return (
    <>
      <p className="nhsuk-body">
        For each target measure: did it improve beyond ordinary variation, and did the improvement last? Each is judged against the baseline before the start,
        the <i>Making Data Count</i> way.
      </p>
      <ShiftedProblem outcomes={outcomes} />
      <HowToReadSpc />
      {ROLE_SECTIONS.map(({ role, heading, intro }) => {
        const ofRole = outcomes.filter((o) => o.role === role);
        if (ofRole.length === 0) return null;
        return (
          <section key={role} aria-labelledby={`outcomes-${role.toLowerCase()}`} className="app-outcome-role">
            <h3 id={`outcomes-${role.toLowerCase()}`} className="nhsuk-heading-m">
              {heading}
            </h3>
            <p className="nhsuk-body-s">{intro}</p>
            {ofRole.map((o) => (
              <Outcome key={o.metric} outcome={o} />
            ))}
          </section>
        );
      })}
    </>
  );
}
