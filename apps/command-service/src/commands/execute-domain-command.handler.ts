import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decodeEvent, encodeEvent, type CommandAccepted } from '@longview/contracts';
import {
  COMMAND_ROUTES,
  TrustNotFoundError,
  contextListNeedsOf,
  contextNeedsOf,
  foldEvents,
  streamIds,
  type Command,
  type Decider,
  type DomainEvent,
  type LongviewEvent,
} from '@longview/domain';
import {
  ConcurrencyError,
  actorScope,
  assertSameCommand,
  commandFingerprint,
  type AppendResult,
  type EventStore,
  type StoredEvent,
} from '@longview/event-store';
import { activeSpan, failSpan, startSpan } from '@longview/tracing';
import { Clock } from '../clock';
import { APPEND_LISTENER, EVENT_STORE, type AppendListener } from '../tokens';
import { ExecuteDomainCommand } from './execute-domain-command.command';
import { StreamStateCache, type CachedStream } from './stream-state-cache';

/** Commands that name a trust which must already be registered (a cross-stream check). */
const NEEDS_REGISTERED_TRUST = new Set<string>([
  'ProposeIntervention',
  'RecordObservations',
  'CorrectObservation',
  'RebaseSeries',
  'AdoptIntervention',
  'DefineDriverDiagram',
]);

/**
 * When the caller gave no expected version, a lost race is retried (re-read, re-decide). Each
 * lost race means another command on the stream succeeded, so N concurrent writers need at
 * most N attempts; a small random pause spreads the retries out.
 */
const MAX_ATTEMPTS = 12;
const RETRY_JITTER_MS = 5;

interface IdempotencyKey {
  readonly commandId: string;
  readonly scope: string;
  readonly fingerprint: string;
}

interface Route {
  readonly decider: {
    initialState(): unknown;
    evolve(state: unknown, event: DomainEvent): unknown;
    decide(command: Command, state: unknown): readonly DomainEvent[];
    fold?(state: unknown, events: readonly DomainEvent[]): unknown;
  };
  streamId(data: never): string;
}

/**
 * The generic command path: fold the stream (kept folded in memory between commands), decide,
 * append with the expected version. Domain rules live in the deciders; this class only moves
 * data between them and the store.
 *
 * Round trips of a command on a known stream: the append only (with a group-committing store,
 * shared with the commands appended at the same time), which also checks the command id. The
 * cached state is trusted only as far as the append's version check: a stale entry makes the
 * append fail, and the command is decided again from the log. A rejection, a "nothing to do"
 * or a version mismatch found on a cached state is re-checked on a fresh read before it is
 * reported.
 */
