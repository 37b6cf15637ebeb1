import type { StoredEvent } from '@longview/event-store';
import { checkpointKey } from './stream-checkpoint-store';

/** What to do with one event of a batch. */
export type GateDecision =
  | { readonly kind: 'skip' }
  | { readonly kind: 'park'; readonly reason: string }
  /** Apply it for `pending` owners (those that have not had it yet). */
  | { readonly kind: 'apply'; readonly pending: readonly string[] };

/**
 * The one apply rule of both feeds, per stream: an event is applied iff its version is the
 * stored version + 1 for every owner that has not had it; at or below the stored version it is a
 * redelivery (skipped); above it is a gap (parked); a stream with a parked event waits behind it
 * (later events are parked too, so the stream keeps its order while every other stream goes on).
 */
export class StreamGate {
  constructor(
    private readonly owners: readonly string[],
    private readonly versions: Map<string, number>,
    private readonly parkedFrom: Map<string, number>,
    /** "projection" or "consumer", for the parked record's error text. */
    private readonly ownerKind: 'projection' | 'consumer' = 'projection',
  ) {}

  decide(event: StoredEvent): GateDecision {
    const pending = this.owners.filter((owner) => event.streamVersion > this.versionOf(owner, event.streamId));
    if (pending.length === 0) return { kind: 'skip' };
    const blockedBy = this.parkedFrom.get(event.streamId);
    if (blockedBy !== undefined && blockedBy <= event.streamVersion) {
      // Covers a redelivery of a parked event too (recording it again is a no-op).
      return { kind: 'park', reason: blockedBy === event.streamVersion ? 'already parked' : `waiting behind parked version ${blockedBy} of ${event.streamId}` };
    }
    const gap = pending.find((owner) => event.streamVersion > this.versionOf(owner, event.streamId) + 1);
    if (gap !== undefined) {
      return {
        kind: 'park',
        reason: `gap: ${this.describe(gap)} has ${event.streamId} at version ${this.versionOf(gap, event.streamId)}, received version ${event.streamVersion}`,
      };
    }
    return { kind: 'apply', pending };
  }

  applied(event: StoredEvent, owners: readonly string[]): void {
    for (const owner of owners) this.versions.set(checkpointKey(owner, event.streamId), event.streamVersion);
  }

  parked(event: StoredEvent): void {
    const from = this.parkedFrom.get(event.streamId);
    if (from === undefined || event.streamVersion < from) this.parkedFrom.set(event.streamId, event.streamVersion);
  }

  /** The version of `streamId` every owner has applied (0 when one has none). */
  reached(streamId: string): number {
    return Math.min(...this.owners.map((owner) => this.versionOf(owner, streamId)));
  }

  /** Forgets a stream's parking (a retry re-applies its parked events). */
  unpark(streamId: string): void {
    this.parkedFrom.delete(streamId);
  }

  private versionOf(owner: string, stream: string): number {
    return this.versions.get(checkpointKey(owner, stream)) ?? 0;
  }

  private describe(owner: string): string {
    return `${this.ownerKind} ${owner}`;
  }
}
