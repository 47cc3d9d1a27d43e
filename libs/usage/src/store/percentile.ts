/**
 * Continuous percentile with linear interpolation between the closest ranks, the definition of
 * PostgreSQL's `percentile_cont`: over n ascending values v[0..n-1], rank r = p·(n−1);
 * result = v[⌊r⌋] + (v[⌈r⌉] − v[⌊r⌋])·(r − ⌊r⌋). Null for an empty set.
 * `sorted` must be ascending.
 */
export function percentileCont(sorted: ArrayLike<number>, fraction: number): number | null {
  const count = sorted.length;
  if (count === 0) return null;
  const rank = fraction * (count - 1);
  const lower = Math.floor(rank);
  const low = sorted[lower] as number;
  const high = sorted[Math.ceil(rank)] as number;
  return low + (high - low) * (rank - lower);
}

/** The three percentiles the API reports, from unsorted values (sorted here, on a copy). */
export function latencyPercentiles(values: readonly number[]): [number | null, number | null, number | null] {
  const sorted = Float64Array.from(values).sort();
  return [percentileCont(sorted, 0.5), percentileCont(sorted, 0.95), percentileCont(sorted, 0.99)];
}
