import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Observation } from '@longview/domain';
import { DEMO_MIN_BASELINE_MONTHS, type DemoPlan, type DemoStep, type DemoStepOf, describeDemo, generateDemoData } from '../src/demo';

const REGIONS = ['NORTH_EAST_AND_YORKSHIRE', 'NORTH_WEST', 'MIDLANDS', 'EAST_OF_ENGLAND', 'LONDON', 'SOUTH_EAST', 'SOUTH_WEST'];
const KINDS = ['ACUTE', 'MENTAL_HEALTH', 'COMMUNITY', 'AMBULANCE', 'SPECIALIST'];
const CATEGORIES = ['PATIENT_FLOW', 'ELECTIVE_RECOVERY', 'WORKFORCE', 'CULTURE_AND_LEADERSHIP', 'QUALITY_AND_SAFETY', 'DIGITAL', 'OTHER'];
const RANGES: Record<string, [number, number]> = {
  'ae-4hr': [0, 100],
  'bed-occupancy': [0, 120],
  'rtt-18wk': [0, 100],
  'sickness-absence': [0, 100],
  'staff-engagement': [0, 10],
  // The showcase's balancing measure, and its local measure (a %).
  'nel-los': [0, 60],
  'local-': [0, 100],
};
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const plan: DemoPlan = generateDemoData();

