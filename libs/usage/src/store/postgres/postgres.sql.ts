import { ERROR_STATUSES_SQL } from '../group-key.sql';
import { USAGE_COLUMNS, type UsageColumn } from '../usage-columns';

const COLUMN_TYPES: Record<UsageColumn, string> = {
  ingest_id: 'text',
  request_id: 'text',
  ts: 'bigint',
  tenant: 'text',
  key_id: 'text',
  route: 'text',
  model_alias: 'text',
  model_id: 'text',
  family: 'text',
  region: 'text',
  input_tokens: 'integer',
  output_tokens: 'integer',
  cost_usd: 'float8',
  latency_ms: 'float8',
  bedrock_latency_ms: 'float8',
  gateway_overhead_ms: 'float8',
  status: 'text',
  error_code: 'text',
  http_status: 'integer',
  streamed: 'boolean',
  rag_used: 'boolean',
  knowledge_base_id: 'text',
  contexts_used: 'integer',
  retries: 'integer',
  failover_region: 'text',
  metadata: 'jsonb',
  bedrock_request_id: 'text',
};

/** One statement per batch whatever its size: one array parameter per column, UNNEST into rows. */
export const POSTGRES_INSERT = `INSERT INTO usage_events (${USAGE_COLUMNS.join(', ')})
  SELECT * FROM unnest(${USAGE_COLUMNS.map((column, index) => `$${index + 1}::${COLUMN_TYPES[column]}[]`).join(', ')})
  ON CONFLICT (ingest_id) DO NOTHING`;

const PERCENTILES = 'percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY latency_ms)';

const TOTALS = `count(*) AS requests,
    count(*) FILTER (WHERE status IN ${ERROR_STATUSES_SQL}) AS errors,
    sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens,
    sum(cost_usd) AS cost_usd,
    count(*) FILTER (WHERE cost_usd IS NULL) AS unpriced`;

/**
 * A summary is two statements run at once on two connections sharing one snapshot (so they see the
 * same rows): the groups and the totals, each scanning the range once, side by side on two cores.
 * Groups are hash-aggregated with each group's latencies collected into an array, and percentile_cont
 * sorts each array on its own: a plain GROUP BY with an ordered-set aggregate would first sort all rows
 * by the (text) key. Measured on 1M rows: see bench/ledger.bench.ts and docs/decisions.md.
 */
export function postgresGroupsSql(keySql: string, where: string): string {
  return `SELECT 0 AS is_total, group_key, requests, errors, input_tokens, output_tokens, cost_usd, unpriced,
      latency_avg, (SELECT ${PERCENTILES} FROM unnest(latencies) AS latency_ms) AS percentiles
    FROM (SELECT ${keySql} AS group_key, ${TOTALS}, avg(latency_ms) AS latency_avg, array_agg(latency_ms) AS latencies
      FROM usage_events ${where} GROUP BY 1) AS groups`;
}

export function postgresTotalsSql(where: string): string {
  return `SELECT 1 AS is_total, NULL AS group_key, ${TOTALS}, avg(latency_ms) AS latency_avg,
      ${PERCENTILES} AS percentiles
    FROM usage_events ${where}`;
}

export const POSTGRES_PROBE = `INSERT INTO usage_write_probe (id, checked_at) VALUES (1, $1)
  ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`;

export const POSTGRES_PURGE_CHUNK = `DELETE FROM usage_events
  WHERE id IN (SELECT id FROM usage_events WHERE ts < $1 LIMIT $2)`;

export const POSTGRES_SPENDING_BY_TENANT = `SELECT tenant, COALESCE(SUM(cost_usd), 0) AS cost_usd,
  COALESCE(SUM(input_tokens + output_tokens), 0) AS tokens
  FROM usage_events WHERE ts >= $1 AND ts < $2 AND tenant IS NOT NULL GROUP BY tenant`;
