import { ForbiddenError, describeCommand } from './errors';
import type { Actor } from './shared';

/**
 * Who may issue write commands. Enforced in the deciders, not only at the gateway, so every
 * path into the command side (HTTP, CLI import, replays) obeys the same rules.
 */

/** Policymakers and the community read and comment; they never change a trust's record. */
export function assertMayWrite(actor: Actor, commandType: string): void {
  if (actor.role === 'POLICYMAKER' || actor.role === 'COMMUNITY') {
    throw new ForbiddenError(
      'ROLE_NOT_ALLOWED',
      `A ${actor.role.toLowerCase()} user cannot ${describeCommand(commandType)}; only editors of the trust concerned can.`,
    );
  }
}

/** A trust editor acts only for their own trust; admins and the system act for any. */
export function assertMayActForTrust(actor: Actor, trustCode: string, commandType: string): void {
  assertMayWrite(actor, commandType);
  if (actor.role === 'TRUST_EDITOR' && actor.trustCode !== trustCode) {
    throw new ForbiddenError(
      'OTHER_TRUST',
      actor.trustCode
        ? `You edit for trust ${actor.trustCode} and cannot ${describeCommand(commandType)} for trust ${trustCode}.`
        : `Your account is not linked to a trust, so you cannot ${describeCommand(commandType)} for trust ${trustCode}.`,
    );
  }
}
