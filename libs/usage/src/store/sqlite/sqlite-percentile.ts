/** The `[p50, p95, p99]` JSON of `latency_percentiles` (sqlite-connection.program.ts) as the row's fields. */
export function parsePercentiles(json: unknown): { p50: unknown; p95: unknown; p99: unknown } {
  const [p50, p95, p99] = typeof json === 'string' ? (JSON.parse(json) as unknown[]) : [];
  return { p50, p95, p99 };
}
