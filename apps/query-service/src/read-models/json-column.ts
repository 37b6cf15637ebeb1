/** pg returns jsonb parsed; keep the code robust if an adapter hands back text. */
export function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
