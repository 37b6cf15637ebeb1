import type { Direction } from './shared';

/**
 * The metric catalogue: reference data every part of Longview agrees on. Values are stored
 * in the unit given here (percentages as 0-100, not 0-1). `improvement` is the direction
 * that counts as better, which SPC uses to colour special-cause variation and outcome
 * evaluation uses to call an effect an improvement or a deterioration.
 */

export const METRIC_UNITS = ['%', 'days', 'score'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export interface MetricDefinition {
  /** Set on a trust's local measure: the only trust whose targets and data may use it. */
  readonly trustCode?: string;
  /** Lower-kebab code, stable forever: it is part of stream ids (`series-<ODS>-<code>`). */
  readonly code: string;
  readonly name: string;
  /** What is measured, how, and where the standard (if any) comes from. */
  readonly description: string;
  /** A catalogue unit; a trust's local measure may name its own (e.g. "falls per 1,000 bed days"). */
  readonly unit: MetricUnit | (string & {});
  readonly improvement: Direction;
  /** Values outside this range are rejected as data-entry errors. */
  readonly validRange: { readonly min: number; readonly max: number };
  readonly nationalStandard?: { readonly value: number; readonly description: string };
}

export const METRICS: readonly MetricDefinition[] = [
  {
    code: 'ae-4hr',
    name: 'A&E 4-hour performance',
    description:
      'Percentage of A&E attendances (all types) admitted, transferred or discharged within 4 hours of arrival. ' +
      'Source: NHS England A&E Attendances and Emergency Admissions monthly statistics. ' +
      'Standard: NHS Constitution handbook operational standard of 95%; annual NHS planning guidance sets ' +
      'interim ambitions below it (e.g. 78% by March 2025 in the 2024/25 guidance).',
    unit: '%',
    improvement: 'INCREASE',
    validRange: { min: 0, max: 100 },
    nationalStandard: { value: 95, description: 'NHS Constitution: 95% within 4 hours of arrival' },
  },
  {
    code: 'ae-12hr',
    name: 'A&E 12-hour waits from arrival',
    description:
      'Percentage of type 1 A&E attendances spending more than 12 hours in the department from arrival ' +
      '(not from decision to admit). Source: NHS England A&E monthly statistics (12 hours from arrival, ' +
      'published since 2023). No constitutional standard; planning guidance asks for a lower share than the year before.',
    unit: '%',
    improvement: 'DECREASE',
    validRange: { min: 0, max: 100 },
  },
  {
    code: 'rtt-18wk',
    name: 'RTT 18-week performance',
    description:
      'Percentage of incomplete referral-to-treatment pathways waiting under 18 weeks at month end. ' +
      'Source: NHS England Consultant-led RTT Waiting Times statistics. Standard: NHS Constitution, 92% of incomplete pathways.',
    unit: '%',
    improvement: 'INCREASE',
    validRange: { min: 0, max: 100 },
    nationalStandard: { value: 92, description: 'NHS Constitution: 92% of incomplete pathways within 18 weeks' },
  },
  {
    code: 'cancer-62d',
    name: 'Cancer 62-day performance',
    description:
      'Percentage of patients starting first definitive cancer treatment within 62 days of an urgent suspected ' +
      'cancer referral, breast screening or consultant upgrade (combined standard since October 2023). ' +
      'Source: NHS England Cancer Waiting Times statistics. Standard: 85%.',
    unit: '%',
    improvement: 'INCREASE',
    validRange: { min: 0, max: 100 },
    nationalStandard: { value: 85, description: 'Cancer Waiting Times: 85% treated within 62 days' },
  },
  {
    code: 'bed-occupancy',
    name: 'General and acute bed occupancy',
    description:
      'Percentage of available general and acute beds occupied (monthly average of daily snapshots). Can exceed 100% ' +
      'when escalation beds are in use. Source: NHS England Bed Availability and Occupancy / UEC daily sitrep. ' +
      'Standard: NHS operational planning guidance, 92% or below.',
    unit: '%',
    improvement: 'DECREASE',
    validRange: { min: 0, max: 120 },
    nationalStandard: { value: 92, description: 'Operational planning guidance: G&A occupancy of 92% or below' },
  },
  {
    code: 'nel-los',
    name: 'Non-elective length of stay',
    description:
      'Mean length of stay, in days, of non-elective (emergency) adult inpatient spells discharged in the month. ' +
      'Source: Hospital Episode Statistics / SUS admitted patient care. No national standard.',
    unit: 'days',
    improvement: 'DECREASE',
    validRange: { min: 0, max: 60 },
  },
  {
    code: 'staff-engagement',
    name: 'Staff engagement score',
    description:
      'NHS Staff Survey staff engagement theme score on a 0-10 scale (annual; recorded in the month results are published). ' +
      'Source: NHS Staff Survey benchmark reports. No national standard; compare with the benchmarking group median.',
    unit: 'score',
    improvement: 'INCREASE',
    validRange: { min: 0, max: 10 },
  },
  {
    code: 'sickness-absence',
    name: 'Sickness absence rate',
    description:
      'Full-time-equivalent days lost to sickness absence as a percentage of FTE days available in the month. ' +
      'Source: NHS Sickness Absence Rates (NHS England, from ESR). No national standard.',
    unit: '%',
    improvement: 'DECREASE',
    validRange: { min: 0, max: 100 },
  },
  {
    code: 'vacancy-rate',
    name: 'Vacancy rate',
    description:
      'Vacant full-time-equivalent posts as a percentage of planned workforce establishment. ' +
      'Source: NHS Vacancy Statistics (NHS England, from trust ledgers). No national standard.',
    unit: '%',
    improvement: 'DECREASE',
    validRange: { min: 0, max: 100 },
  },
];

const METRICS_BY_CODE: ReadonlyMap<string, MetricDefinition> = new Map(METRICS.map((metric) => [metric.code, metric]));

export function findMetric(code: string): MetricDefinition | undefined {
  return METRICS_BY_CODE.get(code);
}

export const METRIC_CODES: readonly string[] = METRICS.map((metric) => metric.code);

// ---- Local measures ----

/**
 * A measure a trust defines for itself (DefineLocalMeasure): its own name, unit and improvement
 * direction, used as a target and recorded like a catalogue metric, but by that trust only. Its
 * code is generated from the trust and the name (`local-<trust>-<name slug>`), so it never clashes
 * with the catalogue (no catalogue code starts with `local-`) nor with another trust's measure,
 * and evidence never pools two trusts' different measures under one code.
 */
export interface LocalMeasure {
  readonly code: string;
  readonly trustCode: string;
  readonly name: string;
  readonly unit: string;
  readonly improvement: Direction;
}

export const LOCAL_MEASURE_PREFIX = 'local-';
const SLUG_MAX = 40;

/** The code a new local measure gets: unique among `existing` (a numbered suffix when the slug is taken). */
export function localMeasureCode(trustCode: string, name: string, existing: readonly string[]): string {
  const full = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // A long name is cut at a word boundary, so the code stays readable.
  const cut = full.length <= SLUG_MAX ? full : full.slice(0, full.lastIndexOf('-', SLUG_MAX) > 0 ? full.lastIndexOf('-', SLUG_MAX) : SLUG_MAX);
  const slug = cut.replace(/-+$/g, '') || 'measure';
  const base = `${LOCAL_MEASURE_PREFIX}${trustCode.toLowerCase()}-${slug}`;
  const taken = new Set(existing);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function isLocalMeasureCode(code: string): boolean {
  return code.startsWith(LOCAL_MEASURE_PREFIX);
}

/** The trust a local measure code belongs to (ODS codes have no hyphens), upper-case; undefined for other codes. */
export function trustOfLocalMeasureCode(code: string): string | undefined {
  const match = /^local-([a-z0-9]+)-/.exec(code);
  return match ? (match[1] as string).toUpperCase() : undefined;
}

/** A local measure seen as a metric definition. Values: at least 0, and at most 100 for a percentage. */
export function localMeasureDefinition(measure: LocalMeasure): MetricDefinition {
  return {
    code: measure.code,
    trustCode: measure.trustCode,
    name: measure.name,
    description: `A local measure defined by trust ${measure.trustCode} (${measure.unit}).`,
    unit: measure.unit,
    improvement: measure.improvement,
    validRange: measure.unit === '%' ? { min: 0, max: 100 } : { min: 0, max: 1_000_000_000 },
  };
}

/**
 * The one answer to "is this metric code valid for this trust": a catalogue metric, or one of the
 * trust's own local measures (`localMeasures`, the trust's; another trust's never match). Used by
 * the deciders (with the trust's folded state) and the read side (with its read model).
 */
export function metricForTrust(code: string, trustCode: string | undefined, localMeasures: readonly LocalMeasure[]): MetricDefinition | undefined {
  const catalogue = findMetric(code);
  if (catalogue) return catalogue;
  const local = localMeasures.find((m) => m.code === code && m.trustCode === trustCode);
  return local ? localMeasureDefinition(local) : undefined;
}
