import { z } from 'zod';
import { isoMonth, metricCode, observation, odsCode, text } from './common';

/**
 * ObservationsRecorded v1 — LEGACY, kept because v1 events exist in stores written before
 * the rename. v1 called the list `values` and each entry's month `month`. v2 renamed them to
 * `observations` and `period`, the words the SPC charts, the GraphQL API and the other series
 * events (ObservationCorrected.period, SeriesRebased.fromPeriod) use, so one vocabulary runs
 * from the wire to the screen.
 */
export const observationsRecordedV1 = z.strictObject({
  trustCode: odsCode,
  metric: metricCode,
  values: z.array(
    z.strictObject({
      month: isoMonth,
      value: z.number(),
      numerator: z.number().optional(),
      denominator: z.number().optional(),
    }),
  ),
  source: text.optional(),
});
export type ObservationsRecordedV1 = z.output<typeof observationsRecordedV1>;

/** ObservationsRecorded v2 (current). */
export const observationsRecordedV2 = z.strictObject({
  trustCode: odsCode,
  metric: metricCode,
  observations: z.array(observation),
  source: text.optional(),
});
export type ObservationsRecordedV2 = z.output<typeof observationsRecordedV2>;

/** v1 -> v2: rename `values` to `observations` and `month` to `period`; nothing else changes. */
export function upcastObservationsRecordedV1(v1: ObservationsRecordedV1): ObservationsRecordedV2 {
  return {
    trustCode: v1.trustCode,
    metric: v1.metric,
    observations: v1.values.map(({ month, ...rest }) => ({ period: month, ...rest })),
    ...(v1.source !== undefined ? { source: v1.source } : {}),
  };
}

/** ObservationCorrected v1 (current). */
export const observationCorrectedV1 = z.strictObject({
  trustCode: odsCode,
  metric: metricCode,
  period: isoMonth,
  previousValue: z.number(),
  value: z.number(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  reason: text,
});

/** SeriesRebased v1 (current). */
export const seriesRebasedV1 = z.strictObject({ trustCode: odsCode, metric: metricCode, fromPeriod: isoMonth, reason: text });
