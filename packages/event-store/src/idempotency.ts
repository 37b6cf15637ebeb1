import { createHash } from 'node:crypto';
import { SYSTEM_SCOPE } from './schema';
import type { Actor } from './types';

/**
 * The idempotency scope of an actor: command ids are unique per scope, never globally, so no
 * actor can claim another's id. SYSTEM (or no actor) is one scope. Kept in step with the
 * migration that assigns scopes to rows written before scopes existed (schema.ts).
 */
export function actorScope(actor: Actor | undefined): string {
  if (actor === undefined || actor.role === 'SYSTEM') return SYSTEM_SCOPE;
  return `actor:${actor.role}:${actor.trustCode ?? ''}:${actor.id}`;
}

/**
 * What a command was, so a reused id can be told apart from a retry: sha256 over the type, the
 * stream and the data as canonical JSON (object keys sorted, so key order does not matter).
 */
export function commandFingerprint(type: string, streamId: string, data: unknown): string {
  return createHash('sha256')
    .update(canonicalJson([type, streamId, data ?? null]))
    .digest('hex');
}

/** JSON with object keys in sorted order at every depth; undefined members are left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
