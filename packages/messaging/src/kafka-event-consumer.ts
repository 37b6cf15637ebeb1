import { HEADERS } from '@longview/contracts';
import type { StoredEvent } from '@longview/event-store';
import { contextWith, extractTraceContext, rememberDeliveryContext, SpanKind, startSpan, type Span } from '@longview/tracing';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { fromEventMessage } from './event-message';
import { errorMessage, silentLogger, type Logger } from './json-logger';
import type { Counter, Gauge, MetricsRegistry } from './metrics';
import type { TopicNames } from './topic-names';

/** An event the handler could not apply: recorded by the handler, copied to the dead-letter topic here. */
export interface ParkedEvent {
  readonly event: StoredEvent;
  readonly error: string;
}

export interface EventBatchResult {
  /** Events parked in this batch (poison events and the later events of their streams). */
  readonly parked: readonly ParkedEvent[];
}

/**
 * Applies the events of one partition batch, in order. It must be idempotent (a batch can be
 * redelivered after a crash or a rebalance) and must park rather than throw on a bad event;
 * a throw means "try the batch again" (e.g. the database is down).
 */
export type EventBatchHandler = (events: readonly StoredEvent[]) => Promise<EventBatchResult>;

export interface KafkaEventConsumerOptions {
  readonly kafka: Kafka;
  readonly topics: TopicNames;
  readonly groupId: string;
  readonly handler: EventBatchHandler;
  readonly logger?: Logger;
  readonly metrics?: MetricsRegistry;
  /** Partitions processed at the same time by this instance (default 1). */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * How long the broker waits for a silent member before giving its partitions to others
   * (default 10 s; KAFKA_SESSION_TIMEOUT_MS). Lower = faster take-over after a crash, but a long
   * GC pause or a slow batch can cost a needless rebalance. Broker minimum: 6 s.
   */
  readonly sessionTimeoutMs?: number;
  /** How often resolved offsets are committed (default 1000 ms). */
  readonly commitIntervalMs?: number;
  /** Long-poll wait of a fetch; also bounds how long disconnect() waits (default 100 ms). */
  readonly maxWaitTimeMs?: number;
}

export interface PartitionAssignment {
  readonly topic: string;
  readonly partitions: readonly number[];
}

/**
 * The query side's Kafka feed: one member of a consumer group over the event topics. Each
 * partition batch goes to the handler; an offset is resolved (and committed within a second) only
 * after the handler has committed its transaction and any dead-letter copies are acknowledged, so
 * a crash re-delivers rather than loses. A batch whose handler throws is retried in place with
 * backoff (the stream order within the partition is kept).
 */
export class KafkaEventConsumer {
  private readonly logger: Logger;
  private consumer: Consumer | undefined;
  private dlqProducer: Producer | undefined;
  private assigned: PartitionAssignment[] = [];
  private joined = false;
  private crashed: string | undefined;
  private readonly consumed: Counter | undefined;
  private readonly parkedCounter: Counter | undefined;
  private readonly lag: Gauge | undefined;
  private readonly rebalances: Counter | undefined;

