/**
 * The demo plan and an A&E import plan, sent through the domain's real deciders (pure, in
 * memory): every command must be accepted and produce events. Catches plans the command
 * side would reject (out-of-range values, illegal lifecycle orders, dates before a start...).
 */
import { type LongviewCommand, type LongviewEvent, decideFromHistory, foldContext, streamIdFor } from '@longview/domain';
import { generateDemoData } from '../src/demo';
import { type AeImportCommand, planAeImport } from '../src/import';

type Step = { readonly type: LongviewCommand['type']; readonly data: unknown };

function runThroughDeciders(steps: readonly Step[], now: string, streams = new Map<string, LongviewEvent[]>()) {
  const failures: string[] = [];
  let events = 0;
  steps.forEach((step, i) => {
    const bare = { type: step.type, data: step.data, metadata: { commandId: `cmd-${i}`, actor: { id: 'demo', role: 'SYSTEM' }, now } } as LongviewCommand;
    const stream = streamIdFor(bare);
    const history = streams.get(stream) ?? [];
    // What the command side loads from other streams (e.g. a trust's local measures), as it would.
    const context = foldContext(step.type, step.data as Record<string, unknown>, undefined, (id) => streams.get(id) ?? []);
    const command = (context ? { ...bare, context } : bare) as LongviewCommand;
    try {
      const produced = decideFromHistory(command, history);
      if (produced.length === 0) failures.push(`#${i} ${step.type} on ${stream}: no events`);
      streams.set(stream, [...history, ...produced]);
      events += produced.length;
    } catch (e) {
      failures.push(`#${i} ${step.type} on ${stream}: ${(e as Error).message}`);
    }
  });
  return { failures, events, streams };
}

describe('demo plan through the domain deciders', () => {
  it('is accepted command by command, on the demo date', () => {
    const plan = generateDemoData();
    const { failures, events } = runThroughDeciders(plan.steps, `${plan.today}T23:00:00.000Z`);
    expect(failures).toEqual([]);
    expect(events).toBe(plan.steps.length);
  });

  it('is accepted for another seed too', () => {
    const plan = generateDemoData(42);
    expect(runThroughDeciders(plan.steps, `${plan.today}T23:00:00.000Z`).failures).toEqual([]);
  });
});

describe('A&E import plan through the domain deciders', () => {
  it('registers, records, then corrects, and a replay of the same plan is refused as already recorded', () => {
    const series = [
      {
        trustCode: 'RA1',
        observations: [
          { period: '2018-01', value: 90, numerator: 900, denominator: 1000 },
          { period: '2018-02', value: 80, numerator: 800, denominator: 1000 },
        ],
      },
    ];
    const ods = new Map([['RA1', { name: 'Aldwych Hospitals NHS Trust', region: 'LONDON' as const }]]);
    const first = planAeImport(series, { isTrustKnown: () => false, existingObservations: () => undefined, ods });
    const run = runThroughDeciders(first.commands, '2019-04-10T09:00:00.000Z');
    expect(run.failures).toEqual([]);
    const correction = planAeImport([{ trustCode: 'RA1', observations: [{ period: '2018-01', value: 91, numerator: 910, denominator: 1000 }] }], {
      isTrustKnown: () => true,
      existingObservations: () => new Map([['2018-01', 90]]),
    });
    expect(correction.commands.map((c: AeImportCommand) => c.type)).toEqual(['CorrectObservation']);
    expect(runThroughDeciders(correction.commands, '2019-04-10T09:00:00.000Z', run.streams).failures).toEqual([]);
    // Sending the first plan again (instead of re-planning) would be refused: re-planning is what makes it idempotent.
    expect(runThroughDeciders(first.commands, '2019-04-10T09:00:00.000Z', run.streams).failures).toHaveLength(2);
  });
});
