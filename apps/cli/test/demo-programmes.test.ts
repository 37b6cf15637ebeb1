/**
 * The demo's programme (a regional patient-flow collaborative coordinated by the demo
 * policymaker), sent through the real deciders as the people who issue it, with each command's
 * context (the joining trust, the linked intervention) as the command side loads it.
 */
import { contextNeedsOf, decideFromHistory, foldEvents, streamIdFor, type LongviewCommand, type LongviewEvent } from '@longview/domain';
import { DEMO_PROGRAMME_COORDINATOR, demoProgrammes, generateDemoData } from '../src/demo';

describe('demo programme', () => {
  const plan = generateDemoData();
  const steps = demoProgrammes(plan);

  it('is deterministic', () => {
    expect(demoProgrammes(generateDemoData())).toEqual(steps);
  });

  it('is accepted by the deciders: several member trusts, interventions with lasting and fading effects linked', () => {
    const streams = new Map<string, LongviewEvent[]>();
    const decide = (command: LongviewCommand) => {
      const needs = contextNeedsOf(command.type);
      const context = Object.fromEntries(
        Object.entries(needs ?? {}).map(([key, need]) => {
          const id = need.streamId(command.data, undefined);
          return [key, foldEvents(need.decider, need.decider.initialState(), id ? (streams.get(id) ?? []) : [])];
        }),
      );
      const stream = streamIdFor(command);
      const events = decideFromHistory(needs ? ({ ...command, context } as LongviewCommand) : command, streams.get(stream) ?? []);
      streams.set(stream, [...(streams.get(stream) ?? []), ...events]);
      return events;
    };
    const system = { id: 'system', role: 'SYSTEM' as const };
    const now = `${plan.today}T12:00:00.000Z`;
    for (const [i, step] of plan.steps.entries()) {
      if (step.type === 'RegisterTrust' || step.type === 'DefineLocalMeasure' || step.type === 'ProposeIntervention' || step.type === 'ChangeSharing') {
        decide({ type: step.type, data: step.data, metadata: { commandId: `p-${i}`, actor: system, now } } as LongviewCommand);
      }
    }
    const produced = steps.flatMap(({ actor, step }, i) =>
      decide({ type: step.type, data: step.data, metadata: { commandId: `g-${i}`, actor, now } } as LongviewCommand),
    );
    const created = produced.find((e) => e.type === 'ProgrammeCreated');
    expect(created?.data).toMatchObject({ category: 'PATIENT_FLOW', coordinator: { id: DEMO_PROGRAMME_COORDINATOR.id, role: 'POLICYMAKER' } });
    expect((created?.data as { name: string }).name).toMatch(/patient-flow collaborative$/);
    const members = produced.filter((e) => e.type === 'TrustJoinedProgramme');
    expect(members.length).toBeGreaterThanOrEqual(3);
    const linked = produced.flatMap((e) => (e.type === 'InterventionLinkedToProgramme' ? [e.data.interventionId] : []));
    const effects = new Set(plan.expectations.filter((e) => linked.includes(e.interventionId)).map((e) => e.effect));
    expect(effects).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...effects]).toEqual(expect.arrayContaining(['LASTING', 'FADING']));
    expect(linked.length).toBeGreaterThanOrEqual(4);
  });
});
