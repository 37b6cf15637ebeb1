import type { LongviewEvent, LongviewEventType } from '@longview/domain';
import type { z } from 'zod';
import { EVENT_CONTRACTS, isKnownEventType } from './registry';

/** An event as it is stored and published: JSON-safe data plus the version of its shape. */
export interface EncodedEvent<T extends string = LongviewEventType> {
  readonly type: T;
  readonly schemaVersion: number;
  readonly data: unknown;
}

export interface ContractIssue {
  /** Dotted path into the event data, e.g. `observations.2.period`; `''` for the data as a whole. */
  readonly path: string;
  readonly message: string;
}

export type ContractViolationCode = 'UNKNOWN_EVENT_TYPE' | 'UNSUPPORTED_SCHEMA_VERSION' | 'INVALID_EVENT_DATA';

/**
 * An event that does not match its wire contract. On encode it is a bug in the producer; on
 * decode the consumer should park the event with these details rather than skip it.
 */
export class ContractViolationError extends Error {
  constructor(
    readonly code: ContractViolationCode,
    readonly direction: 'encode' | 'decode',
    readonly eventType: string,
    readonly schemaVersion: number | undefined,
    readonly issues: readonly ContractIssue[],
    summary: string,
  ) {
    const listed = issues.map((issue) => `${issue.path ? `data.${issue.path}` : 'data'}: ${issue.message}`).join('; ');
    super(`Cannot ${direction} ${eventType}${schemaVersion !== undefined ? ` v${schemaVersion}` : ''}: ${summary}` + (listed ? ` (${listed})` : ''));
    this.name = 'ContractViolationError';
  }
}

/** Validates a domain event against its current contract and returns the wire form. */
export function encodeEvent(event: LongviewEvent): EncodedEvent {
  const type: string = event.type;
  if (!isKnownEventType(type)) {
    throw new ContractViolationError('UNKNOWN_EVENT_TYPE', 'encode', type, undefined, [], 'no contract for this event type');
  }
  const contract = EVENT_CONTRACTS[type];
  const data = parse(contract.schema, event.data, 'encode', type, contract.schemaVersion);
  return { type, schemaVersion: contract.schemaVersion, data };
}

/**
 * Turns a stored or received event into the current domain shape: upcasts it step by step
 * from the version it was written with, then validates it against the current schema.
 */
export function decodeEvent(encoded: { readonly type: string; readonly schemaVersion: number; readonly data: unknown }): LongviewEvent {
  const { type, schemaVersion } = encoded;
  if (!isKnownEventType(type)) {
    throw new ContractViolationError('UNKNOWN_EVENT_TYPE', 'decode', type, schemaVersion, [], 'no contract for this event type');
  }
  const contract = EVENT_CONTRACTS[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > contract.schemaVersion) {
    throw new ContractViolationError(
      'UNSUPPORTED_SCHEMA_VERSION',
      'decode',
      type,
      schemaVersion,
      [],
      `this build reads versions 1 to ${contract.schemaVersion}`,
    );
  }
  let data = encoded.data;
  for (let version = schemaVersion; version < contract.schemaVersion; version++) {
    const upcaster = contract.upcasters.find((candidate) => candidate.fromVersion === version);
    if (!upcaster) {
      throw new ContractViolationError('UNSUPPORTED_SCHEMA_VERSION', 'decode', type, schemaVersion, [], `no upcaster from v${version} to v${version + 1}`);
    }
    const stored = parse(upcaster.schema, data, 'decode', type, version);
    data = (upcaster.upcast as (data: unknown) => unknown)(stored);
  }
  const current = parse(contract.schema, data, 'decode', type, schemaVersion);
  // The schema's output is exactly this type's data, so the pair is a valid LongviewEvent.
  return { type, data: current } as LongviewEvent;
}

function parse(schema: z.ZodType, data: unknown, direction: 'encode' | 'decode', type: string, version: number): unknown {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  throw new ContractViolationError('INVALID_EVENT_DATA', direction, type, version, issues, 'data does not match the contract');
}
