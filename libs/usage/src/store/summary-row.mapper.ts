import { roundUsd } from '@app/bedrock';
import { str, type DbRow } from './usage-row.mapper';
import type { UsageGroupBy, UsageSummaryRow, UsageTotals } from './usage-query.types';

const DAY_MS = 86_400_000;
const nullOr = (value: number | null, round: (value: number) => number): number | null =>
  value === null ? null : round(value);
const orNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
/** Latency averages and percentiles (interpolated, so float noise too): shown to 0.001 ms. */
const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * Maps one aggregate row (columns requests, errors, input_tokens, output_tokens, cost_usd, unpriced,
 * latency_avg, p50, p95, p99) to the API shape. SUM over no rows is NULL in SQL; here it becomes 0,
 * except cost_usd which stays null (no known price).
 */
export function toTotals(row: DbRow | undefined): UsageTotals {
  return {
    requests: Number(row?.requests ?? 0),
    errors: Number(row?.errors ?? 0),
    input_tokens: Number(row?.input_tokens ?? 0),
    output_tokens: Number(row?.output_tokens ?? 0),
    // Sums of float costs carry noise: shown to 1e-9 USD, a call's own precision.
    cost_usd: nullOr(orNull(row?.cost_usd), roundUsd),
    unpriced_requests: Number(row?.unpriced ?? 0),
    latency_ms: {
      avg: nullOr(orNull(row?.latency_avg), roundMs),
      p50: nullOr(orNull(row?.p50), roundMs),
      p95: nullOr(orNull(row?.p95), roundMs),
      p99: nullOr(orNull(row?.p99), roundMs),
    },
  };
}

/** Group key as the API shows it: `day` buckets (UTC day numbers) become `YYYY-MM-DD`. */
export function toGroupKey(groupBy: UsageGroupBy, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (groupBy === 'day') return new Date(Number(value) * DAY_MS).toISOString().slice(0, 10);
  return str(value);
}

export function toSummaryRow(groupBy: UsageGroupBy, row: DbRow): UsageSummaryRow {
  return { key: toGroupKey(groupBy, row.group_key), ...toTotals(row) };
}

/** Same order on every adapter, independent of database collation: key ascending (code units), null last. */
export function sortSummaryRows(rows: UsageSummaryRow[]): UsageSummaryRow[] {
  return rows.sort((a, b) => {
    if (a.key === b.key) return 0;
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return a.key < b.key ? -1 : 1;
  });
}
