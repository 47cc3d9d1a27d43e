/** Codes of upstream failures; the gateway's exception filter maps each to an HTTP status (API.md). */
export enum BedrockErrorCode {
  UpstreamValidation = 'upstream_validation_error',
  UpstreamThrottled = 'upstream_throttled',
  UpstreamAccessDenied = 'upstream_access_denied',
  UpstreamError = 'upstream_error',
  UpstreamUnavailable = 'upstream_unavailable',
  UpstreamTimeout = 'upstream_timeout',
  ModelNotFound = 'model_not_found',
  KnowledgeBaseNotFound = 'knowledge_base_not_found',
  /** The caller went away; nobody receives this one, it only labels the usage record. */
  ClientClosed = 'client_closed',
  /** Not Bedrock's: the gateway is stopping and ended the call when its grace period ran out. */
  ShuttingDown = 'not_ready',
}

/** HTTP status the gateway's contract (API.md error table) gives each upstream code. */
export const BEDROCK_ERROR_HTTP_STATUS: Record<BedrockErrorCode, number> = {
  [BedrockErrorCode.UpstreamValidation]: 400,
  [BedrockErrorCode.UpstreamThrottled]: 429,
  [BedrockErrorCode.UpstreamAccessDenied]: 502,
  [BedrockErrorCode.UpstreamError]: 502,
  [BedrockErrorCode.UpstreamUnavailable]: 503,
  [BedrockErrorCode.UpstreamTimeout]: 504,
  [BedrockErrorCode.ModelNotFound]: 404,
  [BedrockErrorCode.KnowledgeBaseNotFound]: 404,
  [BedrockErrorCode.ClientClosed]: 499,
  [BedrockErrorCode.ShuttingDown]: 503,
};
