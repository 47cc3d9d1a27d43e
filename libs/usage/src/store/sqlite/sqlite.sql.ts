import { ERROR_STATUSES_SQL } from '../group-key.sql';
import { USAGE_COLUMNS } from '../usage-columns';

/** Every connection's settings (the store's and its threads'). */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'busy_timeout = 5000'];

export const SQLITE_INSERT = `INSERT OR IGNORE INTO usage_events (${USAGE_COLUMNS.join(', ')})
  VALUES (${USAGE_COLUMNS.map(() => '?').join(', ')})`;

/** Aggregates of one summary row; `latency_percentiles` is the aggregate of sqlite-connection.program.ts. */
export const SQLITE_AGGREGATES = `
  COUNT(*) AS requests,
  SUM(CASE WHEN status IN ${ERROR_STATUSES_SQL} THEN 1 ELSE 0 END) AS errors,
  SUM(input_tokens) AS input_tokens,
  SUM(output_tokens) AS output_tokens,
  SUM(cost_usd) AS cost_usd,
  SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced,
  AVG(latency_ms) AS latency_avg,
  latency_percentiles(latency_ms) AS percentiles`;

export const SQLITE_PROBE = `INSERT INTO usage_write_probe (id, checked_at) VALUES (1, ?)
  ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`;

/** Chunked so one purge never holds the write lock for long. */
export const SQLITE_PURGE_CHUNK = `DELETE FROM usage_events
  WHERE id IN (SELECT id FROM usage_events WHERE ts < ? LIMIT ?)`;

export const SQLITE_SPENDING_BY_TENANT = `SELECT tenant, COALESCE(SUM(cost_usd), 0) AS cost_usd,
  COALESCE(SUM(input_tokens + output_tokens), 0) AS tokens
  FROM usage_events WHERE ts >= ? AND ts < ? AND tenant IS NOT NULL GROUP BY tenant`;
