/** SQLite schema, versioned. Append new versions; never edit an applied one. */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'usage_events',
    sql: `
      CREATE TABLE usage_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ingest_id TEXT NOT NULL UNIQUE,
        request_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        tenant TEXT,
        key_id TEXT,
        route TEXT NOT NULL,
        model_alias TEXT,
        model_id TEXT,
        family TEXT,
        region TEXT,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cost_usd REAL,
        latency_ms REAL NOT NULL,
        bedrock_latency_ms REAL,
        gateway_overhead_ms REAL NOT NULL,
        status TEXT NOT NULL,
        error_code TEXT,
        http_status INTEGER NOT NULL,
        streamed INTEGER NOT NULL,
        rag_used INTEGER,
        knowledge_base_id TEXT,
        contexts_used INTEGER,
        retries INTEGER NOT NULL,
        failover_region TEXT,
        metadata TEXT
      );
      CREATE INDEX usage_events_ts_idx ON usage_events (ts DESC, id DESC);
      CREATE INDEX usage_events_tenant_ts_idx ON usage_events (tenant, ts DESC, id DESC);
      CREATE INDEX usage_events_model_ts_idx ON usage_events (model_id, ts DESC, id DESC);
      CREATE INDEX usage_events_status_ts_idx ON usage_events (status, ts DESC, id DESC);
      CREATE TABLE usage_write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at INTEGER NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'usage_events_bedrock_request_id',
    sql: 'ALTER TABLE usage_events ADD COLUMN bedrock_request_id TEXT;',
  },
];
