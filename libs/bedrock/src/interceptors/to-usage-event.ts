import type { UsageEvent, UsageStatus } from '../usage/usage-event';
import type { CallRecord } from './call-record';

interface ErrorLike {
  code?: unknown;
  status?: unknown;
}

/** The error code and HTTP status of a failure, read from the error itself (ApiError, BedrockError, …). */
function describeFailure(failure: unknown): { code: string; status: number } {
  const e = (typeof failure === 'object' && failure !== null ? failure : {}) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : 'internal_error';
  const status = typeof e.status === 'number' ? e.status : 500;
  return { code, status };
}

export function toUsageEvent(input: {
  requestId: string;
  route: string;
  record: CallRecord;
  startedAt: number;
  failure: unknown;
  replyStatus: number;
  /** When the call ended (performance.now()); defaults to now. */
  endedAt?: number;
}): UsageEvent {
  const { record, startedAt, failure } = input;
  const now = input.endedAt ?? performance.now();
  const failed = failure !== undefined ? describeFailure(failure) : null;
  const errorCode = record.errorCode ?? failed?.code ?? null;
  const status: UsageStatus = record.status ?? (errorCode ? 'error' : 'success');
  const model = record.model;
  return {
    requestId: input.requestId,
    timestamp: Date.now() - (now - startedAt),
    tenant: record.tenant,
    keyId: record.keyId,
    route: input.route,
    modelAlias: model?.alias ?? null,
    modelId: model?.baseModelId ?? null,
    family: model?.family ?? null,
    region: record.region,
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    costUsd: record.costUsd,
    latencyMs: now - startedAt,
    bedrockLatencyMs: record.bedrockLatencyMs,
    gatewayOverheadMs: record.overheadMs(startedAt, now),
    status,
    errorCode,
    httpStatus: record.httpStatus ?? failed?.status ?? input.replyStatus,
    streamed: record.streamed,
    ragUsed: record.ragUsed,
    knowledgeBaseId: record.knowledgeBaseId,
    contextsUsed: record.contextsUsed,
    retries: Math.max(0, record.attempts - 1),
    failoverRegion: record.failoverRegion,
    metadata: record.metadata,
  };
}
