/**
 * Deterministic demo data for Longview: trusts across the seven NHS England regions, three
 * years of monthly outcome series, and interventions whose effects are written INTO the
 * series — some that last, some quick wins that fade, some with no effect — so the
 * analytics have something true to find. The result is command data only; the caller sends
 * it through the command path. No clock, no Math.random: the same seed gives the same plan.
 */
import type {
  Approach,
  CqcRating,
  Direction,
  InterventionCategory,
  IsoDate,
  IsoMonth,
  LongviewCommand,
  LongviewCommandType,
  Observation,
  PdsaCycle,
  Region,
  Sharing,
  TrustContext,
  TrustKind,
} from '@longview/domain';
import {
  ABANDON_REASONS,
  ACUTE_NAME_PATTERNS,
  AMBULANCE_AREAS,
  AMBULANCE_NAME_PATTERNS,
  COMMUNITY_NAME_PATTERNS,
  COMPLETION_SUMMARIES,
  CONTEXT_CHANGE_REASONS,
  INTERVENTION_TEMPLATES,
  type InterventionTemplate,
  MENTAL_HEALTH_NAME_PATTERNS,
  PDSA_SEQUENCE,
  REGION_CODE_LETTER,
  SPECIALIST_NAME_PATTERNS,
  TOWNS,
  TRUSTS_PER_REGION,
} from './content';
import { Prng } from './prng';
import { planShowcase, type DemoShowcase } from './showcase';
import { monthIndex, periodOfIndex } from '@longview/analytics';
import { INTERVENTION_CATEGORIES, REGIONS, TRUST_KINDS } from '@longview/domain';

// The order of these lists drives the seeded generator: changing it changes the demo data.
const REGION_LIST = REGIONS;
const KIND_LIST = TRUST_KINDS;
const CATEGORY_LIST = INTERVENTION_CATEGORIES;

export const DEMO_SEED = 20161;
/** The demo's fixed "today": the last complete month of data is the month that ends on it. */
export const DEMO_TODAY: IsoDate = '2026-10-31';
export const DEMO_MONTHS = 36;
export const DEMO_SOURCE = 'Longview demo data (synthetic)';
/** Interventions per category. */
const INTERVENTIONS_PER_CATEGORY = 12;
/** Months of baseline every started intervention has before its start. */
export const DEMO_MIN_BASELINE_MONTHS = 12;
/** Months of follow-up a LASTING or FADING intervention has after its start month. */
export const DEMO_MIN_FOLLOW_UP_MONTHS = 14;

type StepOf<C> = C extends { readonly type: infer T; readonly data: infer D } ? { readonly type: T; readonly data: D } : never;
/** One command to send: its type and its data (metadata is the sender's business). */
export type DemoStep = StepOf<LongviewCommand>;
export type DemoStepOf<T extends LongviewCommandType> = Extract<DemoStep, { type: T }>;

export type DemoEffect = 'LASTING' | 'FADING' | 'NONE';

/** What the demo wrote into an intervention's primary target series. */
export interface DemoExpectation {
  readonly interventionId: string;
  readonly trustCode: string;
  readonly metric: string;
  readonly direction: Direction;
  readonly startedOn: IsoDate;
  readonly effect: DemoEffect;
  readonly approach: Approach;
  readonly category: InterventionCategory;
  readonly region: Region;
  /** SD of the series' month-to-month noise. */
  readonly noiseSd: number;
  /** Signed shift in the metric's unit while the effect is present (0 for NONE); positive = value goes up. */
  readonly shift: number;
  /** First and last month (inclusive) of the effect; absent for NONE. */
  readonly effectFrom?: IsoMonth;
  readonly effectTo?: IsoMonth;
  /** Months of data from the start month (inclusive) to the last period. */
  readonly monthsAfterStart: number;
  readonly status: 'ACTIVE' | 'COMPLETED' | 'ABANDONED';
}

export interface DemoPlan {
  readonly seed: number;
  readonly today: IsoDate;
  readonly firstPeriod: IsoMonth;
  readonly lastPeriod: IsoMonth;
  /** In the order to send them: trusts, context changes, observations, interventions, rebases. */
  readonly steps: DemoStep[];
  /** One per started intervention (its primary target metric). */
  readonly expectations: DemoExpectation[];
  /** The interventions that show process and balancing measures (see showcase.ts). */
  readonly showcase?: DemoShowcase;
}

