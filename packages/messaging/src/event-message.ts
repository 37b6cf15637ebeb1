import { HEADERS } from '@longview/contracts';
import type { EventMetadata, StoredEvent } from '@longview/event-store';

/** A Kafka message as kafkajs sends it (key and value as strings, string headers). */
export interface OutgoingMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/**
 * The message value: the stored event as JSON, with the global position as a decimal string.
 * The headers repeat what a router or a tracer needs without parsing the value.
 */
interface EventMessageBody {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
}

export function toEventMessage(event: StoredEvent): OutgoingMessage {
  const body: EventMessageBody = {
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition.toString(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  };
  const headers: Record<string, string> = {
    [HEADERS.eventId]: event.eventId,
    [HEADERS.eventType]: event.type,
    [HEADERS.schemaVersion]: String(event.schemaVersion),
    [HEADERS.globalPosition]: event.globalPosition.toString(),
    [HEADERS.streamId]: event.streamId,
    [HEADERS.streamVersion]: String(event.streamVersion),
  };
  const { traceparent, tracestate } = event.metadata;
  if (typeof traceparent === 'string') headers[HEADERS.traceparent] = traceparent;
  if (typeof tracestate === 'string') headers[HEADERS.tracestate] = tracestate;
  return { key: event.streamId, value: JSON.stringify(body), headers };
}

/** A message whose value is not an event envelope: it goes to the dead-letter topic. */
export class MalformedEventMessageError extends Error {
  constructor(reason: string) {
    super(`Malformed event message: ${reason}`);
    this.name = 'MalformedEventMessageError';
  }
}

/** Parses a message value written by {@link toEventMessage}; throws {@link MalformedEventMessageError}. */
export function fromEventMessage(value: Buffer | string | null): StoredEvent {
  if (value === null) throw new MalformedEventMessageError('no value (tombstone)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch (error) {
    throw new MalformedEventMessageError(`value is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new MalformedEventMessageError('value is not an object');
  const body = parsed as Partial<Record<keyof EventMessageBody, unknown>>;
  const text = (field: keyof EventMessageBody): string => {
    const v = body[field];
    if (typeof v !== 'string' || v === '') throw new MalformedEventMessageError(`${field} must be a non-empty string`);
    return v;
  };
  const whole = (field: keyof EventMessageBody): number => {
    const v = body[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new MalformedEventMessageError(`${field} must be a positive integer`);
    return v;
  };
  const position = text('globalPosition');
  if (!/^\d+$/.test(position)) throw new MalformedEventMessageError('globalPosition must be a decimal string');
  if (typeof body.metadata !== 'object' || body.metadata === null) throw new MalformedEventMessageError('metadata must be an object');
  return {
    eventId: text('eventId'),
    streamId: text('streamId'),
    streamVersion: whole('streamVersion'),
    globalPosition: BigInt(position),
    type: text('type'),
    schemaVersion: whole('schemaVersion'),
    data: body.data,
    metadata: body.metadata as EventMetadata,
    recordedAt: text('recordedAt'),
  };
}
