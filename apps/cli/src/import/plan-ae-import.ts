/**
 * Pure planning of an A&E import: given the parsed file and what the read side already knows,
 * the commands that bring Longview in line with the file. Re-running the import on the same
 * file after its commands were applied plans nothing, so the import is idempotent.
 */
import type { CorrectObservation, IsoDate, IsoMonth, Observation, RecordObservations, RegisterTrust } from '@longview/domain';
import { AE_METRIC, type AeTrustSeries } from './ae-attendances';
import type { OdsTrust } from './ods-trusts';

export const AE_SOURCE = 'NHS England A&E attendances and emergency admissions';
export const AE_CORRECTION_REASON = 'Re-imported from NHS England A&E attendances file';

export type AeImportCommand =
  | { readonly type: 'RegisterTrust'; readonly data: RegisterTrust['data'] }
  | { readonly type: 'RecordObservations'; readonly data: RecordObservations['data'] }
  | { readonly type: 'CorrectObservation'; readonly data: CorrectObservation['data'] };

/** What the read side holds for one period: a bare value, or a value with its counts. */
export type ExistingObservation = number | Pick<Observation, 'value' | 'numerator' | 'denominator'>;

export interface AeImportKnowledge {
  /** Whether a trust is already registered (e.g. `(code) => knownCodes.has(code)`). */
  readonly isTrustKnown: (trustCode: string) => boolean;
  /**
   * The `ae-4hr` observations already recorded for a trust, by period (YYYY-MM);
   * undefined (or an empty map) when the trust has no such series yet.
   */
  readonly existingObservations: (trustCode: string) => ReadonlyMap<IsoMonth, ExistingObservation> | undefined;
  /** ODS reference data (from `parseOdsTrusts`), for the names and regions of new trusts. */
  readonly ods?: ReadonlyMap<string, OdsTrust>;
}

export interface AeImportOptions {
  /** Source recorded on RecordObservations. */
  readonly source?: string;
  /** Reason recorded on CorrectObservation. */
  readonly correctionReason?: string;
  /** effectiveFrom of a new trust's context; default: the first day of its first imported month. */
  readonly effectiveFrom?: IsoDate;
  /** Split RecordObservations into batches of at most this many months (default: one command per trust). */
  readonly maxObservationsPerCommand?: number;
  /** The metric of the series (default ae-4hr); `longview import series` plans any catalogue metric. */
  readonly metric?: string;
}

export interface AeImportSkip {
  readonly trustCode: string;
  readonly reason: string;
}

export interface AeImportPlan {
  /** In order: every RegisterTrust, then per trust its RecordObservations and CorrectObservations. */
  readonly commands: AeImportCommand[];
  /** Trusts that cannot be registered (unknown to Longview and absent from ODS) — nothing is planned for them. */
  readonly skipped: AeImportSkip[];
  readonly summary: {
    readonly trusts: number;
    readonly trustsRegistered: number;
    readonly observationsRecorded: number;
    readonly observationsCorrected: number;
    readonly observationsUnchanged: number;
  };
}

/** The observation with its counts only when it has them (an absent count is left out, not sent as undefined). */
function withCounts(observation: Observation, counts: Pick<Observation, 'numerator' | 'denominator'>): Observation {
  return {
    ...observation,
    ...(counts.numerator !== undefined ? { numerator: counts.numerator } : {}),
    ...(counts.denominator !== undefined ? { denominator: counts.denominator } : {}),
  };
}

function sameNumber(a: number | undefined, b: number | undefined, tolerance: number): boolean {
  if (a === undefined || b === undefined) return true; // an absent count is not a difference
  return Math.abs(a - b) <= tolerance;
}

function isSame(existing: ExistingObservation, incoming: Observation): boolean {
  if (typeof existing === 'number') return sameNumber(existing, incoming.value, 0.005 - 1e-9);
  return (
    sameNumber(existing.value, incoming.value, 0.005 - 1e-9) &&
    sameNumber(existing.numerator, incoming.numerator, 0) &&
    sameNumber(existing.denominator, incoming.denominator, 0)
  );
}

