import { contextListNeedsOf, deciderFor, foldContext, foldEvents, streamIdFor, type Actor, type LongviewCommand, type LongviewEvent } from '@longview/domain';
import type { DemoPersonStep, DemoPlan, DemoStep } from '../src/demo';

/** A command's type and data, as plans hold them (the demo plan's steps, an import plan's commands). */
export type PlannedStep = { readonly type: LongviewCommand['type']; readonly data: unknown };

/**
 * Commands decided in memory the way the command side decides them (ExecuteDomainCommandHandler
 * in apps/command-service), for pure tests of what it would accept. Each command is decided
 * against its own stream's history, with the context the domain declares for it folded from the
 * streams decided so far: single streams through foldContext (a trust's local measures, an
 * adoption's source, a lesson's intervention), lists through contextListNeedsOf (a driver
 * diagram's linked interventions). As on the command side, the command's own stream, folded, is
 * what a context need may read its stream from (an endorsement names only the lesson, whose
 * stream recorded the intervention), and a command without needs gets no context at all.
 */
export class InMemoryCommandSide {
  private readonly streams = new Map<string, readonly LongviewEvent[]>();

  /** The events decided so far on `streamId` (none for a stream never written). */
  readonly historyOf = (streamId: string): readonly LongviewEvent[] => this.streams.get(streamId) ?? [];

  /** Decides `command` and appends what it decided to its stream. Throws what the decider throws, appending nothing. */
  decide(command: LongviewCommand): readonly LongviewEvent[] {
    const streamId = streamIdFor(command);
    const history = this.historyOf(streamId);
    const decider = deciderFor(command.type);
    const state = foldEvents(decider, decider.initialState(), history);
    const context = this.contextOf(command, state);
    const events = decider.decide(context ? ({ ...command, context } as LongviewCommand) : command, state);
    this.streams.set(streamId, [...history, ...events]);
    return events;
  }

  /** Each of `steps` decided in order as `actor` at `now`, with command ids `<idPrefix>-<index>`: the events of all. */
  decideAs(actor: Actor, steps: readonly PlannedStep[], options: { now: string; idPrefix: string }): LongviewEvent[] {
    return steps.flatMap((step, i) => this.decide(commandOf(step, actor, options.now, `${options.idPrefix}-${i}`)));
  }

  /** Each step decided in order as the person who issues it, at `now`, with command ids `<idPrefix>-<index>`: the events of all. */
  decideAsTheirPeople(steps: readonly { readonly actor: Actor; readonly step: PlannedStep }[], options: { now: string; idPrefix: string }): LongviewEvent[] {
    return steps.flatMap(({ actor, step }, i) => this.decide(commandOf(step, actor, options.now, `${options.idPrefix}-${i}`)));
  }

  private contextOf(command: LongviewCommand, own: unknown): Record<string, unknown> | undefined {
    const data = command.data as Readonly<Record<string, unknown>>;
    const single = foldContext(command.type, data, own, this.historyOf);
    const lists = contextListNeedsOf(command.type);
    if (!single && !lists) return undefined;
    const context: Record<string, unknown> = { ...single };
    for (const [key, need] of Object.entries(lists ?? {})) {
      context[key] = need.streamIds(data, own).map((id) => foldEvents(need.decider, need.decider.initialState(), this.historyOf(id)));
    }
    return context;
  }
}

/** The command a planned step is when `actor` issues it at `now`. */
export function commandOf(step: PlannedStep, actor: Actor, now: string, commandId: string): LongviewCommand {
  return { type: step.type, data: step.data, metadata: { commandId, actor, now } } as LongviewCommand;
}

/**
 * The steps of one of the demo's people-made features (lessons, programmes, adoptions, ...) decided
 * as the person who issues each, at noon on the plan's today, on a command side that has first
 * decided the plan's own steps of the `loaded` types as `loader` (by default SYSTEM), so that the
 * trusts and interventions they name exist: the events the people's steps decided, in order.
 */
export function decideDemoPeopleSteps(
  plan: DemoPlan,
  steps: readonly DemoPersonStep[],
  options: { loaded: readonly DemoStep['type'][]; loader?: Actor; idPrefix: string },
): LongviewEvent[] {
  const commandSide = new InMemoryCommandSide();
  const now = `${plan.today}T12:00:00.000Z`;
  const loaded = plan.steps.filter((step) => options.loaded.includes(step.type));
  commandSide.decideAs(options.loader ?? { id: 'system', role: 'SYSTEM' }, loaded, { now, idPrefix: 'p' });
  return commandSide.decideAsTheirPeople(steps, { now, idPrefix: options.idPrefix });
}
