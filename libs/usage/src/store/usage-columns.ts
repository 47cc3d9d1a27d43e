import type { StoredUsageRecord } from './usage-record';

/** Column order shared by both adapters' INSERTs. */
export const USAGE_COLUMNS = [
  'ingest_id',
  'request_id',
  'ts',
  'tenant',
  'key_id',
  'route',
  'model_alias',
  'model_id',
  'family',
  'region',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'latency_ms',
  'bedrock_latency_ms',
  'gateway_overhead_ms',
  'status',
  'error_code',
  'http_status',
  'streamed',
  'rag_used',
  'knowledge_base_id',
  'contexts_used',
  'retries',
  'failover_region',
  'metadata',
  'bedrock_request_id',
] as const;

export type UsageColumn = (typeof USAGE_COLUMNS)[number];
export type ColumnValue = string | number | boolean | null;

/** The record's values in `USAGE_COLUMNS` order; metadata as JSON text. */
export function toColumnValues({ ingestId, event }: StoredUsageRecord): ColumnValue[] {
  return [
    ingestId,
    event.requestId,
    Math.trunc(event.timestamp),
    event.tenant,
    event.keyId,
    event.route,
    event.modelAlias,
    event.modelId,
    event.family,
    event.region,
    event.inputTokens,
    event.outputTokens,
    event.costUsd,
    event.latencyMs,
    event.bedrockLatencyMs,
    event.gatewayOverheadMs,
    event.status,
    event.errorCode,
    event.httpStatus,
    event.streamed,
    event.ragUsed,
    event.knowledgeBaseId,
    event.contextsUsed,
    event.retries,
    event.failoverRegion,
    event.metadata === null ? null : JSON.stringify(event.metadata),
    // Records spilled before the column existed have no such field.
    event.bedrockRequestId ?? null,
  ];
}
