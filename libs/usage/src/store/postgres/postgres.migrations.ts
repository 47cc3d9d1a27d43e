/** PostgreSQL schema, versioned. Append new versions; never edit an applied one. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/*
 * Keys that are indexed or grouped use the "C" collation: byte comparison is several times cheaper than
 * a linguistic one on every index insert and every GROUP BY sort, and summary rows are ordered in code.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'usage_events',
    sql: `
      CREATE TABLE usage_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ingest_id text COLLATE "C" NOT NULL UNIQUE,
        request_id text NOT NULL,
        ts bigint NOT NULL,
        tenant text COLLATE "C",
        key_id text,
        route text COLLATE "C" NOT NULL,
        model_alias text,
        model_id text COLLATE "C",
        family text COLLATE "C",
        region text,
        input_tokens integer NOT NULL,
        output_tokens integer NOT NULL,
        cost_usd double precision,
        latency_ms double precision NOT NULL,
        bedrock_latency_ms double precision,
        gateway_overhead_ms double precision NOT NULL,
        status text COLLATE "C" NOT NULL,
        error_code text,
        http_status integer NOT NULL,
        streamed boolean NOT NULL,
        rag_used boolean,
        knowledge_base_id text,
        contexts_used integer,
        retries integer NOT NULL,
        failover_region text,
        metadata jsonb
      );
      CREATE INDEX usage_events_ts_idx ON usage_events (ts DESC, id DESC);
      CREATE INDEX usage_events_tenant_ts_idx ON usage_events (tenant, ts DESC, id DESC);
      CREATE INDEX usage_events_model_ts_idx ON usage_events (model_id, ts DESC, id DESC);
      CREATE INDEX usage_events_status_ts_idx ON usage_events (status, ts DESC, id DESC);
      CREATE TABLE usage_write_probe (id integer PRIMARY KEY CHECK (id = 1), checked_at bigint NOT NULL);
    `,
  },
  {
    // Nullable, no default: a metadata-only change, and instances still on version 1 keep inserting. It
    // takes the table's exclusive lock for an instant, but waits for it behind any report of a running
    // instance, and every insert queues behind the wait: give up after 3 s (the boot fails; its
    // supervisor starts it again) rather than stall the fleet's writes for a report's length.
    version: 2,
    name: 'usage_events_bedrock_request_id',
    sql: `SET LOCAL lock_timeout = '3s';
      ALTER TABLE usage_events ADD COLUMN bedrock_request_id text;
      SET LOCAL lock_timeout = DEFAULT;`,
  },
];
