import { testDatabases, type TestDatabase } from '../src/testing';
import type { NewEvent } from '../src';

/** A minimal valid event; `n` makes payloads distinguishable. */
export function anEvent(n: number, type = 'SomethingHappened'): NewEvent {
  return {
    type,
    schemaVersion: 1,
    data: { n },
    metadata: { occurredAt: '2024-05-01T12:00:00.000Z', actor: { id: 'user-1', role: 'TRUST_EDITOR', trustCode: 'RJ1' } },
  };
}

export function events(count: number, from = 1): NewEvent[] {
  return Array.from({ length: count }, (_, i) => anEvent(from + i));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves to true if `promise` is still pending after `ms`. */
export async function stillPendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const pending = Symbol('pending');
  const winner = await Promise.race([
    promise.then(
      () => 'settled',
      () => 'settled',
    ),
    sleep(ms).then(() => pending),
  ]);
  return winner === pending;
}

/** Every test database, with the store writing alone and with group commit (the same tests must pass both ways). */
export function storeVariants(): (TestDatabase & { groupCommit: boolean; label: string })[] {
  return testDatabases().flatMap((db) =>
    [false, true].map((groupCommit) => ({ ...db, groupCommit, label: `${db.name}${groupCommit ? ' with group commit' : ''}` })),
  );
}
