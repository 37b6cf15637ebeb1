import { EVENT_AGGREGATES, type AggregateName, type LongviewEventType } from '@longview/domain';

/**
 * Kafka topic and header names. One topic per aggregate keeps each stream's events in one
 * topic; the message key is the stream id, so a stream's events stay ordered in one partition.
 */
export const TOPICS = {
  trust: 'longview.events.trust',
  intervention: 'longview.events.intervention',
  series: 'longview.events.series',
  mentorship: 'longview.events.mentorship',
  lesson: 'longview.events.lesson',
  comment: 'longview.events.comment',
  programme: 'longview.events.programme',
  sustainability: 'longview.events.sustainability',
  driverDiagram: 'longview.events.driver-diagram',
  /** Messages a consumer could not process after retries, with the reason in headers. */
  deadLetter: 'longview.events.dead-letter',
} as const satisfies Record<AggregateName | 'deadLetter', string>;

export type EventTopic = (typeof TOPICS)[AggregateName];

/** Every topic carrying events (the dead-letter topic excluded). */
export const EVENT_TOPICS: readonly EventTopic[] = [
  TOPICS.trust,
  TOPICS.intervention,
  TOPICS.series,
  TOPICS.mentorship,
  TOPICS.lesson,
  TOPICS.comment,
  TOPICS.programme,
  TOPICS.sustainability,
  TOPICS.driverDiagram,
];

export function topicForEvent(type: LongviewEventType): EventTopic {
  const aggregate = EVENT_AGGREGATES[type] as AggregateName | undefined;
  if (!aggregate) throw new Error(`No topic for unknown event type ${String(type)}`);
  return TOPICS[aggregate];
}

/** Kafka header names. Values are strings (UTF-8 bytes on the wire). */
export const HEADERS = {
  eventId: 'longview-event-id',
  eventType: 'longview-event-type',
  schemaVersion: 'longview-schema-version',
  /** The event's global position in the store, a decimal string: the consistency token. */
  globalPosition: 'longview-global-position',
  streamId: 'longview-stream-id',
  /** The event's 1-based version within its stream, a decimal string (consumers apply version N+1 after N). */
  streamVersion: 'longview-stream-version',
  /** W3C trace context, so a command's trace continues into the consumers. */
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  /** Set only on dead-letter messages. */
  deadLetterReason: 'longview-dead-letter-reason',
  deadLetterSourceTopic: 'longview-dead-letter-source-topic',
  deadLetterSourcePartition: 'longview-dead-letter-source-partition',
  deadLetterSourceOffset: 'longview-dead-letter-source-offset',
  /** The consumer group that parked the message. */
  deadLetterConsumerGroup: 'longview-dead-letter-consumer-group',
} as const;
