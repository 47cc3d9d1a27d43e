import { BedrockError } from './bedrock-error';
import { BedrockErrorCode } from './bedrock-error-code';

/**
 * Why an upstream call was aborted. The caller aborts with a BedrockError reason (client_closed when the
 * HTTP client went away); anything else is the request's own deadline (`timeout_ms`).
 */
export function abortError(signal: AbortSignal): BedrockError {
  const reason: unknown = signal.reason;
  if (reason instanceof BedrockError) return reason;
  return new BedrockError(
    BedrockErrorCode.UpstreamTimeout,
    'The request deadline (timeout_ms) passed before Bedrock answered.',
  );
}
