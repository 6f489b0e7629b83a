/** Order statistics for the benchmark figures. */

/** The q-quantile (0 ≤ q ≤ 1) with linear interpolation between closest ranks (numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Runs `fn` `times` times and returns each duration in ms. */
export function timeEach(times: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let k = 0; k < times; k++) {
    const start = performance.now();
    fn();
    out.push(performance.now() - start);
  }
  return out;
}
