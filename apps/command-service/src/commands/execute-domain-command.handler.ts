import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decodeEvent, encodeEvent, type CommandAccepted } from '@longview/contracts';
import { COMMAND_ROUTES, TrustNotFoundError, streamIds, type Command, type DomainEvent, type LongviewEvent } from '@longview/domain';
import { ConcurrencyError, actorScope, assertSameCommand, commandFingerprint, type EventStore, type StoredEvent } from '@longview/event-store';
import { Clock } from '../clock';
import { APPEND_LISTENER, EVENT_STORE, type AppendListener } from '../tokens';
import { ExecuteDomainCommand } from './execute-domain-command.command';

/** Commands that name a trust which must already be registered (a cross-stream check). */
const NEEDS_REGISTERED_TRUST = new Set<string>(['ProposeIntervention', 'RecordObservations', 'CorrectObservation', 'RebaseSeries']);

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
  };
  streamId(data: never): string;
}

/**
 * The generic command path: read the stream, fold it, decide, append with the expected version.
 * Domain rules live in the deciders; this class only moves data between them and the store.
 */
@CommandHandler(ExecuteDomainCommand)
export class ExecuteDomainCommandHandler implements ICommandHandler<ExecuteDomainCommand, CommandAccepted> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Optional() @Inject(APPEND_LISTENER) private readonly onAppended?: AppendListener,
  ) {}

  async execute(command: ExecuteDomainCommand): Promise<CommandAccepted> {
    const route = COMMAND_ROUTES[command.type] as unknown as Route;
    const streamId = route.streamId(command.data as never);
    // Command ids are the sender's: another actor's use of the same id is another command.
    const key: IdempotencyKey = {
      commandId: command.commandId,
      scope: actorScope(command.actor),
      fingerprint: commandFingerprint(command.type, streamId, command.data),
    };
    const previous = await this.replay(key);
    if (previous) return previous;
    try {
      return await this.decideAndAppendWithRetries(command, route, streamId, key);
    } catch (error) {
      // A concurrent attempt of the same command that committed while we decided makes ours
      // fail on the domain rules (e.g. "already exists") rather than in the store: it is a
      // retry all the same and gets the first answer.
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
        return await this.decideAndAppend(command, route, streamId, key);
      } catch (error) {
        const retry = error instanceof ConcurrencyError && command.expectedVersion === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt));
      }
    }
  }

  private async decideAndAppend(command: ExecuteDomainCommand, route: Route, streamId: string, key: IdempotencyKey): Promise<CommandAccepted> {
    const stream = await this.store.readStream(streamId);
    if (command.expectedVersion !== undefined && command.expectedVersion !== stream.version) {
      throw new ConcurrencyError(streamId, command.expectedVersion, stream.version);
    }
    const history = stream.events.map(toDomainEvent);
    const state = history.reduce((s, e) => route.decider.evolve(s, e), route.decider.initialState());
    const domainCommand: Command = {
      type: command.type,
      data: command.data,
      metadata: { commandId: command.commandId, actor: command.actor, now: this.clock.now().toISOString() },
    };
    const decided = route.decider.decide(domainCommand, state) as readonly LongviewEvent[];
    if (decided.length === 0) {
      const last = stream.events.at(-1);
      return { streamId, version: stream.version, position: (last?.globalPosition ?? 0n).toString(), events: [] };
    }
    const trustCode = trustOf(command.data, history);
    const occurredAt = domainCommand.metadata.now;
    const result = await this.store.appendToStream(
      streamId,
      decided.map((event) => {
        const wire = encodeEvent(event);
        return {
          type: wire.type,
          schemaVersion: wire.schemaVersion,
          data: wire.data,
          metadata: { commandId: command.commandId, actor: command.actor, occurredAt, ...(trustCode ? { trustCode } : {}) },
        };
      }),
      {
        expectedVersion: stream.version === 0 ? 'no_stream' : stream.version,
        commandId: key.commandId,
        idempotencyScope: key.scope,
        commandType: command.type,
        fingerprint: key.fingerprint,
      },
    );
    if (result.appended) this.onAppended?.(result.position);
    return {
      streamId,
      version: result.version,
      position: result.position.toString(),
      events: result.appended ? decided.map((e) => e.type) : [],
    };
  }

  private async requireRegisteredTrust(command: ExecuteDomainCommand): Promise<void> {
    if (!NEEDS_REGISTERED_TRUST.has(command.type)) return;
    const trustCode = command.data['trustCode'];
    if (typeof trustCode !== 'string' || trustCode.trim() === '') return; // the decider reports the missing field
    const trust = await this.store.readStream(streamIds.trust(trustCode));
    if (trust.version === 0) throw new TrustNotFoundError(trustCode);
  }
}

function toDomainEvent(stored: StoredEvent): LongviewEvent {
  return decodeEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data });
}

/** The trust an event belongs to, for metadata: from the command, else from the stream's first event. */
function trustOf(data: Record<string, unknown>, history: readonly LongviewEvent[]): string | undefined {
  const direct = data['trustCode'] ?? data['code'];
  if (typeof direct === 'string') return direct;
  const first = history[0]?.data as { trustCode?: unknown } | undefined;
  return typeof first?.trustCode === 'string' ? first.trustCode : undefined;
}
