import { BedrockErrorCode } from '../errors/bedrock-error-code';
import type { BedrockError } from '../errors/bedrock-error';

/** A value obtained from Bedrock and how it was obtained. */
export interface CallOutcome<T> {
  value: T;
  region: string;
  /** Attempts made across all regions (1 = no retry). */
  attempts: number;
  /** The region that answered, when it was not the primary one. */
  failoverRegion: string | null;
}

/**
 * Updated as attempts are made, so a failed call still reports its attempts, its last region, the
 * failover region it reached (null while it stays in the primary) and whether Bedrock may have billed it.
 */
export interface CallProgress {
  attempts: number;
  region: string | null;
  failoverRegion: string | null;
  /**
   * A model attempt that Bedrock took on: it answered, or the attempt ended in a way other than a
   * refusal (a deadline, a caller gone, a reset connection, a model error). Refusals — throttling,
   * validation, access denied, not found, unavailable or not ready — are not billed.
   */
  mayHaveBilled: boolean;
  /**
   * Bedrock's `x-amzn-RequestId` for the last attempt it answered, with a result or an error (null while
   * none has): what an AWS support case about this call needs.
   */
  bedrockRequestId: string | null;
}

/** Whether Bedrock refused the attempt outright (it bills none of these). */
export function isRefusal(error: BedrockError): boolean {
  switch (error.code) {
    case BedrockErrorCode.UpstreamThrottled:
    case BedrockErrorCode.UpstreamValidation:
    case BedrockErrorCode.UpstreamAccessDenied:
    case BedrockErrorCode.ModelNotFound:
    case BedrockErrorCode.KnowledgeBaseNotFound:
      return true;
    case BedrockErrorCode.UpstreamUnavailable:
      // Bedrock's own 5xx answers, or a connection that was never made; not a failure after the request
      // was sent (a reset, a premature close).
      return REFUSING_UNAVAILABLE.has(error.awsName ?? '');
    case BedrockErrorCode.UpstreamError:
    case BedrockErrorCode.UpstreamTimeout:
    case BedrockErrorCode.ClientClosed:
    case BedrockErrorCode.ShuttingDown:
      return false;
  }
}

/** `awsName`s of an unavailable Bedrock that refused the attempt, or never received it. */
const REFUSING_UNAVAILABLE: ReadonlySet<string> = new Set([
  'ServiceUnavailableException',
  'ModelNotReadyException',
  'InternalServerException',
  // Transport codes of a connection that was never made: no request reached Bedrock.
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
