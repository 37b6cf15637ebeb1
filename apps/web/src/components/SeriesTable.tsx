import type { SpcAnalysisFieldsFragment, TrustPageQuery } from '../__generated__/graphql';
import { formatPeriod, formatValue } from '../lib/format';
import { monthIndexOrNaN } from '@longview/analytics/periods';
import { ScrollRegion } from './ScrollRegion';
import { POINT_KIND_SHORT, POINT_KIND_TAGS, describeRule, pointKind } from '../lib/spc';

type SeriesData = NonNullable<TrustPageQuery['trust']>['series'][number];
type CorrectionData = SeriesData['corrections'][number];
type Signal = Pick<SpcAnalysisFieldsFragment['points'][number], 'period' | 'rule' | 'pointType'>;

export interface SeriesTableProps {
  metricName: string;
  unit: string;
  observations: SeriesData['observations'];
  corrections: SeriesData['corrections'];
  rebasePeriods: SeriesData['rebasePeriods'];
  /** The SPC signal of each period (absent while the analysis loads or if it failed). */
  signals?: readonly Signal[] | null;
}

/** The data behind a series chart, newest first; corrected values say what they replaced. */
export function SeriesTable({ metricName, unit, observations, corrections, rebasePeriods, signals }: SeriesTableProps) {
  const rows = [...observations].sort((a, b) => monthIndexOrNaN(b.period) - monthIndexOrNaN(a.period));
  const latestCorrection = new Map<string, CorrectionData>();
  for (const c of corrections) latestCorrection.set(c.period, c);
  const rebases = new Set(rebasePeriods);
  const signalByPeriod = new Map((signals ?? []).map((s) => [s.period, s]));

  return (
    <ScrollRegion label={`${metricName}: table of monthly values`}>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{metricName}: monthly values</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col" className="nhsuk-table__header">
              Period
            </th>
            <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
              Value
            </th>
            {signals && (
              <th scope="col" className="nhsuk-table__header">
                Signal
              </th>
            )}
            <th scope="col" className="nhsuk-table__header">
              Corrected
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((o) => {
            const correction = latestCorrection.get(o.period);
            return (
              <tr key={o.period} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">
                  {formatPeriod(o.period)}
                  {rebases.has(o.period) && (
                    <>
                      {' '}
                      <strong className="nhsuk-tag nhsuk-tag--yellow">New baseline</strong>
                    </>
                  )}
                </td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatValue(o.value, unit)}</td>
                {signals && <SignalCell signal={signalByPeriod.get(o.period)} />}
                <td className="nhsuk-table__cell">
                  {o.corrected ? (
                    <>
                      <strong className="nhsuk-tag nhsuk-tag--orange">Corrected</strong>
                      {correction && (
                        <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-0">
                          Was {formatValue(correction.previousValue, unit)}: {correction.reason}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="nhsuk-u-visually-hidden">Not corrected</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function SignalCell({ signal }: { signal: Signal | undefined }) {
  if (!signal) return <td className="nhsuk-table__cell">Not analysed</td>;
  const kind = pointKind(signal.pointType);
  if (kind === 'common') return <td className="nhsuk-table__cell app-spc__common-cell">No signal</td>;
  return (
    <td className="nhsuk-table__cell">
      <strong className={`nhsuk-tag ${POINT_KIND_TAGS[kind]}`}>{POINT_KIND_SHORT[kind]}</strong> {describeRule(signal.rule)}
    </td>
  );
}