function stepsOf<T extends DemoStep['type']>(p: DemoPlan, type: T): DemoStepOf<T>[] {
  return p.steps.filter((s): s is DemoStepOf<T> => s.type === type);
}
const registrations = stepsOf(plan, 'RegisterTrust');
const recordings = stepsOf(plan, 'RecordObservations');
const seriesOf = (trustCode: string, metric: string): Observation[] => {
  const found = recordings.find((r) => r.data.trustCode === trustCode && r.data.metric === metric);
  if (!found) throw new Error(`no series ${trustCode} ${metric}`);
  return found.data.observations;
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

describe('generateDemoData', () => {
  it('is deterministic: two calls with the same seed are equal, another seed differs', () => {
    expect(generateDemoData()).toEqual(plan);
    expect(generateDemoData(20161)).toEqual(plan);
    const other = generateDemoData(7);
    expect(other.steps).not.toEqual(plan.steps);
    expect(generateDemoData(7)).toEqual(other);
  });

  it('uses no clock or Math.random', () => {
    const random = jest.spyOn(Math, 'random');
    const now = jest.spyOn(Date, 'now');
    generateDemoData(3);
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    random.mockRestore();
    now.mockRestore();
  });

  it('covers 36 months ending with the month that ends on the fixed today (2026-10-31)', () => {
    expect(plan.today).toBe('2026-10-31');
    expect(plan.firstPeriod).toBe('2023-11');
    expect(plan.lastPeriod).toBe('2026-10');
  });

  it('registers at least 130 trusts across every region and kind, about 60% acute', () => {
    const summary = describeDemo(plan);
    expect(summary.trusts).toBeGreaterThanOrEqual(130);
    for (const region of REGIONS) expect(summary.trustsByRegion[region as keyof typeof summary.trustsByRegion]).toBeGreaterThan(0);
    for (const kind of KINDS) expect(summary.trustsByKind[kind as keyof typeof summary.trustsByKind]).toBeGreaterThan(0);
    const acuteShare = summary.trustsByKind.ACUTE / summary.trusts;
    expect(acuteShare).toBeGreaterThan(0.55);
    expect(acuteShare).toBeLessThan(0.65);
    // Every region has acute trusts.
    for (const region of REGIONS) {
      expect(registrations.some((r) => r.data.context.region === region && r.data.context.kind === 'ACUTE')).toBe(true);
    }
  });

  it('gives trusts unique plausible names and 3-character Z codes that cannot clash with real NHS codes', () => {
    const codes = registrations.map((r) => r.data.code);
    const names = registrations.map((r) => r.data.name);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(names).size).toBe(names.length);
    for (const r of registrations) {
      expect(r.data.code).toMatch(/^Z[A-Z][0-9A-Z]$/);
      expect(r.data.name).toMatch(/NHS (Foundation )?Trust$/);
      if (r.data.context.kind === 'MENTAL_HEALTH') expect(r.data.name).toMatch(/Mental Health|Partnership/);
      if (r.data.context.kind === 'AMBULANCE') expect(r.data.name).toMatch(/Ambulance Service/);
      if (r.data.context.kind === 'ACUTE') expect(r.data.name).toMatch(/Hospital|Healthcare/);
    }
  });

  it('gives every trust a plausible context', () => {
    for (const { data } of registrations) {
      const c = data.context;
      expect(c.deprivation).toBeGreaterThanOrEqual(5);
      expect(c.deprivation).toBeLessThanOrEqual(45);
      expect([1, 2, 3, 4]).toContain(c.oversightSegment);
      expect(['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE']).toContain(c.cqcRating);
      expect(c.catchmentPopulation).toBeGreaterThan(100_000);
      if (c.kind === 'ACUTE') {
        expect(c.beds).toBeGreaterThanOrEqual(300);
        expect(c.aeAttendances).toBeGreaterThan(30_000);
      } else {
        expect(c.aeAttendances).toBeUndefined();
      }
      expect(data.effectiveFrom <= `${plan.firstPeriod}-01`).toBe(true);
    }
  });

  it('changes the context of a few trusts later, each a real change after registration', () => {
    const updates = stepsOf(plan, 'UpdateTrustContext');
    expect(updates.length).toBeGreaterThanOrEqual(5);
    for (const u of updates) {
      const registered = registrations.find((r) => r.data.code === u.data.code)!;
      expect(u.data.effectiveFrom > registered.data.effectiveFrom).toBe(true);
      expect(u.data.effectiveFrom <= plan.today).toBe(true);
      expect(u.data.context).not.toEqual(registered.data.context);
      expect(u.data.reason).toBeTruthy();
    }
    expect(updates.some((u) => u.data.reason?.includes('Oversight Framework'))).toBe(true);
  });

  it('records >= 36 months of ae-4hr, bed-occupancy and sickness-absence for every acute trust', () => {
    for (const { data } of registrations) {
      const metrics = data.context.kind === 'ACUTE' ? ['ae-4hr', 'bed-occupancy', 'sickness-absence'] : ['sickness-absence', 'staff-engagement'];
      for (const metric of metrics) expect(seriesOf(data.code, metric).length).toBeGreaterThanOrEqual(36);
    }
  });

  it('keeps every observation in range, ordered by period, with no duplicate periods', () => {
    const problems: string[] = [];
    for (const { data } of recordings) {
      const [min, max] = (RANGES[data.metric] ?? RANGES[data.metric.startsWith('local-') ? 'local-' : data.metric])!;
      const periods = data.observations.map((o) => o.period);
      if (new Set(periods).size !== periods.length) problems.push(`${data.trustCode} ${data.metric}: duplicate periods`);
      if ([...periods].sort().join() !== periods.join()) problems.push(`${data.trustCode} ${data.metric}: not ordered`);
      for (const o of data.observations) {
        const where = `${data.trustCode} ${data.metric} ${o.period}`;
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.period)) problems.push(`${where}: bad period`);
        if (o.period < plan.firstPeriod || o.period > plan.lastPeriod) problems.push(`${where}: outside the plan`);
        if (!Number.isFinite(o.value) || o.value < min || o.value > max) problems.push(`${where}: ${o.value} out of range`);
        if (Math.round(o.value * 100) / 100 !== o.value) problems.push(`${where}: ${o.value} not rounded`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives ae-4hr attendances and within-4-hour counts that match the value', () => {
    const problems: string[] = [];
    for (const { data } of recordings.filter((r) => r.data.metric === 'ae-4hr')) {
      for (const o of data.observations) {
        const { numerator: n, denominator: d } = o;
        if (!Number.isInteger(n) || !Number.isInteger(d) || n! > d! || d! <= 0) {
          problems.push(`${data.trustCode} ${o.period}: counts ${n}/${d}`);
        } else if (Math.abs(o.value - (100 * n!) / d!) > 0.005 + 1e-9) {
          problems.push(`${data.trustCode} ${o.period}: ${o.value} != 100*${n}/${d}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows realistic levels and a winter dip in 4-hour performance', () => {
    const all = recordings.filter((r) => r.data.metric === 'ae-4hr').flatMap((r) => r.data.observations);
    const national = mean(all.map((o) => o.value));
    expect(national).toBeGreaterThan(65);
    expect(national).toBeLessThan(85);
    const winter = mean(all.filter((o) => ['12', '01'].includes(o.period.slice(5))).map((o) => o.value));
    const summer = mean(all.filter((o) => ['05', '06'].includes(o.period.slice(5))).map((o) => o.value));
    expect(summer - winter).toBeGreaterThan(1.5);
    const occupancy = mean(recordings.filter((r) => r.data.metric === 'bed-occupancy').flatMap((r) => r.data.observations.map((o) => o.value)));
    expect(occupancy).toBeGreaterThan(85);
    expect(occupancy).toBeLessThan(98);
  });

  it('has at least 70 interventions in every category with deterministic v4 ids and full lifecycles', () => {
    const proposals = stepsOf(plan, 'ProposeIntervention');
    expect(proposals.length).toBeGreaterThanOrEqual(70);
    const ids = proposals.map((p) => p.data.interventionId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    for (const category of CATEGORIES) expect(proposals.some((p) => p.data.category === category)).toBe(true);
    for (const p of proposals) {
      expect(p.data.title.length).toBeGreaterThan(10);
      expect(p.data.summary).not.toContain('{');
      expect(p.data.rootCause).toBeTruthy();
      expect(['QUICK_FIX', 'SYSTEMIC']).toContain(p.data.approach);
      expect(['PRIVATE', 'TRUSTS', 'PUBLIC']).toContain(p.data.sharing);
      expect(p.data.targets.length).toBeGreaterThan(0);
      expect(registrations.some((r) => r.data.code === p.data.trustCode)).toBe(true);
    }
    const s = describeDemo(plan).interventionsByStatus;
    expect(s.PROPOSED).toBeGreaterThan(0);
    expect(s.ACTIVE).toBeGreaterThan(0);
    expect(s.COMPLETED).toBeGreaterThan(0);
    expect(s.ABANDONED).toBeGreaterThan(0);
    for (const a of stepsOf(plan, 'AbandonIntervention')) expect(a.data.reason.length).toBeGreaterThan(10);
  });

  it('orders each lifecycle legally: propose, start, 1-5 dated PDSA cycles, then complete or abandon', () => {
    const byId = new Map<string, string[]>();
    const started = new Map<string, string>();
    for (const step of plan.steps) {
      if (!('interventionId' in step.data)) continue;
      const id = step.data.interventionId;
      if (id === undefined) continue; // a lesson about a trust's work in general names none
      const seq = byId.get(id) ?? [];
      seq.push(step.type);
      byId.set(id, seq);
      if (step.type === 'StartIntervention') started.set(id, step.data.startedOn);
      if (step.type === 'LogPdsaCycle') {
        const cycle = step.data.cycle;
        expect(cycle.cycleDate >= started.get(id)!).toBe(true);
        expect(cycle.cycleDate <= plan.today).toBe(true);
        for (const text of [cycle.plan, cycle.do, cycle.study, cycle.act]) {
          expect(text.length).toBeGreaterThan(10);
          expect(text).not.toContain('{');
        }
      }
      if (step.type === 'CompleteIntervention') expect(step.data.completedOn >= started.get(id)!).toBe(true);
      if (step.type === 'AbandonIntervention') expect(step.data.abandonedOn >= started.get(id)!).toBe(true);
    }
    for (const seq of byId.values()) {
      expect(seq[0]).toBe('ProposeIntervention');
      if (seq.length === 1) continue;
      expect(seq[1]).toBe('StartIntervention');
      const cycles = seq.filter((t) => t === 'LogPdsaCycle').length;
      expect(cycles).toBeGreaterThanOrEqual(1);
      expect(cycles).toBeLessThanOrEqual(5);
      const last = seq[seq.length - 1];
      expect(['LogPdsaCycle', 'CompleteIntervention', 'AbandonIntervention']).toContain(last);
    }
  });

  it('starts every intervention at least 12 months after the first period', () => {
    const earliest = monthIndex(plan.firstPeriod) + DEMO_MIN_BASELINE_MONTHS;
    for (const s of stepsOf(plan, 'StartIntervention')) {
      expect(monthIndex(s.data.startedOn.slice(0, 7))).toBeGreaterThanOrEqual(earliest);
      expect(s.data.startedOn <= plan.today).toBe(true);
    }
  });

  it('exposes one expectation per started intervention: a third LASTING, a fifth FADING, the rest NONE', () => {
    const starts = stepsOf(plan, 'StartIntervention');
    expect(plan.expectations.map((e) => e.interventionId).sort()).toEqual(starts.map((s) => s.data.interventionId).sort());
    const count = (effect: string) => plan.expectations.filter((e) => e.effect === effect).length;
    expect(count('LASTING')).toBeGreaterThanOrEqual(1);
    expect(count('FADING')).toBeGreaterThanOrEqual(1);
    expect(count('NONE')).toBeGreaterThanOrEqual(1);
    expect(Math.abs(count('LASTING') - starts.length / 3)).toBeLessThanOrEqual(1);
    expect(Math.abs(count('FADING') - starts.length / 5)).toBeLessThanOrEqual(1);
    for (const e of plan.expectations) {
      const start = starts.find((s) => s.data.interventionId === e.interventionId)!;
      expect(e.startedOn).toBe(start.data.startedOn);
      const proposal = stepsOf(plan, 'ProposeIntervention').find((p) => p.data.interventionId === e.interventionId)!;
      expect(proposal.data.trustCode).toBe(e.trustCode);
      expect(proposal.data.targets[0]).toEqual({ metric: e.metric, direction: e.direction });
      expect(seriesOf(e.trustCode, e.metric).length).toBeGreaterThanOrEqual(36);
    }
    // No series carries the effect of two interventions.
    const keys = plan.expectations.map((e) => `${e.trustCode}|${e.metric}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('makes systemic changes last more often and quick fixes fade more often', () => {
    const share = (approach: string, effect: string) => {
      const of = plan.expectations.filter((e) => e.approach === approach);
      return of.filter((e) => e.effect === effect).length / of.length;
    };
    expect(share('SYSTEMIC', 'LASTING')).toBeGreaterThan(share('QUICK_FIX', 'LASTING'));
    expect(share('QUICK_FIX', 'FADING')).toBeGreaterThan(share('SYSTEMIC', 'FADING'));
  });

  it('writes lasting effects into the series: 1-3 months after the start, 2-4 SD, kept >= 12 months', () => {
    const lasting = plan.expectations.filter((e) => e.effect === 'LASTING');
    for (const e of lasting) {
      expect(monthIndex(plan.lastPeriod) - monthIndex(e.startedOn.slice(0, 7)) + 1).toBeGreaterThanOrEqual(14);
      expect(e.effectTo).toBe(plan.lastPeriod);
      const lag = monthIndex(e.effectFrom!) - monthIndex(e.startedOn.slice(0, 7));
      expect(lag).toBeGreaterThanOrEqual(1);
      expect(lag).toBeLessThanOrEqual(3);
      expect(Math.abs(e.shift) / e.noiseSd).toBeGreaterThanOrEqual(2 - 1e-3);
      expect(Math.abs(e.shift) / e.noiseSd).toBeLessThanOrEqual(4 + 1e-3);
      const obs = seriesOf(e.trustCode, e.metric);
      const startMonth = e.startedOn.slice(0, 7);
      const baseline = mean(obs.filter((o) => o.period < startMonth).map((o) => o.value));
      const after = mean(obs.filter((o) => o.period >= startMonth).map((o) => o.value));
      if (e.direction === 'INCREASE') expect(after).toBeGreaterThan(baseline + e.noiseSd);
      else expect(after).toBeLessThan(baseline - e.noiseSd);
    }
    expect(lasting.some((e) => e.direction === 'INCREASE')).toBe(true);
  });

  it('writes fading effects: an improvement for 3-6 months, then back to baseline', () => {
    const fading = plan.expectations.filter((e) => e.effect === 'FADING');
    for (const e of fading) {
      const months = monthIndex(e.effectTo!) - monthIndex(e.effectFrom!) + 1;
      expect(months).toBeGreaterThanOrEqual(3);
      expect(months).toBeLessThanOrEqual(6);
      expect(e.effectTo! < plan.lastPeriod).toBe(true);
      const obs = seriesOf(e.trustCode, e.metric);
      const startMonth = e.startedOn.slice(0, 7);
      const baseline = mean(obs.filter((o) => o.period < startMonth).map((o) => o.value));
      const during = mean(obs.filter((o) => o.period >= e.effectFrom! && o.period <= e.effectTo!).map((o) => o.value));
      const afterwards = obs.filter((o) => o.period > e.effectTo!).map((o) => o.value);
      const sign = e.direction === 'INCREASE' ? 1 : -1;
      expect(sign * (during - baseline)).toBeGreaterThan(Math.abs(e.shift) / 2);
      expect(Math.abs(mean(afterwards) - baseline)).toBeLessThan(Math.abs(e.shift) / 2);
    }
  });

  it.each([1, 2, 3, 42, 2024])('holds its promises for seed %i too', (seed) => {
    const other = generateDemoData(seed);
    const summary = describeDemo(other);
    expect(summary.trusts).toBeGreaterThanOrEqual(130);
    expect(summary.interventions).toBeGreaterThanOrEqual(70);
    const obsOf = (e: { trustCode: string; metric: string }) =>
      stepsOf(other, 'RecordObservations').find((r) => r.data.trustCode === e.trustCode && r.data.metric === e.metric)!.data.observations;
    for (const e of other.expectations) {
      const obs = obsOf(e);
      const startMonth = e.startedOn.slice(0, 7);
      expect(monthIndex(startMonth) - monthIndex(other.firstPeriod)).toBeGreaterThanOrEqual(12);
      const baseline = mean(obs.filter((o) => o.period < startMonth).map((o) => o.value));
      const sign = e.direction === 'INCREASE' ? 1 : -1;
      if (e.effect === 'LASTING') {
        const after = mean(obs.filter((o) => o.period >= startMonth).map((o) => o.value));
        expect(sign * (after - baseline)).toBeGreaterThan(e.noiseSd);
        expect(e.monthsAfterStart).toBeGreaterThanOrEqual(14);
      }
      if (e.effect === 'FADING') {
        const during = mean(obs.filter((o) => o.period >= e.effectFrom! && o.period <= e.effectTo!).map((o) => o.value));
        const afterwards = mean(obs.filter((o) => o.period > e.effectTo!).map((o) => o.value));
        expect(sign * (during - baseline)).toBeGreaterThan(Math.abs(e.shift) / 2);
        expect(Math.abs(afterwards - baseline)).toBeLessThan(Math.abs(e.shift) / 2);
      }
    }
  });

  it('gives the same category in the same region similar effect sizes', () => {
    const groups = new Map<string, number[]>();
    for (const e of plan.expectations.filter((x) => x.effect !== 'NONE')) {
      const key = `${e.category}|${e.region}`;
      groups.set(key, [...(groups.get(key) ?? []), Math.abs(e.shift) / e.noiseSd]);
    }
    const shared = [...groups.values()].filter((g) => g.length >= 2);
    expect(shared.length).toBeGreaterThan(0);
    for (const g of shared) expect(Math.max(...g) - Math.min(...g)).toBeLessThan(1.6);
  });

  it('rebases a few series at a recorded period', () => {
    for (const r of stepsOf(plan, 'RebaseSeries')) {
      expect(seriesOf(r.data.trustCode, r.data.metric).some((o) => o.period === r.data.fromPeriod)).toBe(true);
      expect(r.data.reason.length).toBeGreaterThan(10);
    }
  });

  it('describes the plan with counts that match the steps', () => {
    const d = describeDemo(plan);
    expect(d.commands).toBe(plan.steps.length);
    expect(d.series).toBe(recordings.length);
    expect(d.observations).toBe(recordings.reduce((n, r) => n + r.data.observations.length, 0));
    expect(d.interventions).toBe(stepsOf(plan, 'ProposeIntervention').length);
    expect(d.expectedEffects.LASTING + d.expectedEffects.FADING + d.expectedEffects.NONE).toBe(plan.expectations.length);
  });

  it('uses demo codes that collide with no real trust code (checked against the ODS file when present)', () => {
    let root = __dirname;
    while (!fs.existsSync(path.join(root, 'turbo.json')) && path.dirname(root) !== root) root = path.dirname(root);
    const data = path.resolve(root, '../shared/data');
    const file = path.join(data, 'nhs-trusts-ods-2017.csv');
    const ae = path.join(data, 'ae-attendances-2016-2019.csv');
    // No NHS trust code starts with Z; with the real files at hand, check it.
    for (const r of registrations) expect(r.data.code.startsWith('Z')).toBe(true);
    if (!fs.existsSync(file) || !fs.existsSync(ae)) {
      if (process.env.CI === 'true') throw new Error(`NHS open data missing in ${data} under CI`);
      return;
    }
    const real = new Set<string>();
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) real.add(line.split(',')[0]!);
    for (const line of fs.readFileSync(ae, 'utf8').split('\n').slice(1)) real.add((line.split(',')[1] ?? '').replace(/"/g, ''));
    for (const seed of [20161, 1, 2]) {
      for (const r of stepsOf(generateDemoData(seed), 'RegisterTrust')) expect(real.has(r.data.code)).toBe(false);
    }
  });
});
