import type { UsageEvent, UsageStatus } from '../usage/usage-event';
import type { CallRecord } from './call-record';

interface ErrorLike {
  code?: unknown;
  status?: unknown;
}

/** The HTTP status a failure carries itself (ApiError, BedrockError, …), or null. */
export function failureStatus(failure: unknown): number | null {
  const status = (failure as ErrorLike | null | undefined)?.status;
  return typeof status === 'number' ? status : null;
}

/** The error code and HTTP status of a failure, read from the error itself (ApiError, BedrockError, …). */
function describeFailure(failure: unknown): { code: string; status: number } {
  const e = (typeof failure === 'object' && failure !== null ? failure : {}) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : 'internal_error';
  return { code, status: failureStatus(failure) ?? 500 };
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

/** The error code a call ended with (null: it succeeded): the record's own, else the thrown error's. */
export function callErrorCode(record: CallRecord, failure: unknown): string | null {
  return record.errorCode ?? (failure !== undefined ? describeFailure(failure).code : null);
}

/**
 * A failed call on which Bedrock may have done (and billed) work the gateway never saw counted: one of
 * its attempts was not refused (`CallProgress.mayHaveBilled`: a deadline, a caller that left before the
 * first token, a reset connection, an answer the gateway could not use), and no token was reported. Its
 * cost is unknown, and budgets and rates keep the call's estimate rather than settle on nothing.
 */
export function mayHaveUnseenCost(record: CallRecord, errorCode: string | null): boolean {
  return errorCode !== null && record.mayHaveBilled && record.inputTokens === 0 && record.outputTokens === 0;
}

/**
 * The call's cost in USD. Set when the call was settled (priced from its tokens; null for an unpriced
 * model). A failure with no tokens cost exactly 0 when no attempt reached Bedrock or Bedrock refused
 * every one, which it does not bill; it stays unknown (null) where Bedrock may have worked unseen
 * (`mayHaveUnseenCost`). RetrieveAndGenerate reports no tokens: null.
 */
function costOf(record: CallRecord, errorCode: string | null): number | null {
  if (record.costUsd !== null || errorCode === null || record.unmetered) return record.costUsd;
  // Tokens without a cost: an unpriced model.
  const tokens = record.inputTokens + record.outputTokens;
  return tokens > 0 || mayHaveUnseenCost(record, errorCode) ? null : 0;
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
  const errorCode = callErrorCode(record, failure);
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
    bedrockRequestId: record.bedrockRequestId,
    metadata: record.metadata,
    timeToFirstTokenMs: record.firstTokenAt === null ? null : record.firstTokenAt - startedAt,
  };
}
