/**
 * The demo's lessons and comments (lessons on faded and lasting interventions, one shared with
 * trusts only, endorsements, one comment hidden by an admin), sent through the real deciders as
 * the people who issue them, with each command's intervention context as the command side loads it.
 */
import { contextNeedsOf, decideFromHistory, foldEvents, streamIdFor, type LongviewCommand, type LongviewEvent } from '@longview/domain';
import { demoLessons, generateDemoData } from '../src/demo';

describe('demo lessons and comments', () => {
  const plan = generateDemoData();
  const steps = demoLessons(plan);

  it('is deterministic', () => {
    expect(demoLessons(generateDemoData())).toEqual(steps);
  });

  it('is accepted by the deciders: lessons on faded interventions too, one TRUSTS-only, endorsed, one comment hidden', () => {
    // The interventions' streams as the demo plan builds them (the loader's commands, decided in order).
    const streams = new Map<string, LongviewEvent[]>();
    const decide = (command: LongviewCommand, own: unknown) => {
      const needs = contextNeedsOf(command.type);
      const context = Object.fromEntries(
        Object.entries(needs ?? {}).map(([key, need]) => {
          const id = need.streamId(command.data, own);
          return [key, foldEvents(need.decider, need.decider.initialState(), id ? (streams.get(id) ?? []) : [])];
        }),
      );
      const stream = streamIdFor(command);
      const events = decideFromHistory(needs ? ({ ...command, context } as LongviewCommand) : command, streams.get(stream) ?? []);
      streams.set(stream, [...(streams.get(stream) ?? []), ...events]);
      return events;
    };
    const system = { id: 'system', role: 'SYSTEM' as const };
    for (const [i, step] of plan.steps.entries()) {
      if (step.type === 'RegisterTrust' || step.type === 'DefineLocalMeasure' || step.type === 'ProposeIntervention' || step.type === 'ChangeSharing') {
        decide(
          { type: step.type, data: step.data, metadata: { commandId: `p-${i}`, actor: system, now: `${plan.today}T12:00:00.000Z` } } as LongviewCommand,
          undefined,
        );
      }
    }
    const produced: LongviewEvent[] = [];
    steps.forEach(({ actor, step }, i) => {
      const command = { type: step.type, data: step.data, metadata: { commandId: `l-${i}`, actor, now: `${plan.today}T12:00:00.000Z` } } as LongviewCommand;
      const own = foldOwn(command, streams);
      produced.push(...decide(command, own));
    });
    const types = produced.map((e) => e.type);
    expect(types.filter((t) => t === 'LessonShared')).toHaveLength(4);
    expect(types.filter((t) => t === 'LessonEndorsed').length).toBeGreaterThanOrEqual(3);
    expect(types.filter((t) => t === 'CommentPosted')).toHaveLength(2);
    expect(types.filter((t) => t === 'CommentHidden')).toHaveLength(1);
    const lessons = produced.flatMap((e) => (e.type === 'LessonShared' ? [e.data] : []));
    expect(lessons.filter((l) => l.sharing === 'TRUSTS')).toHaveLength(1);
    const faded = new Set(plan.expectations.filter((e) => e.effect === 'FADING').map((e) => e.interventionId));
    expect(lessons.filter((l) => l.interventionId && faded.has(l.interventionId))).toHaveLength(2);
  });
});

function foldOwn(command: LongviewCommand, streams: Map<string, LongviewEvent[]>): unknown {
  const history = streams.get(streamIdFor(command)) ?? [];
  const last = history.find((e) => e.type === 'LessonShared' || e.type === 'CommentPosted');
  return last && 'interventionId' in last.data ? { interventionId: last.data.interventionId } : undefined;
}
