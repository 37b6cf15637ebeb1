import type { ProjectedEvent } from '../runner/projection';

/** A stretch of a batch: consecutive events a projection applies together, or ones it applies one at a time. */
export interface EventRun {
  readonly together: boolean;
  readonly events: readonly ProjectedEvent[];
}

/**
 * The batch cut into maximal runs of consecutive events that `together` accepts, and runs of the
 * others, in order: a projection folds each accepted run in a few statements and applies the
 * rest event by event, so the order of events that do not commute is kept.
 */
export function runsOf(events: readonly ProjectedEvent[], together: (projected: ProjectedEvent) => boolean): EventRun[] {
  const runs: { together: boolean; events: ProjectedEvent[] }[] = [];
  for (const projected of events) {
    const accepted = together(projected);
    const last = runs[runs.length - 1];
    if (last && last.together === accepted) last.events.push(projected);
    else runs.push({ together: accepted, events: [projected] });
  }
  return runs;
}

/**
 * The values of a map in the order of their keys (code unit order, the same in every process):
 * rows written in this order are locked in this order, so two transactions that write some of
 * the same rows cannot each wait on the other.
 */
export function inKeyOrder<V>(byKey: ReadonlyMap<string, V>): V[] {
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}
