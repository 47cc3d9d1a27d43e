import type { ModelFamily, UsageStatus } from '@app/bedrock';

/** Dimensions `/usage/summary` can group by (API.md "Usage analytics"). */
export type UsageGroupBy = 'model' | 'family' | 'tenant' | 'route' | 'day' | 'status';

export const USAGE_GROUP_BYS: readonly UsageGroupBy[] = [
  'model',
  'family',
  'tenant',
  'route',
  'day',
  'status',
];

/**
 * Latency statistics in milliseconds. Percentiles use linear interpolation between the closest ranks,
 * exactly like PostgreSQL's `percentile_cont` (on SQLite: `latency_percentiles` of
 * sqlite-connection.program.ts). Null when there are no requests.
 */
export interface LatencyStats {
  avg: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * Aggregates over a set of ledger records.
 * `cost_usd` sums the known costs only and is null when no record has a known price; an unknown price
 * never counts as 0, so `unpriced_requests` tells how many records the sum leaves out (a lower bound then).
 * `errors` counts records with status `error` or `denied`; `client_closed` is not an error.
 */
export interface UsageTotals {
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  unpriced_requests: number;
  latency_ms: LatencyStats;
}

/** One group. `key` is null when the grouped field is unknown (e.g. a denied call without a model). */
export interface UsageSummaryRow extends UsageTotals {
  key: string | null;
}

export interface UsageSummary {
  group_by: UsageGroupBy;
  from: string;
  to: string;
  rows: UsageSummaryRow[];
  totals: UsageTotals;
}

/** Time ranges are half-open: `from` ≤ timestamp < `to`. */
export interface UsageSummaryQuery {
  from: Date;
  to: Date;
  groupBy: UsageGroupBy;
  tenant?: string;
}

export interface UsageRequestsQuery {
  from: Date;
  to: Date;
  /** The normalised model id (`model_id`), not an alias. */
  model?: string;
  tenant?: string;
  status?: UsageStatus;
  /** 1..1000, default 100. */
  limit?: number;
  /** `next_cursor` of the previous page. */
  cursor?: string;
}

/** One ledger record as `/usage/requests` shows it: the UsageEvent fields in snake_case. */
export interface UsageRow {
  id: number;
  request_id: string;
  /** ISO-8601 (UTC) of `UsageEvent.timestamp`. */
  timestamp: string;
  tenant: string | null;
  key_id: string | null;
  route: string;
  model_alias: string | null;
  model_id: string | null;
  family: ModelFamily | null;
  region: string | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  latency_ms: number;
  bedrock_latency_ms: number | null;
  gateway_overhead_ms: number;
  status: UsageStatus;
  error_code: string | null;
  http_status: number;
  streamed: boolean;
  rag_used: boolean | null;
  knowledge_base_id: string | null;
  contexts_used: number | null;
  retries: number;
  failover_region: string | null;
  /** Bedrock's `x-amzn-RequestId` for the last answer it gave the call (null: none, or an older row). */
  bedrock_request_id: string | null;
  metadata: Record<string, string> | null;
}

export interface UsageRequestsPage {
  rows: UsageRow[];
  /** Opaque; null on the last page. */
  next_cursor: string | null;
}

/** What one tenant's ledger records add up to over a time range (`UsageStore.spendingByTenant`). */
export interface TenantSpending {
  tenant: string;
  /** Known costs only: a record without a price adds nothing. */
  costUsd: number;
  /** Input plus output tokens. */
  tokens: number;
}
