import { activityDigestConsumer } from './activity-digest/activity-digest.consumer';
import type { ConsumerFactory, EventConsumer } from './event-consumer';

/**
 * Every consumer of the log that is not a read model, one line each (order does not matter:
 * each has its own checkpoints). A factory returns undefined when its configuration is absent.
 */
export const CONSUMERS: readonly ConsumerFactory[] = [activityDigestConsumer];

/** The consumers configured in `env`. */
export function enabledConsumers(env: NodeJS.ProcessEnv = process.env): EventConsumer[] {
  return CONSUMERS.map((create) => create(env)).filter((c): c is EventConsumer => c !== undefined);
}
