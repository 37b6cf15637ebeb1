/** Page numbers in the address (`?page=3`) and the NHS numbered pagination's items. */

/** The page asked for in the address: a whole number from 1 (anything else is page 1). */
export function pageParam(value: string | null | undefined): number {
  if (!value || !/^\d+$/.test(value)) return 1;
  return Math.max(1, Number(value));
}

export function pageCount(totalCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalCount / pageSize));
}

/**
 * The pages to link to: the first, the last, and the current one with a neighbour either side;
 * `'…'` where pages are left out (the NHS.UK numbered pagination pattern). 1 … 4 5 6 … 12
 */
export function pageItems(current: number, total: number): (number | '…')[] {
  const pages = new Set([1, total, current - 1, current, current + 1].filter((p) => p >= 1 && p <= total));
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | '…')[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined && p - prev === 2) out.push(prev + 1);
    else if (prev !== undefined && p - prev > 2) out.push('…');
    out.push(p);
  });
  return out;
}

/** "1 trust", "2 trusts", "1,234 trusts" — no "1 trusts". */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
