/** PostgreSQL schema, versioned. Append new versions; never edit an applied one. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'usage_events',
    sql: `
      CREATE TABLE usage_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ingest_id text NOT NULL UNIQUE,
        request_id text NOT NULL,
        ts bigint NOT NULL,
        tenant text,
        key_id text,
        route text NOT NULL,
        model_alias text,
        model_id text,
        family text,
        region text,
        input_tokens integer NOT NULL,
        output_tokens integer NOT NULL,
        cost_usd double precision,
        latency_ms double precision NOT NULL,
        bedrock_latency_ms double precision,
        gateway_overhead_ms double precision NOT NULL,
        status text NOT NULL,
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
];
