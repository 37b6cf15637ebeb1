import { createHash } from 'node:crypto';
import type { LongviewEvent, LongviewEventType } from '@longview/domain';
import type { ProjectedEvent } from '../../runner/projection';
import { TransientConsumerError, type ConsumerFactory, type EventConsumer } from '../event-consumer';

/** One digest as the webhook receives it (POST, JSON). */
export interface ActivityDigest {
  /** Stable for the same events: the receiver drops a digest it has already seen (also sent as Idempotency-Key). */
  readonly digestId: string;
  readonly trustCode: string;
  readonly events: readonly ActivityDigestItem[];
}

export interface ActivityDigestItem {
  /** Idempotency is by event id: after a crash or a retry an event can come again, in another digest. */
  readonly eventId: string;
  readonly type: LongviewEventType;
  readonly streamId: string;
  readonly position: string;
  readonly occurredAt: string;
  readonly summary: string;
}

export interface ActivityDigestOptions {
  readonly webhookUrl: string;
  /** Per request (default 10 s). */
  readonly timeoutMs?: number;
}

const TYPES: readonly LongviewEventType[] = [
  'TrustRegistered',
  'TrustContextChanged',
  'InterventionProposed',
  'InterventionStarted',
  'PdsaCycleLogged',
  'InterventionCompleted',
  'InterventionAbandoned',
  'InterventionSharingChanged',
  'ObservationsRecorded',
  'ObservationCorrected',
  'SeriesRebased',
];

/**
 * The worked example of a consumer: groups each batch of events per trust and POSTs one digest per
 * trust to a webhook. Summaries name what happened, never titles or text, because a digest leaves
 * the platform and the event alone does not say who may see an intervention.
 * A 2xx is delivered; a network error, a timeout, 408, 429 or 5xx is retried with backoff; any
 * other answer is permanent (the event is parked; `longview parked --retry` sends it again).
 */
export class ActivityDigestConsumer implements EventConsumer {
  readonly name = 'activity-digest';
  readonly types = TYPES;

  constructor(private readonly options: ActivityDigestOptions) {}

  async handle(events: readonly ProjectedEvent[]): Promise<void> {
    for (const digest of digestsOf(events)) await this.deliver(digest);
  }

  private async deliver(digest: ActivityDigest): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': digest.digestId },
        body: JSON.stringify(digest),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new TransientConsumerError(`webhook unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const problem = `webhook answered ${response.status} for the digest of ${digest.trustCode}`;
    if (response.status === 408 || response.status === 429 || response.status >= 500) throw new TransientConsumerError(problem);
    throw new Error(problem);
  }
}

/** Switched on by LONGVIEW_DIGEST_WEBHOOK_URL (off when unset). */
export const activityDigestConsumer: ConsumerFactory = (env) => {
  const webhookUrl = env['LONGVIEW_DIGEST_WEBHOOK_URL'];
  return webhookUrl ? new ActivityDigestConsumer({ webhookUrl }) : undefined;
};

/** One digest per trust, events in log order; events that name no trust are left out. */
export function digestsOf(events: readonly ProjectedEvent[]): ActivityDigest[] {
  const byTrust = new Map<string, ActivityDigestItem[]>();
  for (const projected of events) {
    const trustCode = trustOf(projected);
    if (trustCode === undefined) continue;
    byTrust.set(trustCode, [
      ...(byTrust.get(trustCode) ?? []),
      {
        eventId: projected.eventId,
        type: projected.event.type,
        streamId: projected.streamId,
        position: projected.position.toString(),
        occurredAt: projected.metadata.occurredAt ?? projected.recordedAt,
        summary: summaryOf(projected.event),
      },
    ]);
  }
  return [...byTrust].map(([trustCode, items]) => ({
    digestId: createHash('sha256')
      .update(items.map((i) => i.eventId).join(','))
      .digest('hex')
      .slice(0, 32),
    trustCode,
    events: items,
  }));
}

function trustOf({ event, metadata }: ProjectedEvent): string | undefined {
  if ('code' in event.data) return event.data.code;
  if ('trustCode' in event.data) return event.data.trustCode;
  // Later intervention events carry only the intervention id; the command side records the trust.
  return typeof metadata.trustCode === 'string' ? metadata.trustCode : undefined;
}

function summaryOf(event: LongviewEvent): string {
  switch (event.type) {
    case 'TrustRegistered':
      return 'Trust registered';
    case 'TrustContextChanged':
      return `Context changed, effective ${event.data.effectiveFrom}`;
    case 'InterventionProposed':
      return `Intervention proposed (${event.data.category})`;
    case 'InterventionStarted':
      return `Intervention started on ${event.data.startedOn}`;
    case 'PdsaCycleLogged':
      return `PDSA cycle ${event.data.cycleNumber} logged`;
    case 'InterventionCompleted':
      return `Intervention completed on ${event.data.completedOn}`;
    case 'InterventionAbandoned':
      return `Intervention abandoned on ${event.data.abandonedOn}`;
    case 'InterventionSharingChanged':
      return `Sharing changed to ${event.data.to}`;
    case 'ObservationsRecorded':
      return `${event.data.observations.length} month(s) of ${event.data.metric} recorded`;
    case 'ObservationCorrected':
      return `${event.data.metric} for ${event.data.period} corrected`;
    case 'SeriesRebased':
      return `${event.data.metric} rebased from ${event.data.fromPeriod}`;
    default:
      // Not in TYPES (mentorship is private to its parties): never digested.
      return 'Activity';
  }
}
