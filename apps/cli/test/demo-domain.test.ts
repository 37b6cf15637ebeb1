/**
 * The demo plan and an A&E import plan, sent through the domain's real deciders (pure, in
 * memory): every command must be accepted and produce events. Catches plans the command
 * side would reject (out-of-range values, illegal lifecycle orders, dates before a start...).
 */
import { streamIdFor } from '@longview/domain';
import { generateDemoData } from '../src/demo';
import { type AeImportCommand, planAeImport } from '../src/import';
import { commandOf, InMemoryCommandSide, type PlannedStep } from './decider-support';

/** Each step decided in turn, a failure noted (and the next decided) rather than thrown: every refusal is listed. */
function runThroughDeciders(steps: readonly PlannedStep[], now: string, commandSide = new InMemoryCommandSide()) {
  const failures: string[] = [];
  let events = 0;
  steps.forEach((step, i) => {
    const command = commandOf(step, { id: 'demo', role: 'SYSTEM' }, now, `cmd-${i}`);
    const stream = streamIdFor(command);
    try {
      const produced = commandSide.decide(command);
      if (produced.length === 0) failures.push(`#${i} ${step.type} on ${stream}: no events`);
      events += produced.length;
    } catch (e) {
      failures.push(`#${i} ${step.type} on ${stream}: ${(e as Error).message}`);
    }
  });
  return { failures, events, commandSide };
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
    expect(runThroughDeciders(correction.commands, '2019-04-10T09:00:00.000Z', run.commandSide).failures).toEqual([]);
    // Sending the first plan again (instead of re-planning) would be refused: re-planning is what makes it idempotent.
    expect(runThroughDeciders(first.commands, '2019-04-10T09:00:00.000Z', run.commandSide).failures).toHaveLength(2);
  });
});