/**
 * Turns parsed A&E series into commands: RegisterTrust (kind ACUTE) for trusts Longview does
 * not know, RecordObservations for months not yet recorded, CorrectObservation for months
 * whose value (or counts) differ, nothing for identical months.
 */
export function planAeImport(
  series: readonly (AeTrustSeries | { readonly trustCode: string; readonly observations: readonly Observation[] })[],
  knowledge: AeImportKnowledge,
  options: AeImportOptions = {},
): AeImportPlan {
  const metric = options.metric ?? AE_METRIC;
  const source = options.source ?? AE_SOURCE;
  const reason = options.correctionReason ?? AE_CORRECTION_REASON;
  const batch = Math.max(1, options.maxObservationsPerCommand ?? Number.POSITIVE_INFINITY);
  const registrations: AeImportCommand[] = [];
  const seriesCommands: AeImportCommand[] = [];
  const skipped: AeImportSkip[] = [];
  let recorded = 0;
  let corrected = 0;
  let unchanged = 0;
  let trusts = 0;

  for (const s of series) {
    if (s.observations.length === 0) continue;
    const known = knowledge.isTrustKnown(s.trustCode);
    if (!known) {
      const ods = knowledge.ods?.get(s.trustCode);
      if (!ods) {
        skipped.push({
          trustCode: s.trustCode,
          reason: 'not registered in Longview and not found in the ODS trusts file, so its region is unknown',
        });
        continue;
      }
      registrations.push({
        type: 'RegisterTrust',
        data: {
          code: s.trustCode,
          name: ods.name,
          context: { kind: 'ACUTE', region: ods.region },
          effectiveFrom: options.effectiveFrom ?? `${s.observations[0]!.period}-01`,
        },
      });
    }
    trusts += 1;
    const existing = knowledge.existingObservations(s.trustCode);
    const fresh: Observation[] = [];
    const corrections: AeImportCommand[] = [];
    for (const o of s.observations) {
      const before = existing?.get(o.period);
      if (before === undefined) {
        fresh.push(withCounts({ period: o.period, value: o.value }, o));
      } else if (isSame(before, o)) {
        unchanged += 1;
      } else {
        corrected += 1;
        corrections.push({
          type: 'CorrectObservation',
          data: { trustCode: s.trustCode, metric, ...withCounts({ period: o.period, value: o.value }, o), reason },
        });
      }
    }
    for (let i = 0; i < fresh.length; i += batch) {
      const observations = fresh.slice(i, i + batch);
      recorded += observations.length;
      seriesCommands.push({
        type: 'RecordObservations',
        data: { trustCode: s.trustCode, metric, observations, source },
      });
    }
    // New months first, then the corrections of months already recorded.
    seriesCommands.push(...corrections);
  }
  return {
    commands: [...registrations, ...seriesCommands],
    skipped,
    summary: {
      trusts,
      trustsRegistered: registrations.length,
      observationsRecorded: recorded,
      observationsCorrected: corrected,
      observationsUnchanged: unchanged,
    },
  };
}

/**
 * A helper for callers and tests: what the read side would know after applying `commands`
 * on top of `knowledge` — used to check that planning again yields nothing.
 */
export function applyAeImportPlan(
  commands: readonly AeImportCommand[],
  known: { trusts: Set<string>; observations: Map<string, Map<IsoMonth, ExistingObservation>> },
): void {
  for (const c of commands) {
    if (c.type === 'RegisterTrust') {
      known.trusts.add(c.data.code);
      continue;
    }
    let months = known.observations.get(c.data.trustCode);
    if (!months) known.observations.set(c.data.trustCode, (months = new Map<string, ExistingObservation>()));
    if (c.type === 'RecordObservations') {
      for (const o of c.data.observations) months.set(o.period, { ...o });
    } else {
      months.set(c.data.period, { value: c.data.value, numerator: c.data.numerator, denominator: c.data.denominator });
    }
  }
}
