import { BadQueryError } from './query-errors';

/** Most keys one batch request may name (`?codes=`, `?ids=`): one gateway DataLoader batch. */
export const MAX_BATCH_KEYS = 200;

/**
 * The keys of a batch parameter (`?codes=RJ1,RXX`; a repeated parameter counts too), distinct, in
 * order; undefined when the parameter is absent. More than MAX_BATCH_KEYS is a 400.
 */
export function batchKeys(name: string, value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(','));
  const keys = [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ''))];
  if (keys.length > MAX_BATCH_KEYS) throw new BadQueryError(`${name} names ${keys.length} keys; at most ${MAX_BATCH_KEYS} are allowed in one request`);
  return keys;
}
