/**
 * A whole number from the environment (ports, partition counts, timeouts): `fallback` when unset or
 * blank; anything else that is not a whole number from `min` to `max` stops the start with the
 * variable's name, instead of becoming NaN somewhere deep inside a client library.
 */
export function wholeNumberFromEnv(
  name: string,
  fallback: number,
  range: { readonly min?: number; readonly max?: number } = {},
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const min = range.min ?? 1;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** A TCP port from the environment (0 lets the system choose one). */
export function portFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFromEnv(name, fallback, { min: 0, max: 65_535 }, env);
}
