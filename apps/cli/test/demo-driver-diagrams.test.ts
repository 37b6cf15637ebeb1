/**
 * The demo's driver diagrams (three trusts, one shared with trusts only and linking a PRIVATE
 * intervention, one revised), sent through the real deciders as the editors who issue them, with
 * the linked interventions loaded as the command side loads them.
 */
import { contextListNeedsOf, decideFromHistory, foldContext, foldEvents, streamIdFor, type LongviewCommand, type LongviewEvent } from '@longview/domain';
import { demoDriverDiagrams, generateDemoData } from '../src/demo';

describe('demo driver diagrams', () => {
  const plan = generateDemoData();
  const steps = demoDriverDiagrams(plan);

  it('is deterministic', () => {
    expect(demoDriverDiagrams(generateDemoData())).toEqual(steps);
  });

  it('is accepted by the deciders: PUBLIC and TRUSTS diagrams linked to the trusts’ own interventions, one revised', () => {
    const streams = new Map<string, LongviewEvent[]>();
    const decide = (command: LongviewCommand) => {
      const lists = contextListNeedsOf(command.type);
      // What the command side loads from other streams: single streams (a trust's local measures) and lists (linked interventions).
      const single = foldContext(command.type, command.data as Record<string, unknown>, undefined, (id) => streams.get(id) ?? []);
      const context = {
        ...single,
        ...Object.fromEntries(
          Object.entries(lists ?? {}).map(([key, need]) => [
            key,
            need.streamIds(command.data, undefined).map((id) => foldEvents(need.decider, need.decider.initialState(), streams.get(id) ?? [])),
          ]),
        ),
      };
      const stream = streamIdFor(command);
      const events = decideFromHistory(lists || single ? ({ ...command, context } as LongviewCommand) : command, streams.get(stream) ?? []);
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
      decide({ type: step.type, data: step.data, metadata: { commandId: `d-${i}`, actor, now } } as LongviewCommand),
    );
    expect(produced.map((e) => e.type)).toEqual(['DriverDiagramDefined', 'DriverDiagramDefined', 'DriverDiagramDefined', 'DriverDiagramRevised']);
    const defined = produced.flatMap((e) => (e.type === 'DriverDiagramDefined' ? [e.data] : []));
    expect(defined.map((d) => d.sharing)).toEqual(['PUBLIC', 'TRUSTS', 'PUBLIC']);
    expect(new Set(defined.map((d) => d.trustCode)).size).toBe(3);
    const linked = defined.flatMap((d) => d.primaryDrivers.flatMap((p) => p.secondaryDrivers.flatMap((s) => s.changeIdeas.flatMap((c) => c.interventionIds))));
    expect(linked.length).toBeGreaterThanOrEqual(6);
    const privateIds = new Set(plan.steps.flatMap((s) => (s.type === 'ProposeIntervention' && s.data.sharing === 'PRIVATE' ? [s.data.interventionId] : [])));
    expect(linked.some((id) => privateIds.has(id))).toBe(true);
    for (const d of defined) expect(d.aim).toMatch(/ by March 2027/);
  });
});
