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

/**
 * The status of a call that ended with `errorCode` (null: it succeeded). A caller that went away is no
 * error of the call's.
 */
export function usageStatusOf(errorCode: string | null): UsageStatus {
  if (errorCode === null) return 'success';
  return errorCode === 'client_closed' ? 'client_closed' : 'error';
}

/** The end of a call on both clocks: `at` for durations, `epochMs` for the record's wall-clock time. */
export interface CallEnd {
  at: number;
  epochMs: number;
}

export const callEnd = (): CallEnd => ({ at: performance.now(), epochMs: Date.now() });

/** Failures whose every attempt Bedrock refused outright (or that never reached it): no tokens, no bill. */
const REFUSED_BY_BEDROCK: ReadonlySet<string> = new Set([
  'upstream_throttled',
  'upstream_validation_error',
  'upstream_access_denied',
  'upstream_unavailable',
  'model_not_found',
]);

/**
 * The call's cost in USD. Set when the call was settled (priced from its tokens; null for an unpriced
 * model). A failure with no tokens cost exactly 0 when no attempt reached Bedrock or Bedrock refused the
 * call, which it does not bill; it stays unknown (null) where Bedrock may have worked unseen: a deadline,
 * a caller that left, an answer the gateway could not use. RetrieveAndGenerate reports no tokens: null.
 */
function costOf(record: CallRecord, errorCode: string | null): number | null {
  if (record.costUsd !== null || errorCode === null || record.unmetered) return record.costUsd;
  if (record.inputTokens > 0 || record.outputTokens > 0) return null;
  return record.attempts === 0 || REFUSED_BY_BEDROCK.has(errorCode) ? 0 : null;
}

export function toUsageEvent(input: {
  requestId: string;
  route: string;
  record: CallRecord;
  startedAt: number;
  failure: unknown;
  replyStatus: number;
  /** When the call ended (performance.now() and Date.now() read together); defaults to now. */
  ended?: CallEnd;
}): UsageEvent {
  const { record, startedAt, failure } = input;
  const { at: now, epochMs } = input.ended ?? callEnd();
  const failed = failure !== undefined ? describeFailure(failure) : null;
  const errorCode = record.errorCode ?? failed?.code ?? null;
  const status: UsageStatus = record.status ?? usageStatusOf(errorCode);
  const model = record.model;
  return {
    requestId: input.requestId,
    timestamp: epochMs - (now - startedAt),
    tenant: record.tenant,
    keyId: record.keyId,
    route: input.route,
    modelAlias: model?.alias ?? null,
    modelId: model?.baseModelId ?? null,
    family: model?.family ?? null,
    region: record.region,
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    costUsd: costOf(record, errorCode),
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
