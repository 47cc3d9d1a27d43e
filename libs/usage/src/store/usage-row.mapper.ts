import type { ModelFamily, UsageStatus } from '@app/bedrock';
import type { TenantSpending, UsageRow } from './usage-query.types';

/** A row as either driver returns it: bigint may come as string, booleans as 0/1, JSON as text. */
export type DbRow = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
/** Text of a scalar column (drivers give text, numbers, or bigint as string). */
export const str = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'bigint'
      ? value.toString()
      : JSON.stringify(value);
const strOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : str(value);
const boolOrNull = (value: unknown): boolean | null =>
  value === null || value === undefined ? null : value === true || value === 1 || value === '1';

function metadataOf(value: unknown): Record<string, string> | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, string>;
}

export function toUsageRow(row: DbRow): UsageRow {
  return {
    id: num(row.id),
    request_id: str(row.request_id),
    timestamp: new Date(num(row.ts)).toISOString(),
    tenant: strOrNull(row.tenant),
    key_id: strOrNull(row.key_id),
    route: str(row.route),
    model_alias: strOrNull(row.model_alias),
    model_id: strOrNull(row.model_id),
    family: strOrNull(row.family) as ModelFamily | null,
    region: strOrNull(row.region),
    input_tokens: num(row.input_tokens),
    output_tokens: num(row.output_tokens),
    cost_usd: numOrNull(row.cost_usd),
    latency_ms: num(row.latency_ms),
    bedrock_latency_ms: numOrNull(row.bedrock_latency_ms),
    gateway_overhead_ms: num(row.gateway_overhead_ms),
    status: str(row.status) as UsageStatus,
    error_code: strOrNull(row.error_code),
    http_status: num(row.http_status),
    streamed: boolOrNull(row.streamed) ?? false,
    rag_used: boolOrNull(row.rag_used),
    knowledge_base_id: strOrNull(row.knowledge_base_id),
    contexts_used: numOrNull(row.contexts_used),
    retries: num(row.retries),
    failover_region: strOrNull(row.failover_region),
    bedrock_request_id: strOrNull(row.bedrock_request_id),
    metadata: metadataOf(row.metadata),
  };
}

export function toTenantSpending(row: DbRow): TenantSpending {
  return { tenant: str(row.tenant), costUsd: num(row.cost_usd), tokens: num(row.tokens) };
}
