import type { IsoMonth } from '@longview/domain';
import type { CommandServiceClient, QueryServiceClient } from '@longview/gateway';
import { parseSeriesFile, planAeImport, SeriesImportError, type ExistingObservation, type SeriesFileColumns } from '../import';
import { sendSteps } from './demo-loader';

export const SERIES_SOURCE = 'longview import series';
export const SERIES_CORRECTION_REASON = 'Re-imported from a trust series file';

export interface SeriesImportResult {
  readonly rows: number;
  readonly trusts: number;
  readonly observationsRecorded: number;
  readonly observationsCorrected: number;
  readonly observationsUnchanged: number;
  readonly commands: number;
  readonly events: number;
}

/**
 * Imports a trust series file through the command path, as the A&E import does: the whole file
 * is parsed and validated first, every trust in it must already be registered (else a
 * SeriesImportError at the trust's first line), and only the difference from what Longview
 * holds is sent (new months recorded, changed ones corrected), so a re-run changes nothing.
 * Commands go through the same sending path as the A&E import (sendSteps), with progress lines.
 */
export async function importSeriesFile(options: {
  readonly text: string;
  readonly metric: string;
  readonly columns: SeriesFileColumns;
  readonly commands: CommandServiceClient;
  readonly queries: QueryServiceClient;
  readonly log?: (line: string) => void;
  readonly latestPeriod?: IsoMonth;
}): Promise<SeriesImportResult> {
  const log = options.log ?? (() => undefined);
  const parsed = parseSeriesFile(options.text, options.metric, options.columns, options.latestPeriod);
  log(`Parsed ${parsed.rows} rows: ${parsed.series.length} trusts' ${parsed.metric.code} series.`);

  const known = new Set((await options.queries.listTrusts()).map((t) => t.code));
  const unknown = parsed.series.find((s) => !known.has(s.trustCode));
  if (unknown) {
    throw new SeriesImportError(
      unknown.firstLine,
      `trust ${unknown.trustCode} is not registered in Longview (register it first)`,
      options.columns.trust,
      unknown.trustCode,
    );
  }
  const existing = new Map<string, ReadonlyMap<IsoMonth, ExistingObservation>>();
  for (const { trustCode } of parsed.series) {
    const series = await options.queries.getSeries(trustCode, parsed.metric.code);
    if (series) existing.set(trustCode, new Map(series.observations.map((o) => [o.period, o])));
  }
  const plan = planAeImport(
    parsed.series,
    { isTrustKnown: (code) => known.has(code), existingObservations: (code) => existing.get(code) },
    { metric: parsed.metric.code, source: SERIES_SOURCE, correctionReason: SERIES_CORRECTION_REASON },
  );
  const s = plan.summary;
  log(
    `Plan: ${plan.commands.length} commands — record ${s.observationsRecorded} months, correct ${s.observationsCorrected}, ${s.observationsUnchanged} already up to date.`,
  );
  const sent = await sendSteps(options.commands, plan.commands, { log });
  if (sent.events > 0) await options.queries.position({ minPosition: sent.position });
  return {
    rows: parsed.rows,
    trusts: s.trusts,
    observationsRecorded: s.observationsRecorded,
    observationsCorrected: s.observationsCorrected,
    observationsUnchanged: s.observationsUnchanged,
    commands: sent.sent,
    events: sent.events,
  };
}
