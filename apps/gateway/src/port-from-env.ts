/** A start-up setting that is malformed: the process prints the message (no stack) and exits 1. */
export class GatewayConfigError extends Error {}

/**
 * The port the gateway listens on: GATEWAY_PORT, else PORT, else 4000. Anything that is not a
 * whole number from 0 to 65535 (0 lets the system choose) stops the start with the variable's name.
 */
export function gatewayPortFromEnv(env: NodeJS.ProcessEnv): number {
  const name = env['GATEWAY_PORT']?.trim() ? 'GATEWAY_PORT' : env['PORT']?.trim() ? 'PORT' : undefined;
  if (!name) return 4000;
  const raw = (env[name] ?? '').trim();
  const port = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) throw new GatewayConfigError(`${name} must be a whole number from 0 to 65535 (got "${raw}")`);
  return port;
}