  constructor(private readonly options: KafkaEventConsumerOptions) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'kafka-consumer', groupId: options.groupId });
    this.consumed = options.metrics?.counter('longview_events_consumed_total', 'Event messages this instance received and handled');
    this.parkedCounter = options.metrics?.counter('longview_events_dead_lettered_total', 'Messages this instance copied to the dead-letter topic');
    this.lag = options.metrics?.gauge('longview_consumer_lag', 'Messages behind the high watermark, per assigned partition');
    this.rebalances = options.metrics?.counter('longview_consumer_group_joins_total', 'Times this instance (re)joined its consumer group');
  }

  /** Partitions this instance currently owns. */
  get assignment(): readonly PartitionAssignment[] {
    return this.assigned;
  }

  /** Ready = a member of the group and not crashed. */
  get ready(): boolean {
    return this.joined && this.crashed === undefined;
  }

  get problem(): string | undefined {
    return this.crashed ?? (this.joined ? undefined : 'not (yet) a member of the consumer group');
  }

  /** Connects, subscribes from the beginning (a new group reads the whole log) and starts consuming; resolves once joined. */
  async start(joinTimeoutMs = 60000): Promise<void> {
    const { kafka, groupId } = this.options;
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.dlqProducer.connect();
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 100,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 1000 },
    });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`did not join consumer group ${groupId} within ${joinTimeoutMs} ms`)), joinTimeoutMs);
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        this.joined = true;
        this.crashed = undefined;
        this.rebalances?.inc();
        const memberAssignment = event.payload.memberAssignment as Record<string, number[]>;
        this.assigned = Object.entries(memberAssignment).map(([topic, partitions]) => ({ topic, partitions: [...partitions].sort((a, b) => a - b) }));
        this.lag?.clear();
        this.logger.info('joined consumer group', { assignment: this.assigned, leader: event.payload.isLeader });
        clearTimeout(timer);
        resolve();
      });
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.crashed = errorMessage(event.payload.error);
      this.joined = false;
      this.logger.error('consumer crashed', { error: this.crashed, restart: event.payload.restart });
    });
    consumer.on(consumer.events.REBALANCING, () => {
      // Until the next GROUP_JOIN this member owns nothing for sure.
      this.assigned = [];
      this.logger.info('consumer group rebalancing');
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics.eventTopics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: this.options.commitIntervalMs ?? 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
    this.consumer = undefined;
    this.joined = false;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const events: StoredEvent[] = [];
    const undecodable: { message: KafkaMessage; error: string }[] = [];
    const spans: Span[] = [];
    for (const message of batch.messages) {
      try {
        const event = fromEventMessage(message.value);
        events.push(event);
        const span = processSpan(batch.topic, batch.partition, message, event);
        if (span) spans.push(span);
      } catch (error) {
        undecodable.push({ message, error: errorMessage(error) });
      }
    }
    try {
      await this.handleDecoded(payload, events, undecodable);
    } finally {
      for (const span of spans) span.end();
    }
  }

  private async handleDecoded(payload: EachBatchPayload, events: StoredEvent[], undecodable: { message: KafkaMessage; error: string }[]): Promise<void> {
    // kafkajs hands these over as closures over the batch, to be destructured (as its docs do).
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;

    let result: EventBatchResult | undefined;
    for (let attempt = 1; result === undefined; attempt++) {
      if (!isRunning() || isStale()) return; // a rebalance took the partition away: the new owner redoes it
      try {
        result = await this.options.handler(events);
      } catch (error) {
        const delay = Math.min(5000, 100 * 2 ** Math.min(attempt - 1, 10));
        this.logger.warn('applying a batch failed; retrying it', {
          topic: batch.topic,
          partition: batch.partition,
          error: errorMessage(error),
          attempt,
          retryInMs: delay,
        });
        await new Promise((resolve) => setTimeout(resolve, delay));
        await heartbeat().catch(() => undefined);
      }
    }

    const byEventId = new Map(batch.messages.map((m) => [m.headers?.[HEADERS.eventId]?.toString(), m]));
    const deadLetters = [
      ...result.parked.map((p) => ({ message: byEventId.get(p.event.eventId), event: p.event, error: p.error })),
      ...undecodable.map((u) => ({ message: u.message, event: undefined, error: u.error })),
    ];
    if (deadLetters.length > 0) {
      await this.sendToDeadLetter(
        batch.topic,
        batch.partition,
        deadLetters.map((d) => ({ message: d.message, fallbackKey: d.event?.streamId, error: d.error })),
      );
    }

    const last = batch.messages[batch.messages.length - 1] as KafkaMessage;
    // Resolved only now, after the handler's transaction and the dead-letter copies. kafkajs commits
    // resolved offsets every second (autoCommitInterval) rather than per batch: the read database,
    // not the offset, is what makes a redelivery harmless, so a lost commit only costs a re-read.
    resolveOffset(last.offset);
    await heartbeat();
    this.consumed?.inc(batch.messages.length);
    this.lag?.set(Number(batch.offsetLag()), { topic: batch.topic, partition: String(batch.partition) });
  }

  private async sendToDeadLetter(
    sourceTopic: string,
    partition: number,
    entries: readonly { message: KafkaMessage | undefined; fallbackKey: string | undefined; error: string }[],
  ): Promise<void> {
    const producer = this.dlqProducer;
    if (!producer) throw new Error('consumer not started');
    await producer.send({
      topic: this.options.topics.deadLetter,
      acks: -1,
      messages: entries.map(({ message, fallbackKey, error }) => ({
        key: message?.key ?? fallbackKey ?? null,
        value: message?.value ?? null,
        headers: {
          ...stringHeaders(message?.headers),
          [HEADERS.deadLetterReason]: error.slice(0, 2000),
          [HEADERS.deadLetterSourceTopic]: sourceTopic,
          [HEADERS.deadLetterSourcePartition]: String(partition),
          [HEADERS.deadLetterSourceOffset]: message?.offset ?? '',
          [HEADERS.deadLetterConsumerGroup]: this.options.groupId,
        },
      })),
    });
    this.parkedCounter?.inc(entries.length);
    this.logger.warn('copied messages to the dead-letter topic', { count: entries.length, sourceTopic, partition, firstError: entries[0]?.error });
  }
}

/**
 * A CONSUMER span for a message sent within a trace (a traceparent header): the child of the
 * relay's PRODUCER span, open until the batch is applied. The event is remembered with the span's
 * context, so the handler's per-event spans (a projection applying it) become its children.
 */
function processSpan(topic: string, partition: number, message: KafkaMessage, event: StoredEvent): Span | undefined {
  const parent = extractTraceContext(message.headers as Record<string, Buffer | string | undefined> | undefined);
  if (!parent) return undefined;
  const span = startSpan('kafka-consumer', `process ${topic}`, {
    kind: SpanKind.CONSUMER,
    parent,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': topic,
      'messaging.destination.partition.id': String(partition),
      'messaging.kafka.offset': Number(message.offset),
      'longview.event_type': event.type,
      'longview.global_position': event.globalPosition.toString(),
    },
  });
  rememberDeliveryContext(event, contextWith(span, parent));
  return span;
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return out;
}