@CommandHandler(ExecuteDomainCommand)
export class ExecuteDomainCommandHandler implements ICommandHandler<ExecuteDomainCommand, CommandAccepted> {
  private readonly streams = new StreamStateCache();
  /** Trusts seen registered (a registration is never undone). */
  private readonly registeredTrusts = new Set<string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Optional() @Inject(APPEND_LISTENER) private readonly onAppended?: AppendListener,
  ) {}

  async execute(command: ExecuteDomainCommand): Promise<CommandAccepted> {
    activeSpan()?.setAttributes({ 'longview.command_type': command.type, 'longview.command_id': command.commandId });
    const route = COMMAND_ROUTES[command.type] as unknown as Route;
    const streamId = route.streamId(command.data as never);
    // Command ids are the sender's: another actor's use of the same id is another command.
    const key: IdempotencyKey = {
      commandId: command.commandId,
      scope: actorScope(command.actor),
      fingerprint: commandFingerprint(command.type, streamId, command.data),
    };
    try {
      return await this.decideAndAppendWithRetries(command, route, streamId, key);
    } catch (error) {
      // A retry of a command that already succeeded (or a concurrent attempt that committed
      // while we decided) can fail on the domain rules (e.g. "already exists") rather than in
      // the store: it gets the first answer. A success needs no lookup: the append itself
      // answers a known command id with the first result.
      const raced = await this.replay(key);
      if (raced) return raced;
      throw error;
    }
  }

  /** The first answer to this actor's command with this id, if there was one; a CONFLICT if the id was used for another command. */
  private async replay(key: IdempotencyKey): Promise<CommandAccepted | undefined> {
    const previous = await this.store.findCommand(key.commandId, key.scope);
    if (!previous) return undefined;
    assertSameCommand(previous, key);
    return { streamId: previous.streamId, version: previous.version, position: previous.position.toString(), events: [] };
  }

  private async decideAndAppendWithRetries(command: ExecuteDomainCommand, route: Route, streamId: string, key: IdempotencyKey): Promise<CommandAccepted> {
    await this.requireRegisteredTrust(command);

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.decideAndAppend(command, route, streamId, key, attempt > 1);
      } catch (error) {
        const retry = error instanceof ConcurrencyError && command.expectedVersion === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt));
      }
    }
  }

  /** The stream folded: from the cache unless `fresh`, else read from the log (and cached). */
  private async current(route: Route, streamId: string, fresh: boolean): Promise<{ stream: CachedStream; cached: boolean }> {
    const cached = fresh ? undefined : this.streams.get(streamId);
    if (cached) return { stream: cached, cached: true };
    const read = await this.store.readStream(streamId);
    const history = read.events.map(toDomainEvent);
    const stream: CachedStream = {
      version: read.version,
      state: foldEvents(route.decider as Decider<Command, DomainEvent, unknown>, route.decider.initialState(), history),
      position: read.events.at(-1)?.globalPosition ?? 0n,
      trustCode: trustOfEvent(history[0]),
    };
    this.streams.set(streamId, stream);
    return { stream, cached: false };
  }

  private async decideAndAppend(command: ExecuteDomainCommand, route: Route, streamId: string, key: IdempotencyKey, fresh: boolean): Promise<CommandAccepted> {
    const { stream, cached } = await this.current(route, streamId, fresh);
    const again = () => this.decideAndAppend(command, route, streamId, key, true);
    if (command.expectedVersion !== undefined && command.expectedVersion !== stream.version) {
      if (cached) return again();
      throw new ConcurrencyError(streamId, command.expectedVersion, stream.version);
    }
    const context = await this.loadContext(command, stream.state);
    const domainCommand: Command & { context?: Record<string, unknown> } = {
      type: command.type,
      data: command.data,
      metadata: { commandId: command.commandId, actor: command.actor, now: this.clock.now().toISOString() },
      ...(context ? { context } : {}),
    };
    let decided: readonly LongviewEvent[];
    const decideSpan = startSpan('command-service', `decide ${command.type}`, {
      attributes: {
        'longview.command_type': command.type,
        'longview.stream_id': streamId,
        'longview.stream_version': stream.version,
        'longview.cached': cached,
      },
    });
    try {
      decided = route.decider.decide(domainCommand, stream.state) as readonly LongviewEvent[];
      decideSpan.setAttribute('longview.event_count', decided.length);
    } catch (error) {
      if (cached) return again();
      failSpan(decideSpan, error);
      throw error;
    } finally {
      decideSpan.end();
    }
    if (decided.length === 0) {
      if (cached) return again();
      // Nothing to do, or a retry of a command that did something the first time.
      const previous = await this.replay(key);
      if (previous) return previous;
      return { streamId, version: stream.version, position: stream.position.toString(), events: [] };
    }
    const trustCode = trustOf(command.data) ?? stream.trustCode ?? trustOfEvent(decided[0]);
    const occurredAt = domainCommand.metadata.now;
    const wires = decided.map(encodeEvent);
    let result: AppendResult;
    try {
      result = await this.store.appendToStream(
        streamId,
        wires.map((wire) => ({
          type: wire.type,
          schemaVersion: wire.schemaVersion,
          data: wire.data,
          metadata: { commandId: command.commandId, actor: command.actor, occurredAt, ...(trustCode ? { trustCode } : {}) },
        })),
        {
          expectedVersion: stream.version === 0 ? 'no_stream' : stream.version,
          commandId: key.commandId,
          idempotencyScope: key.scope,
          commandType: command.type,
          fingerprint: key.fingerprint,
        },
      );
    } catch (error) {
      this.streams.delete(streamId);
      throw error;
    }
    if (result.appended && result.version === stream.version + decided.length) {
      // The new state as a later read would fold it: from the events as stored (JSON), decoded.
      const stored = wires.map((wire) =>
        decodeEvent({ type: wire.type, schemaVersion: wire.schemaVersion, data: JSON.parse(JSON.stringify(wire.data ?? null)) as unknown }),
      );
      this.streams.set(streamId, {
        version: result.version,
        state: foldEvents(route.decider as Decider<Command, DomainEvent, unknown>, stream.state, stored),
        position: result.position,
        trustCode: stream.trustCode ?? trustOfEvent(stored[0]),
      });
    } else {
      this.streams.delete(streamId);
    }
    if (result.appended) this.onAppended?.(result.position);
    return {
      streamId,
      version: result.version,
      position: result.position.toString(),
      events: result.appended ? decided.map((e) => e.type) : [],
    };
  }

  /**
   * The other streams the command needs (COMMAND_CONTEXTS in the domain, e.g. the source of an
   * adoption), read and folded for the decider. Always read fresh, not from the state cache: what
   * they decide (may the actor see the source? what is copied from it?) must not rest on a stale
   * entry, and the append's version check covers only the command's own stream.
   */
  private async loadContext(command: ExecuteDomainCommand, own: unknown): Promise<Record<string, unknown> | undefined> {
    const needs = contextNeedsOf(command.type);
    const lists = contextListNeedsOf(command.type);
    if (!needs && !lists) return undefined;
    const context: Record<string, unknown> = {};
    for (const [key, need] of Object.entries(needs ?? {})) {
      const streamId = need.streamId(command.data, own);
      const history = streamId ? (await this.store.readStream(streamId)).events.map(toDomainEvent) : [];
      context[key] = foldEvents(need.decider, need.decider.initialState(), history);
    }
    for (const [key, need] of Object.entries(lists ?? {})) {
      const states: unknown[] = [];
      for (const streamId of need.streamIds(command.data, own)) {
        const history = (await this.store.readStream(streamId)).events.map(toDomainEvent);
        states.push(foldEvents(need.decider, need.decider.initialState(), history));
      }
      context[key] = states;
    }
    return context;
  }

  private async requireRegisteredTrust(command: ExecuteDomainCommand): Promise<void> {
    if (!NEEDS_REGISTERED_TRUST.has(command.type)) return;
    const trustCode = command.data['trustCode'];
    if (typeof trustCode !== 'string' || trustCode.trim() === '') return; // the decider reports the missing field
    if (this.registeredTrusts.has(trustCode)) return;
    const trust = await this.store.readStream(streamIds.trust(trustCode));
    if (trust.version === 0) throw new TrustNotFoundError(trustCode);
    this.registeredTrusts.add(trustCode);
  }
}

function toDomainEvent(stored: StoredEvent): LongviewEvent {
  return decodeEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data });
}

/** The trust an event belongs to, for metadata: named by the command. */
function trustOf(data: Record<string, unknown>): string | undefined {
  const direct = data['trustCode'] ?? data['code'];
  return typeof direct === 'string' ? direct : undefined;
}

/** The trust named by an event (a stream's first event names it). */
function trustOfEvent(event: DomainEvent | undefined): string | undefined {
  const data = event?.data as { trustCode?: unknown; code?: unknown } | undefined;
  return typeof data?.trustCode === 'string' ? data.trustCode : undefined;
}
