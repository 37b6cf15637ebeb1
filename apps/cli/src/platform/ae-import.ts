import type { IsoMonth } from '@longview/domain';
import type { CommandServiceClient, QueryServiceClient } from '@longview/gateway';
import { AE_METRIC, parseAeAttendances, parseOdsTrusts, planAeImport, type ExistingObservation } from '../import';
import { sendSteps } from './demo-loader';

export interface AeImportResult {
  readonly rows: number;
  readonly trusts: number;
  readonly trustsRegistered: number;
  readonly observationsRecorded: number;
  readonly observationsCorrected: number;
  readonly observationsUnchanged: number;
  readonly skipped: readonly { trustCode: string; reason: string }[];
  readonly commands: number;
  readonly events: number;
}

/**
 * Imports the tidy A&E attendances file through the command path. The whole file is parsed and
 * validated first (a malformed row throws AeImportError before anything is written); then what
 * Longview already holds is read from the query side, and only the difference is sent. Each
 * trust's new months go in one RecordObservations, so a series is never half-written. The clients
 * act as whom they are bound to: `cliClients(..., AE_IMPORTER)` (SYSTEM, signed by the CLI).
 */
export async function importAeAttendances(options: {
  readonly text: string;
  readonly odsText?: string;
  readonly commands: CommandServiceClient;
  readonly queries: QueryServiceClient;
  readonly log?: (line: string) => void;
}): Promise<AeImportResult> {
  const log = options.log ?? (() => undefined);
  const parsed = parseAeAttendances(options.text);
  const ods = options.odsText ? parseOdsTrusts(options.odsText) : undefined;
  log(`Parsed ${parsed.rows} rows: ${parsed.series.length} trusts with type 1 A&E departments.`);

  const known = new Set((await options.queries.listTrusts()).map((t) => t.code));
  const existing = new Map<string, ReadonlyMap<IsoMonth, ExistingObservation>>();
  for (const { trustCode } of parsed.series) {
    if (!known.has(trustCode)) continue;
    const series = await options.queries.getSeries(trustCode, AE_METRIC);
    if (series) existing.set(trustCode, new Map(series.observations.map((o) => [o.period, o])));
  }
  const plan = planAeImport(parsed.series, {
    isTrustKnown: (code) => known.has(code),
    existingObservations: (code) => existing.get(code),
    ...(ods ? { ods } : {}),
  });
  const s = plan.summary;
  log(
    `Plan: ${plan.commands.length} commands — register ${s.trustsRegistered} trusts, record ${s.observationsRecorded} months, ` +
      `correct ${s.observationsCorrected}, ${s.observationsUnchanged} already up to date.`,
  );
  for (const skip of plan.skipped) log(`  skipped ${skip.trustCode}: ${skip.reason}`);
  const sent = await sendSteps(options.commands, plan.commands, { log });
  if (sent.events > 0) await options.queries.position({ minPosition: sent.position });
  return {
    rows: parsed.rows,
    trusts: s.trusts,
    trustsRegistered: s.trustsRegistered,
    observationsRecorded: s.observationsRecorded,
    observationsCorrected: s.observationsCorrected,
    observationsUnchanged: s.observationsUnchanged,
    skipped: plan.skipped,
    commands: sent.sent,
    events: sent.events,
  };
}
