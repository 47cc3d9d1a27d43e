/** Latency percentiles in milliseconds, from raw samples (nearest-rank). */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.length ? total / sorted.length : Number.NaN),
  };
}

/** Difference of two summaries (what a hop adds over the floor), per percentile. */
export function added(
  measured: LatencySummary,
  floor: LatencySummary,
): Pick<LatencySummary, 'p50' | 'p95' | 'p99'> {
  return {
    p50: round(measured.p50 - floor.p50),
    p95: round(measured.p95 - floor.p95),
    p99: round(measured.p99 - floor.p99),
  };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
