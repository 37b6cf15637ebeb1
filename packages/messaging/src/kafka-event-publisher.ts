import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import type { StoredEvent } from '@longview/event-store';
import { contextWith, extractTraceContext, failSpan, injectTraceHeaders, SpanKind, startSpan, type Span } from '@longview/tracing';
import { toEventMessage, type OutgoingMessage } from './event-message';
import type { TopicNames } from './topic-names';

/** Where the relay sends events. Resolves only once every event of the batch is acknowledged. */
export interface EventPublisher {
  publish(events: readonly StoredEvent[]): Promise<void>;
  /** Drops the connection after a failure, so the next publish starts with a fresh one. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Publishes stored events to their aggregate's topic, keyed by stream id, with an idempotent
 * producer (acks=all, one request in flight): kafkajs' retries of a request can neither
 * duplicate nor reorder messages within a partition.
 */
export class KafkaEventPublisher implements EventPublisher {
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: TopicNames,
  ) {}

  async publish(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const producer = await this.connected();
    const byTopic = new Map<string, OutgoingMessage[]>();
    const spans: Span[] = [];
    for (const event of events) {
      const topic = this.topics.forEventType(event.type);
      const list = byTopic.get(topic) ?? [];
      list.push(tracedMessage(event, topic, spans));
      byTopic.set(topic, list);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      for (const span of spans) failSpan(span, error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.reset();
  }

  private connected(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
      try {
        await producer.connect();
      } catch (error) {
        this.connecting = undefined;
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
      this.producer = producer;
      return producer;
    })();
    return this.connecting;
  }
}

/**
 * The event's message; for an event written inside a trace (a traceparent in its metadata), a
 * PRODUCER span in that trace from the send to the broker's acknowledgement, whose context
 * replaces the message's traceparent header: the consumer's span becomes its child. Events
 * without a trace context (imports, demo data) are sent as they are, with no span.
 */
function tracedMessage(event: StoredEvent, topic: string, spans: Span[]): OutgoingMessage {
  const message = toEventMessage(event);
  const { traceparent, tracestate } = event.metadata;
  const parent = extractTraceContext({
    ...(typeof traceparent === 'string' ? { traceparent } : {}),
    ...(typeof tracestate === 'string' ? { tracestate } : {}),
  });
  if (!parent) return message;
  const span = startSpan('relay', `publish ${topic}`, {
    kind: SpanKind.PRODUCER,
    parent,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.destination.name': topic,
      'messaging.kafka.message.key': event.streamId,
      'longview.event_type': event.type,
      'longview.global_position': event.globalPosition.toString(),
    },
  });
  spans.push(span);
  return { ...message, headers: { ...message.headers, ...injectTraceHeaders(contextWith(span, parent)) } };
}
