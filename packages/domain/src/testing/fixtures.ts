import type { Actor, CommandMetadata } from '../shared';

/** Actors and command metadata for specs and tests in any package. Not for production code. */
export const actors = {
  admin: { id: 'admin-1', role: 'ADMIN' },
  system: { id: 'system', role: 'SYSTEM' },
  policymaker: { id: 'policy-1', role: 'POLICYMAKER' },
  community: { id: 'community-1', role: 'COMMUNITY' },
  editorOf: (trustCode: string): Actor => ({ id: `editor-${trustCode}`, role: 'TRUST_EDITOR', trustCode }),
} as const satisfies Record<string, Actor | ((trustCode: string) => Actor)>;

export function commandMetadata(actor: Actor = actors.system, now = '2025-06-15T09:30:00.000Z', commandId = 'command-1'): CommandMetadata {
  return { commandId, actor, now };
}
