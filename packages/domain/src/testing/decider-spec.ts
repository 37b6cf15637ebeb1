import type { Command, Decider, DomainEvent } from '../shared';

/**
 * Given/when/then specifications for deciders, independent of any test runner (it throws a
 * plain Error on failure, so jest, node:test or vitest all report it):
 *
 *   const spec = DeciderSpecification.for(interventionDecider);
 *   spec.given([proposed]).when(start).then([started]);
 *   spec.given([]).when(start).thenThrows(InterventionNotFoundError);
 *
 * `given` events are folded with `evolve`, so a spec exercises evolve and decide together and
 * asserts only on the events decided, never on internal state.
 */
export class DeciderSpecification<C extends Command, E extends DomainEvent, S> {
  private constructor(private readonly decider: Decider<C, E, S>) {}

  static for<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>): DeciderSpecification<C, E, S> {
    return new DeciderSpecification(decider);
  }

  given(events: readonly E[] = []): { when: (command: C) => DeciderOutcome<E> } {
    return {
      when: (command: C) => {
        const state = events.reduce(this.decider.evolve, this.decider.initialState());
        try {
          return new DeciderOutcome<E>({ events: this.decider.decide(command, state) });
        } catch (error) {
          return new DeciderOutcome<E>({ error });
        }
      },
    };
  }
}

type Outcome<E> = { readonly events: readonly E[] } | { readonly error: unknown };

/** A constructor, possibly of an abstract class such as `NotFoundError`. */
export type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

export class DeciderOutcome<E> {
  constructor(private readonly outcome: Outcome<E>) {}

  /** The decided events must equal `expected` exactly (order, fields, and no extra `undefined` keys). */
  then(expected: readonly E[]): void {
    const events = this.eventsOrFail(expected);
    const difference = firstDifference(expected, events, 'events');
    if (difference !== undefined) {
      throw new Error(`Decided events differ at ${difference}.\nExpected: ${pretty(expected)}\nReceived: ${pretty(events)}`);
    }
  }

  /** The command is accepted and changes nothing (an idempotent no-op). */
  thenNothingHappens(): void {
    this.then([]);
  }

  /** Decide must throw an instance of `errorClass` that satisfies `predicate`; returns the error for further checks. */
  thenThrows<T extends Error>(errorClass: ErrorClass<T>, predicate?: (error: T) => boolean): T {
    if ('events' in this.outcome) {
      throw new Error(`Expected decide to throw ${errorClass.name}, but it decided: ${pretty(this.outcome.events)}`);
    }
    const { error } = this.outcome;
    if (!(error instanceof errorClass)) {
      throw new Error(`Expected decide to throw ${errorClass.name}, but it threw: ${describe(error)}`);
    }
    if (predicate && !predicate(error)) {
      throw new Error(`${errorClass.name} was thrown but did not satisfy the predicate: ${describe(error)}`);
    }
    return error;
  }

  private eventsOrFail(expected: readonly E[]): readonly E[] {
    if ('error' in this.outcome) {
      throw new Error(`Expected events ${pretty(expected)}, but decide threw: ${describe(this.outcome.error)}`);
    }
    return this.outcome.events;
  }
}

/** The path of the first difference between two plain-data values, or undefined when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, at = '$'): string | undefined {
  if (Object.is(expected, actual)) return undefined;
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null) return at;
  if (Array.isArray(expected) !== Array.isArray(actual)) return at;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${at}.length`;
    for (let index = 0; index < expected.length; index++) {
      const difference = firstDifference(expected[index], actual[index], `${at}.${index}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  const expectedRecord = expected as Record<string, unknown>;
  const actualRecord = actual as Record<string, unknown>;
  const keys = new Set([...Object.keys(expectedRecord), ...Object.keys(actualRecord)]);
  for (const key of [...keys].sort()) {
    if (!(key in expectedRecord) || !(key in actualRecord)) return `${at}.${key}`;
    const difference = firstDifference(expectedRecord[key], actualRecord[key], `${at}.${key}`);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`;
  }
  return String(error);
}
