import type { LongviewEvent } from '@longview/domain';
import type { ProjectedEvent } from '../runner/projection';

/**
 * Work driven by the event log that is not a read model: an outgoing webhook, an email digest, a
 * search index. A consumer has its own per-stream checkpoints (consumer_stream_checkpoints) and
 * its own parked events (consumer_parked), so it never holds back the read models and they never
 * hold it back. It runs the same way in both modes: behind its own embedded log follower, or as
 * its own Kafka consumer group (`<query-service group>.<name>`).
 *
 * Delivery is AT LEAST ONCE: a crash between `handle` and the checkpoint, a retry, or a rebalance
 * hands the same event again, so the effect must be idempotent by `eventId` (e.g. send it as an
 * idempotency key). Each stream's events arrive in order; streams interleave in any order.
 */
export interface EventConsumer {
  /** Unique, lower-kebab: names its checkpoints, its parked events and its Kafka consumer group. */
  readonly name: string;
  /** The event types it is given; the others only move its checkpoint. All when omitted. */
  readonly types?: readonly LongviewEvent['type'][];
  /**
   * Handles events in log order (per stream). Resolve = done (the checkpoint moves). Throw a
   * `TransientConsumerError` for "try again later" (retried with backoff, nothing parked); any
   * other error is permanent: the runner finds the event that fails alone and parks it, with its
   * stream waiting behind it, until `longview parked --retry`.
   */
  handle(events: readonly ProjectedEvent[]): Promise<void>;
}

/** A failure worth retrying (the far end is down, a timeout, HTTP 429/5xx). */
export class TransientConsumerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransientConsumerError';
  }
}

/** Builds a consumer from the environment, or undefined when it is not configured (switched off). */
export type ConsumerFactory = (env: NodeJS.ProcessEnv) => EventConsumer | undefined;

export interface RetryPolicy {
  /** Attempts of one delivery before the batch is given back to the feed (which tries it again later). */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 5000 };
