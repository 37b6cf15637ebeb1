/** SQLSTATE classes 08 (connection), 40 (transaction rollback: deadlock, serialization), 53 (resources), 57 (operator intervention). */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^(08|40|53|57)/.test(code);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function maxPosition(events: readonly { readonly globalPosition: bigint }[]): bigint {
  return events.reduce((max, e) => (e.globalPosition > max ? e.globalPosition : max), 0n);
}
