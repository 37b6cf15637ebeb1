/**
 * Ordinary least squares by the normal equations, solved with Gaussian elimination and
 * partial pivoting. Our designs are tiny (4 columns, a few dozen rows), well scaled
 * (month counts), so the normal equations are accurate enough and keep this dependency-free.
 * Returns null when the design is rank deficient (e.g. no post-start points).
 */
export function ordinaryLeastSquares(rows: readonly (readonly number[])[], y: readonly number[]): number[] | null {
  const p = rows[0]?.length ?? 0;
  if (p === 0 || rows.length < p) return null;
  // Augmented matrix [X'X | X'y]
  const a: number[][] = Array.from({ length: p }, () => Array<number>(p + 1).fill(0));
  rows.forEach((x, r) => {
    for (let i = 0; i < p; i++) {
      const row = a[i] as number[];
      for (let j = 0; j < p; j++) row[j] = (row[j] as number) + (x[i] as number) * (x[j] as number);
      row[p] = (row[p] as number) + (x[i] as number) * (y[r] as number);
    }
  });
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i] as number)));
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) {
      if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = r;
    }
    const pivotRow = a[pivot] as number[];
    if (Math.abs(pivotRow[col] as number) <= 1e-12 * scale) return null;
    [a[col], a[pivot]] = [pivotRow, a[col] as number[]];
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] as number) / (pivotRow[col] as number);
      for (let c = col; c <= p; c++) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
    }
  }
  return a.map((row, i) => (row[p] as number) / (row[i] as number));
}
