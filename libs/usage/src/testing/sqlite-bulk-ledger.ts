import Database from 'better-sqlite3';
import { SqliteUsageStore } from '../store/sqlite/sqlite-usage.store';

/**
 * Creates a migrated SQLite ledger at `path` holding `rows` successful chat records spread evenly over
 * `days` days from `start`, 20 tenants, 8 models: written in one statement (through the store it
 * takes seconds). For tests of reports over a large ledger.
 */
export async function createBulkSqliteLedger(
  path: string,
  rows: number,
  start: number,
  days: number,
): Promise<void> {
  const store = new SqliteUsageStore({ path, writes: 'inline', reads: 'inline' });
  await store.migrate();
  await store.close();
  const db = new Database(path);
  try {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @rows - 1)
      INSERT INTO usage_events (ingest_id, request_id, ts, tenant, route, model_id, input_tokens, output_tokens,
        cost_usd, latency_ms, gateway_overhead_ms, status, http_status, streamed, retries)
      SELECT 'bulk-' || i, 'bulk-' || i, @start + i * @step, 'team-' || (i % 20), '/bedrock/chat',
        'model-' || (i % 8), 100, 50, 0.001, 40 + (i % 997), 1.2, 'success', 200, 0, 0 FROM n`,
    ).run({ rows, start, step: Math.floor((days * 86_400_000) / rows) });
  } finally {
    db.close();
  }
}
