import type { StreamWaitOutcome } from './stream-waiters';

/**
 * How far the read models are, as read-your-writes needs it. The HTTP layer depends on this (the
 * ProjectionRunner is bound to it), not on the runner: the runner's default projections come from
 * the registry, whose slices' routes use the read-your-writes interceptor.
 */
export abstract class ReadProgress {
  abstract readonly position: bigint;
  abstract waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
  abstract waitForStream(streamId: string, version: number, timeoutMs: number): Promise<StreamWaitOutcome>;
}
