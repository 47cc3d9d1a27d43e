import type { ModelFamily } from '../catalog/catalog.types';

/** Outcome of one model call as recorded in the usage ledger. */
export type UsageStatus = 'success' | 'error' | 'client_closed' | 'denied';

/**
 * One record per model call (success or failure). Never holds the prompt or the answer.
 * Produced by the cost-and-latency interceptor, consumed through the `UsageSink` port.
 */
export interface UsageEvent {
  requestId: string;
  /** Epoch milliseconds when the request arrived. */
  timestamp: number;
  tenant: string | null;
  keyId: string | null;
  /** e.g. `/bedrock/chat`, `/bedrock/chat/rag`. */
  route: string;
  modelAlias: string | null;
  modelId: string | null;
  family: ModelFamily | null;
  region: string | null;
  inputTokens: number;
  outputTokens: number;
  /** USD; null when the price is unknown. */
  costUsd: number | null;
  latencyMs: number;
  bedrockLatencyMs: number | null;
  gatewayOverheadMs: number;
  status: UsageStatus;
  /** The API error code (`upstream_throttled`, `rate_limited`, …) when status is not success. */
  errorCode: string | null;
  httpStatus: number;
  streamed: boolean;
  ragUsed: boolean | null;
  knowledgeBaseId: string | null;
  contextsUsed: number | null;
  retries: number;
  /** Region that finally answered when it was not the primary one. */
  failoverRegion: string | null;
  /**
   * Bedrock's `x-amzn-RequestId` for the last answer it gave this call (a result or an error); null when
   * no attempt got one.
   */
  bedrockRequestId: string | null;
  metadata: Record<string, string> | null;
  /** Milliseconds from the request's arrival to a stream's first text (metrics only; not stored). */
  timeToFirstTokenMs?: number | null;
}
