/** A batch loader's answer: one value per key, in the keys' order; null for a key that was not found. */
export function inKeyOrder<V>(keys: readonly string[], found: readonly V[], keyOf: (value: V) => string): (V | null)[] {
  const byKey = new Map(found.map((value) => [keyOf(value), value]));
  return keys.map((key) => byKey.get(key) ?? null);
}
