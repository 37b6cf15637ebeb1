import type { InterventionView, SeriesView, TrustView } from '@longview/contracts';
import type { ProjectedEvent } from '../../runner/projection';
import { evolveIntervention, proposedView } from '../intervention-summary/intervention-summary.projection';
import { emptySeries, evolveSeries, isSeriesEvent } from '../metric-series/metric-series.projection';
import { withContextChange } from '../trust-directory/trust-directory.projection';

/**
 * Folds of one stream's events (already cut at a log position) into the views the live read
 * models hold, with the live projections' own pure evolve functions: at the head of the log a
 * fold equals the live document, and before it, the document as it was then.
 */

/** The series as recorded up to the cut; undefined when none of its events had been recorded. */
export function foldSeries(trustCode: string, metric: string, events: readonly ProjectedEvent[]): SeriesView | undefined {
  let series: SeriesView | undefined;
  for (const { event } of events) {
    if (isSeriesEvent(event)) series = evolveSeries(series ?? emptySeries(trustCode, metric), event);
  }
  return series;
}

/** The intervention as recorded up to the cut; undefined when it had not been proposed yet. */
export function foldIntervention(events: readonly ProjectedEvent[], trustName: (code: string) => string): InterventionView | undefined {
  let view: InterventionView | undefined;
  for (const projected of events) {
    const { event } = projected;
    if (event.type === 'InterventionProposed') view = view ?? proposedView(projected, event.data, trustName(event.data.trustCode));
    else if (view) view = evolveIntervention(view, projected);
  }
  return view;
}

/** What a trust's own stream said up to the cut: its name and context history. */
export type TrustAsOf = Pick<TrustView, 'code' | 'name' | 'context' | 'contextEffectiveFrom' | 'contextHistory' | 'registeredAt'>;

/** The trust as registered up to the cut; undefined when it had not been registered yet. */
export function foldTrust(events: readonly ProjectedEvent[]): TrustAsOf | undefined {
  let trust: TrustAsOf | undefined;
  for (const { event } of events) {
    if (event.type === 'TrustRegistered') {
      const { code, name, context, effectiveFrom, registeredAt } = event.data;
      trust = { code, name, context, contextEffectiveFrom: effectiveFrom, contextHistory: [{ context, effectiveFrom }], registeredAt };
    } else if (event.type === 'TrustContextChanged' && trust) {
      const { context, effectiveFrom, reason } = event.data;
      const { history, current } = withContextChange(trust.contextHistory, { context, effectiveFrom, ...(reason ? { reason } : {}) });
      trust = { ...trust, context: current.context, contextEffectiveFrom: current.effectiveFrom, contextHistory: history };
    }
  }
  return trust;
}
