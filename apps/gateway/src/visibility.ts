import type { InterventionView } from '@longview/contracts';
import type { Actor } from '@longview/domain';

/**
 * Who may read an intervention, by its sharing level. The command side decides writes; this
 * keeps reads consistent with the brief: PUBLIC for everyone, TRUSTS for signed-in NHS roles
 * (trust editors, policymakers, admins), PRIVATE for the owning trust (and admins).
 */
export function canSeeIntervention(actor: Actor | null, intervention: Pick<InterventionView, 'sharing' | 'trustCode'>): boolean {
  if (intervention.sharing === 'PUBLIC') return true;
  if (!actor) return false;
  if (actor.role === 'ADMIN' || actor.role === 'SYSTEM') return true;
  if (intervention.sharing === 'TRUSTS') return actor.role === 'TRUST_EDITOR' || actor.role === 'POLICYMAKER';
  return actor.role === 'TRUST_EDITOR' && actor.trustCode === intervention.trustCode;
}