export interface DemoOptions {
  /** The fixed "today" (YYYY-MM-DD); default DEMO_TODAY. */
  readonly today?: IsoDate;
  /** Months of series data ending with the last complete month; default 36, at least 27. */
  readonly months?: number;
}

// ---- Calendar helpers (pure, UTC) ----

function toDate(iso: IsoDate): Date {
  return new Date(`${iso}T00:00:00Z`);
}
function fromDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}
function addDays(iso: IsoDate, days: number): IsoDate {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromDate(d);
}
function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86400000);
}
function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
/** The last month that has ended on `today`. */
function lastCompleteMonth(today: IsoDate): IsoMonth {
  const tomorrow = addDays(today, 1);
  const index = monthIndex(today.slice(0, 7));
  return periodOfIndex(tomorrow.slice(0, 7) !== today.slice(0, 7) ? index : index - 1);
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

// ---- Series models ----

interface MetricModel {
  readonly decimals: number;
  readonly min: number;
  readonly max: number;
  /** Seasonal offsets by calendar month (Jan..Dec), in the metric's unit. */
  readonly seasonal: readonly number[];
}

const METRIC_MODELS: Readonly<Record<string, MetricModel>> = {
  // Winter dip in 4-hour performance.
  'ae-4hr': { decimals: 2, min: 0, max: 100, seasonal: [-2.2, -1.4, -0.6, 0.4, 0.8, 0.6, 0.3, 0.6, 0.2, -0.3, -0.7, -1.8] },
  // Occupancy peaks in January after the Christmas discharge push, lowest in August.
  'bed-occupancy': { decimals: 1, min: 0, max: 120, seasonal: [1.8, 1.4, 0.9, 0, -0.5, -0.8, -1.0, -1.4, -0.5, 0.3, 0.8, 0.1] },
  'rtt-18wk': { decimals: 1, min: 0, max: 100, seasonal: [-0.8, -0.3, 0.2, 0.1, 0.3, 0.3, 0.1, -0.5, 0, 0.3, 0.4, -0.9] },
  // Winter respiratory illness.
  'sickness-absence': { decimals: 2, min: 0, max: 100, seasonal: [0.6, 0.35, 0.15, -0.1, -0.25, -0.3, -0.2, -0.25, -0.1, 0.1, 0.25, 0.55] },
  'staff-engagement': { decimals: 2, min: 0, max: 10, seasonal: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
};

const METRICS_BY_KIND: Readonly<Record<TrustKind, readonly string[]>> = {
  ACUTE: ['ae-4hr', 'bed-occupancy', 'rtt-18wk', 'sickness-absence', 'staff-engagement'],
  MENTAL_HEALTH: ['sickness-absence', 'staff-engagement'],
  COMMUNITY: ['sickness-absence', 'staff-engagement'],
  AMBULANCE: ['sickness-absence', 'staff-engagement'],
  SPECIALIST: ['sickness-absence', 'staff-engagement'],
};

/** Whether a kind of trust records a metric in the demo. */
export function demoMetricsFor(kind: TrustKind): readonly string[] {
  return METRICS_BY_KIND[kind];
}

interface SeriesModel {
  readonly metric: string;
  readonly level: number;
  readonly sigma: number;
  readonly seasonalScale: number;
  /** Yearly A&E attendances (ae-4hr only). */
  readonly attendances?: number;
  readonly effects: { from: number; to: number; shift: number }[];
}

interface DemoTrust {
  readonly code: string;
  readonly name: string;
  readonly town: string;
  readonly kind: TrustKind;
  readonly region: Region;
  readonly quality: number;
  readonly context: TrustContext;
  readonly series: Map<string, SeriesModel>;
}

const REGION_DEPRIVATION: Readonly<Record<Region, number>> = {
  NORTH_EAST_AND_YORKSHIRE: 28,
  NORTH_WEST: 30,
  MIDLANDS: 25,
  EAST_OF_ENGLAND: 17,
  LONDON: 24,
  SOUTH_EAST: 14,
  SOUTH_WEST: 17,
};

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function segmentFor(quality: number): number {
  if (quality > 0.9) return 1;
  if (quality > -0.1) return 2;
  if (quality > -1.0) return 3;
  return 4;
}
function cqcFor(score: number): CqcRating {
  if (score > 1.3) return 'OUTSTANDING';
  if (score > -0.5) return 'GOOD';
  if (score > -1.6) return 'REQUIRES_IMPROVEMENT';
  return 'INADEQUATE';
}

function buildTrusts(rng: Prng): DemoTrust[] {
  const trusts: DemoTrust[] = [];
  for (const region of REGION_LIST) {
    const towns = rng.shuffle(TOWNS[region]);
    const codeChars = rng.shuffle([...CODE_CHARS]);
    const ambulanceAreas = [...AMBULANCE_AREAS[region]];
    const takeTown = () => {
      const town = towns.pop();
      if (town === undefined) throw new Error(`demo: not enough towns for ${region}`);
      return town;
    };
    // Trusts still to be named in this region (ambulance services use their area names).
    let unnamed = KIND_LIST.reduce((sum, k) => sum + (k === 'AMBULANCE' ? 0 : TRUSTS_PER_REGION[region][k]), 0);
    /** A pattern naming two towns is used only while spare towns remain. */
    const pickPattern = <P extends { length: number }>(patterns: readonly P[]): P => {
      const spare = towns.length - unnamed > 0;
      return rng.pick(spare ? patterns : patterns.filter((p) => p.length <= 1));
    };
    for (const kind of KIND_LIST) {
      const count = TRUSTS_PER_REGION[region][kind];
      for (let i = 0; i < count; i++) {
        const char = codeChars.pop();
        if (char === undefined) throw new Error(`demo: not enough codes for ${region}`);
        const code = `Z${REGION_CODE_LETTER[region]}${char}`;
        let town: string;
        let name: string;
        switch (kind) {
          case 'ACUTE': {
            const pattern = pickPattern(ACUTE_NAME_PATTERNS);
            town = takeTown();
            unnamed -= 1;
            name = pattern(town, pattern.length > 1 ? takeTown() : '');
            break;
          }
          case 'MENTAL_HEALTH': {
            const pattern = pickPattern(MENTAL_HEALTH_NAME_PATTERNS);
            town = takeTown();
            unnamed -= 1;
            name = pattern(town, pattern.length > 1 ? takeTown() : '');
            break;
          }
          case 'COMMUNITY':
            town = takeTown();
            unnamed -= 1;
            name = rng.pick(COMMUNITY_NAME_PATTERNS)(town);
            break;
          case 'SPECIALIST':
            town = takeTown();
            unnamed -= 1;
            name = SPECIALIST_NAME_PATTERNS[(trusts.length + i) % SPECIALIST_NAME_PATTERNS.length]!(town);
            break;
          case 'AMBULANCE':
            town = ambulanceAreas.shift() ?? takeTown();
            name = rng.pick(AMBULANCE_NAME_PATTERNS)(town);
            break;
        }
        const deprivation = round(clamp(rng.normal(REGION_DEPRIVATION[region], 6), 5, 45), 1);
        const quality = rng.normal(0, 1) - (0.15 * (deprivation - 22)) / 8;
        const context = buildContext(rng, kind, region, deprivation, quality);
        trusts.push({ code, name, town, kind, region, quality, context, series: new Map() });
      }
    }
  }
  return trusts;
}

function buildContext(rng: Prng, kind: TrustKind, region: Region, deprivation: number, quality: number): TrustContext {
  const oversightSegment = segmentFor(quality);
  const cqcRating = cqcFor(quality + rng.normal(0, 0.6));
  const thousands = (n: number) => Math.round(n / 1000) * 1000;
  switch (kind) {
    case 'ACUTE': {
      const beds = Math.round(clamp(Math.exp(rng.normal(Math.log(700), 0.4)), 300, 1900));
      const catchmentPopulation = thousands(beds * rng.uniform(520, 700));
      const aeAttendances = Math.round((catchmentPopulation * rng.uniform(0.26, 0.36)) / 100) * 100;
      return { kind, region, beds, catchmentPopulation, aeAttendances, deprivation, oversightSegment, cqcRating };
    }
    case 'MENTAL_HEALTH':
      return {
        kind,
        region,
        beds: rng.int(120, 650),
        catchmentPopulation: thousands(rng.uniform(400_000, 1_600_000)),
        deprivation,
        oversightSegment,
        cqcRating,
      };
    case 'COMMUNITY':
      return {
        kind,
        region,
        beds: rng.int(20, 180),
        catchmentPopulation: thousands(rng.uniform(250_000, 1_300_000)),
        deprivation,
        oversightSegment,
        cqcRating,
      };
    case 'AMBULANCE':
      return {
        kind,
        region,
        catchmentPopulation: thousands(region === 'LONDON' ? rng.uniform(8_800_000, 9_200_000) : rng.uniform(2_500_000, 7_500_000)),
        deprivation,
        oversightSegment,
        cqcRating,
      };
    case 'SPECIALIST':
      return {
        kind,
        region,
        beds: rng.int(90, 550),
        catchmentPopulation: thousands(rng.uniform(1_500_000, 5_000_000)),
        deprivation,
        oversightSegment,
        cqcRating,
      };
  }
}

function buildSeriesModels(rng: Prng, trust: DemoTrust): void {
  const q = trust.quality;
  for (const metric of METRICS_BY_KIND[trust.kind]) {
    let level: number;
    let sigma: number;
    let attendances: number | undefined;
    switch (metric) {
      case 'ae-4hr':
        level = clamp(74 + 4.5 * q + rng.normal(0, 2), 58, 89);
        sigma = rng.uniform(1.2, 2.0);
        attendances = trust.context.aeAttendances;
        break;
      case 'bed-occupancy':
        level = clamp(92 - 1.5 * q + rng.normal(0, 1.8), 84, 97);
        sigma = rng.uniform(0.8, 1.4);
        break;
      case 'rtt-18wk':
        level = clamp(58 + 4 * q + rng.normal(0, 4), 40, 78);
        sigma = rng.uniform(0.6, 1.1);
        break;
      case 'sickness-absence': {
        const base = { ACUTE: 5.0, MENTAL_HEALTH: 5.8, COMMUNITY: 5.4, AMBULANCE: 6.8, SPECIALIST: 4.3 }[trust.kind];
        level = clamp(base - 0.2 * q + rng.normal(0, 0.4), 3, 9);
        sigma = rng.uniform(0.15, 0.28);
        break;
      }
      case 'staff-engagement': {
        const adjust = { ACUTE: 0, MENTAL_HEALTH: -0.1, COMMUNITY: 0.1, AMBULANCE: -0.6, SPECIALIST: 0.3 }[trust.kind];
        level = clamp(6.8 + adjust + 0.15 * q + rng.normal(0, 0.2), 5.5, 7.8);
        sigma = rng.uniform(0.06, 0.11);
        break;
      }
      default:
        throw new Error(`demo: no model for ${metric}`);
    }
    trust.series.set(metric, {
      metric,
      level,
      sigma,
      seasonalScale: rng.uniform(0.7, 1.3),
      ...(attendances !== undefined ? { attendances } : {}),
      effects: [],
    });
  }
}

/** Monthly share of yearly A&E attendances (Jan..Dec): busier in early summer, February short. */
const ATTENDANCE_SEASON = [0.079, 0.074, 0.084, 0.082, 0.089, 0.087, 0.089, 0.084, 0.083, 0.085, 0.081, 0.083];

function generateObservations(rng: Prng, model: SeriesModel, firstIndex: number, months: number): Observation[] {
  const spec = METRIC_MODELS[model.metric]!;
  const out: Observation[] = [];
  for (let t = 0; t < months; t++) {
    const index = firstIndex + t;
    const calendarMonth = index % 12;
    let value = model.level + spec.seasonal[calendarMonth]! * model.seasonalScale + rng.normal(0, model.sigma);
    for (const effect of model.effects) if (t >= effect.from && t <= effect.to) value += effect.shift;
    const period = periodOfIndex(index);
    if (model.metric === 'ae-4hr' && model.attendances !== undefined) {
      const denominator = Math.max(100, Math.round(model.attendances * ATTENDANCE_SEASON[calendarMonth]! * (1 + rng.normal(0, 0.025))));
      const numerator = Math.round((denominator * clamp(value, 1, 99.5)) / 100);
      out.push({ period, value: round((100 * numerator) / denominator, 2), numerator, denominator });
    } else {
      // Keep a hair inside the valid range so rounding never leaves it.
      const bounded = clamp(value, spec.min + 0.5, spec.max - (model.metric === 'staff-engagement' ? 0.5 : 1));
      out.push({ period, value: round(bounded, spec.decimals) });
    }
  }
  return out;
}

// ---- Interventions ----

type Status = 'PROPOSED' | 'ACTIVE' | 'COMPLETED' | 'ABANDONED';

interface PlannedIntervention {
  readonly id: string;
  readonly template: InterventionTemplate;
  readonly trust: DemoTrust;
  readonly sharing: Sharing;
  status: Status;
  effect: DemoEffect;
  startIndex?: number;
  startedOn?: IsoDate;
  endedOn?: IsoDate;
}

const STATUS_MIX: readonly [Status, number][] = [
  ['PROPOSED', 10],
  ['ABANDONED', 8],
  ['COMPLETED', 34],
  ['ACTIVE', 32],
];

function fill(text: string, template: InterventionTemplate, trust: DemoTrust): string {
  return text.replaceAll('{town}', trust.town).replaceAll('{change}', template.change).replaceAll('{unit}', template.unit);
}

/**
 * Generates the demo plan. Deterministic: the same seed and options give an identical plan.
 */
export function generateDemoData(seed: number = DEMO_SEED, options: DemoOptions = {}): DemoPlan {
  const today = options.today ?? DEMO_TODAY;
  const months = options.months ?? DEMO_MONTHS;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`demo: today must be YYYY-MM-DD, got ${today}`);
  const minMonths = DEMO_MIN_BASELINE_MONTHS + DEMO_MIN_FOLLOW_UP_MONTHS + 1;
  if (!Number.isInteger(months) || months < minMonths) throw new Error(`demo: months must be an integer >= ${minMonths}`);

  const lastIndex = monthIndex(lastCompleteMonth(today));
  const firstIndex = lastIndex - months + 1;
  const firstPeriod = periodOfIndex(firstIndex);
  const lastPeriod = periodOfIndex(lastIndex);
  // Contexts take effect from the start of the financial year holding the first period.
  const firstMonthOfYear = firstIndex % 12;
  const registeredFrom = `${Math.floor(firstIndex / 12) - (firstMonthOfYear < 3 ? 1 : 0)}-04-01`;

  const rng = new Prng(seed);
  const ids = new Prng(seed ^ 0x5bd1e995);

  // 1. Trusts and their series models.
  const trusts = buildTrusts(rng);
  for (const trust of trusts) buildSeriesModels(rng, trust);

  const steps: DemoStep[] = [];
  for (const trust of trusts) {
    steps.push({
      type: 'RegisterTrust',
      data: { code: trust.code, name: trust.name, context: trust.context, effectiveFrom: registeredFrom },
    });
  }

  // 2. A few context changes during the period.
  const changed = rng.shuffle(trusts).slice(0, 12);
  for (const trust of changed) {
    const ctx = trust.context;
    const choices: { context: TrustContext; reason: string }[] = [];
    const segment = ctx.oversightSegment ?? 2;
    if (segment < 4) choices.push({ context: { ...ctx, oversightSegment: segment + 1 }, reason: CONTEXT_CHANGE_REASONS.segmentWorse });
    if (segment > 1) choices.push({ context: { ...ctx, oversightSegment: segment - 1 }, reason: CONTEXT_CHANGE_REASONS.segmentBetter });
    if (ctx.cqcRating === 'REQUIRES_IMPROVEMENT' || ctx.cqcRating === 'INADEQUATE') {
      choices.push({
        context: { ...ctx, cqcRating: ctx.cqcRating === 'INADEQUATE' ? 'REQUIRES_IMPROVEMENT' : 'GOOD' },
        reason: CONTEXT_CHANGE_REASONS.cqcBetter,
      });
    }
    if (ctx.cqcRating === 'GOOD') choices.push({ context: { ...ctx, cqcRating: 'REQUIRES_IMPROVEMENT' }, reason: CONTEXT_CHANGE_REASONS.cqcWorse });
    if (ctx.beds !== undefined && trust.kind === 'ACUTE') {
      choices.push({ context: { ...ctx, beds: ctx.beds + 28 }, reason: CONTEXT_CHANGE_REASONS.beds });
    }
    const change = rng.pick(choices);
    const effectiveFrom = addDays(`${periodOfIndex(firstIndex + 6)}-01`, rng.int(0, Math.max(0, (months - 8) * 30)));
    steps.push({
      type: 'UpdateTrustContext',
      data: { code: trust.code, context: change.context, effectiveFrom: minDate(effectiveFrom, today), reason: change.reason },
    });
  }

  // 3. Interventions: who does what.
  const planned: PlannedIntervention[] = [];
  const usedSeries = new Set<string>();
  const perTrust = new Map<string, number>();
  const perCategoryRegion = new Map<string, number>();
  for (const category of CATEGORY_LIST) {
    const templates = rng.shuffle(INTERVENTION_TEMPLATES.filter((t) => t.category === category));
    for (let i = 0; i < INTERVENTIONS_PER_CATEGORY; i++) {
      const template = templates[i % templates.length]!;
      const primary = template.targets[0]!.metric;
      const candidates = trusts.filter((t) => template.kinds.includes(t.kind) && t.series.has(primary) && !usedSeries.has(`${t.code}|${primary}`));
      if (candidates.length === 0) continue;
      // Cluster a category in a few regions (so pooling has neighbours) and spread work across trusts.
      const trust = rng.weighted(
        candidates,
        (t) => (1 + 1.5 * (perCategoryRegion.get(`${category}|${t.region}`) ?? 0)) / (1 + 2 * (perTrust.get(t.code) ?? 0)),
      );
      usedSeries.add(`${trust.code}|${primary}`);
      perTrust.set(trust.code, (perTrust.get(trust.code) ?? 0) + 1);
      perCategoryRegion.set(`${category}|${trust.region}`, (perCategoryRegion.get(`${category}|${trust.region}`) ?? 0) + 1);
      const sharing = rng.weighted<Sharing>(['PUBLIC', 'TRUSTS', 'PRIVATE'], (s) => ({ PUBLIC: 45, TRUSTS: 40, PRIVATE: 15 })[s]);
      planned.push({ id: ids.uuid(), template, trust, sharing, status: 'PROPOSED', effect: 'NONE' });
    }
  }

  // Lifecycle statuses, in the proportions of STATUS_MIX.
  const totalMix = STATUS_MIX.reduce((sum, [, n]) => sum + n, 0);
  const statuses: Status[] = [];
  for (const [status, n] of STATUS_MIX) {
    const count = Math.round((n / totalMix) * planned.length);
    for (let i = 0; i < count; i++) statuses.push(status);
  }
  while (statuses.length < planned.length) statuses.push('ACTIVE');
  const shuffledStatuses = rng.shuffle(statuses);
  planned.forEach((p, i) => (p.status = shuffledStatuses[i]!));

  // Effects: about a third of started interventions last, a fifth fade; systemic changes tend
  // to last, quick fixes tend to fade, and some categories work better in some regions.
  const affinity = new Map<string, number>();
  const effectBase = new Map<string, number>();
  for (const category of CATEGORY_LIST) {
    for (const region of REGION_LIST) {
      affinity.set(`${category}|${region}`, rng.uniform(0.5, 2));
      effectBase.set(`${category}|${region}`, rng.uniform(2.3, 3.7));
    }
  }
  const key = (p: PlannedIntervention) => `${p.template.category}|${p.trust.region}`;
  const started = planned.filter((p) => p.status !== 'PROPOSED');
  const lastingTarget = Math.round(started.length / 3);
  const fadingTarget = Math.round(started.length / 5);
  let pool = started.filter((p) => p.status !== 'ABANDONED');
  for (let n = 0; n < lastingTarget && pool.length > 0; n++) {
    const chosen = rng.weighted(pool, (p) => (p.template.approach === 'SYSTEMIC' ? 3 : 1) * affinity.get(key(p))!);
    chosen.effect = 'LASTING';
    pool = pool.filter((p) => p !== chosen);
  }
  pool = started.filter((p) => p.effect === 'NONE');
  for (let n = 0; n < fadingTarget && pool.length > 0; n++) {
    const chosen = rng.weighted(pool, (p) => (p.template.approach === 'QUICK_FIX' ? 3 : 1));
    chosen.effect = 'FADING';
    pool = pool.filter((p) => p !== chosen);
  }

  // Dates and effects written into the series.
  const expectations: DemoExpectation[] = [];
  const baselineFirst = firstIndex + DEMO_MIN_BASELINE_MONTHS;
  for (const p of started) {
    let latestStart: number;
    if (p.effect !== 'NONE') latestStart = lastIndex - DEMO_MIN_FOLLOW_UP_MONTHS;
    else if (p.status === 'COMPLETED') latestStart = lastIndex - 7;
    else if (p.status === 'ABANDONED') latestStart = lastIndex - 5;
    else latestStart = lastIndex - 2;
    const startIndex = rng.int(baselineFirst, latestStart);
    p.startIndex = startIndex;
    p.startedOn = `${periodOfIndex(startIndex)}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    if (p.status === 'COMPLETED') p.endedOn = minDate(addDays(p.startedOn, rng.int(5, 12) * 30 + rng.int(0, 20)), today);
    if (p.status === 'ABANDONED') p.endedOn = minDate(addDays(p.startedOn, rng.int(45, 150)), today);

    const target = p.template.targets[0]!;
    const model = p.trust.series.get(target.metric)!;
    const sign = target.direction === 'INCREASE' ? 1 : -1;
    // A quick win is a visible bump (at least 3 sd, so its months usually signal); a lasting
    // change may be subtler (2 sd and up), since a sustained run reveals it. Same draws either way.
    const size = clamp(effectBase.get(key(p))! + rng.normal(0, 0.25), p.effect === 'FADING' ? 3 : 2, 4) * model.sigma;
    const lag = rng.int(1, 3);
    const from = startIndex + lag - firstIndex;
    let to: number | undefined;
    if (p.effect === 'LASTING') to = months - 1;
    if (p.effect === 'FADING') to = from + rng.int(3, 6) - 1;
    const shift = p.effect === 'NONE' ? 0 : round(sign * size, 4);
    if (to !== undefined) model.effects.push({ from, to, shift });
    expectations.push({
      interventionId: p.id,
      trustCode: p.trust.code,
      metric: target.metric,
      direction: target.direction,
      startedOn: p.startedOn,
      effect: p.effect,
      approach: p.template.approach,
      category: p.template.category,
      region: p.trust.region,
      noiseSd: round(model.sigma, 4),
      shift,
      ...(to !== undefined ? { effectFrom: periodOfIndex(firstIndex + from), effectTo: periodOfIndex(firstIndex + to) } : {}),
      monthsAfterStart: lastIndex - startIndex + 1,
      status: p.status as DemoExpectation['status'],
    });
  }

  // 3b. Process and balancing measures on two of the interventions (own random stream: nothing above changes).
  const showcase = planShowcase(
    seed,
    started.map((p) => ({
      id: p.id,
      title: p.template.title,
      trustCode: p.trust.code,
      trustIsAcute: p.trust.kind === 'ACUTE',
      primaryMetric: p.template.targets[0]!.metric,
      metrics: p.template.targets.map((t) => t.metric),
      sharing: p.sharing,
      status: p.status,
      effect: p.effect,
      startIndex: p.startIndex!,
    })),
    firstIndex,
    months,
  );
  for (const measure of showcase?.localMeasures ?? []) steps.push({ type: 'DefineLocalMeasure', data: measure });

  // 4. Observations, one RecordObservations per series.
  for (const trust of trusts) {
    for (const model of trust.series.values()) {
      steps.push({
        type: 'RecordObservations',
        data: {
          trustCode: trust.code,
          metric: model.metric,
          observations: generateObservations(rng, model, firstIndex, months),
          source: DEMO_SOURCE,
        },
      });
    }
  }

  for (const series of showcase?.series ?? []) steps.push({ type: 'RecordObservations', data: { ...series, source: DEMO_SOURCE } });

  // 5. Intervention lifecycles, in order of start (proposals that never started last).
  const ordered = [...planned].sort((a, b) => (a.startedOn ?? '9999').localeCompare(b.startedOn ?? '9999'));
  for (const p of ordered) {
    const { template, trust } = p;
    steps.push({
      type: 'ProposeIntervention',
      data: {
        interventionId: p.id,
        trustCode: trust.code,
        title: template.title,
        summary: fill(template.summary, template, trust),
        category: template.category,
        rootCause: template.rootCause,
        approach: template.approach,
        targets: [...template.targets.map((t) => ({ metric: t.metric, direction: t.direction })), ...(showcase?.extraTargets.get(p.id) ?? [])],
        sharing: p.sharing,
      },
    });
    if (p.status === 'PROPOSED' || p.startedOn === undefined) continue;
    steps.push({ type: 'StartIntervention', data: { interventionId: p.id, startedOn: p.startedOn } });
    const end = p.endedOn ?? today;
    const span = daysBetween(p.startedOn, end);
    const wanted = p.status === 'ABANDONED' ? rng.int(1, 2) : p.status === 'COMPLETED' ? rng.int(2, 5) : rng.int(1, 5);
    const cycles = Math.max(1, Math.min(wanted, Math.floor(span / 21)));
    for (let c = 0; c < cycles; c++) {
      const text = rng.pick(PDSA_SEQUENCE[Math.min(c, PDSA_SEQUENCE.length - 1)]!);
      const cycleDate = addDays(p.startedOn, Math.min(span, Math.round(((c + 1) * span) / (cycles + 1))));
      const cycle: PdsaCycle = {
        plan: fill(text.plan, template, trust),
        do: fill(text.do, template, trust),
        study: fill(text.study, template, trust),
        act: fill(text.act, template, trust),
        cycleDate,
      };
      steps.push({ type: 'LogPdsaCycle', data: { interventionId: p.id, cycle } });
    }
    if (p.status === 'COMPLETED' && p.endedOn) {
      steps.push({
        type: 'CompleteIntervention',
        data: { interventionId: p.id, completedOn: p.endedOn, summary: rng.pick(COMPLETION_SUMMARIES) },
      });
    }
    if (p.status === 'ABANDONED' && p.endedOn) {
      steps.push({
        type: 'AbandonIntervention',
        data: { interventionId: p.id, abandonedOn: p.endedOn, reason: rng.pick(ABANDON_REASONS) },
      });
    }
  }

  // 6. A few trusts rebase the chart of a series once a lasting change is embedded.
  const rebased = expectations.filter((e) => e.effect === 'LASTING' && e.status === 'COMPLETED' && e.approach === 'SYSTEMIC');
  for (const e of rebased.slice(0, 3)) {
    const title = planned.find((p) => p.id === e.interventionId)!.template.title;
    steps.push({
      type: 'RebaseSeries',
      data: {
        trustCode: e.trustCode,
        metric: e.metric,
        fromPeriod: e.effectFrom!,
        reason: `New process embedded ("${title}"): the chart is rebased from ${e.effectFrom}.`,
      },
    });
  }

  return { seed, today, firstPeriod, lastPeriod, steps, expectations, ...(showcase ? { showcase: showcase.showcase } : {}) };
}

// ---- Description ----

export interface DemoDescription {
  readonly seed: number;
  readonly firstPeriod: IsoMonth;
  readonly lastPeriod: IsoMonth;
  readonly commands: number;
  readonly commandsByType: Partial<Record<LongviewCommandType, number>>;
  readonly trusts: number;
  readonly trustsByKind: Record<TrustKind, number>;
  readonly trustsByRegion: Record<Region, number>;
  readonly contextChanges: number;
  readonly series: number;
  readonly observations: number;
  readonly interventions: number;
  readonly interventionsByStatus: Record<Status, number>;
  readonly pdsaCycles: number;
  readonly rebases: number;
  readonly expectedEffects: Record<DemoEffect, number>;
}

/** Counts of what a plan holds, derived from its steps. */
export function describeDemo(plan: DemoPlan): DemoDescription {
  const commandsByType: Partial<Record<LongviewCommandType, number>> = {};
  const trustsByKind = Object.fromEntries(KIND_LIST.map((k) => [k, 0])) as Record<TrustKind, number>;
  const trustsByRegion = Object.fromEntries(REGION_LIST.map((r) => [r, 0])) as Record<Region, number>;
  const status = new Map<string, Status>();
  const series = new Set<string>();
  let observations = 0;
  for (const step of plan.steps) {
    commandsByType[step.type] = (commandsByType[step.type] ?? 0) + 1;
    switch (step.type) {
      case 'RegisterTrust':
        trustsByKind[step.data.context.kind] += 1;
        trustsByRegion[step.data.context.region] += 1;
        break;
      case 'RecordObservations':
        series.add(`${step.data.trustCode}|${step.data.metric}`);
        observations += step.data.observations.length;
        break;
      case 'ProposeIntervention':
        status.set(step.data.interventionId, 'PROPOSED');
        break;
      case 'StartIntervention':
        status.set(step.data.interventionId, 'ACTIVE');
        break;
      case 'CompleteIntervention':
        status.set(step.data.interventionId, 'COMPLETED');
        break;
      case 'AbandonIntervention':
        status.set(step.data.interventionId, 'ABANDONED');
        break;
      default:
        break;
    }
  }
  const interventionsByStatus: Record<Status, number> = { PROPOSED: 0, ACTIVE: 0, COMPLETED: 0, ABANDONED: 0 };
  for (const s of status.values()) interventionsByStatus[s] += 1;
  const expectedEffects: Record<DemoEffect, number> = { LASTING: 0, FADING: 0, NONE: 0 };
  for (const e of plan.expectations) expectedEffects[e.effect] += 1;
  return {
    seed: plan.seed,
    firstPeriod: plan.firstPeriod,
    lastPeriod: plan.lastPeriod,
    commands: plan.steps.length,
    commandsByType,
    trusts: commandsByType.RegisterTrust ?? 0,
    trustsByKind,
    trustsByRegion,
    contextChanges: commandsByType.UpdateTrustContext ?? 0,
    series: series.size,
    observations,
    interventions: status.size,
    interventionsByStatus,
    pdsaCycles: commandsByType.LogPdsaCycle ?? 0,
    rebases: commandsByType.RebaseSeries ?? 0,
    expectedEffects,
  };
}
