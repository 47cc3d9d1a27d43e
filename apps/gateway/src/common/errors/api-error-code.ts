/** Every error code of the API envelope (shared/docs/API.md "Error envelope") and its HTTP status. */
export const API_ERROR_STATUS = {
  invalid_json: 400,
  validation_error: 400,
  upstream_validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  model_not_found: 404,
  knowledge_base_not_found: 404,
  no_context: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  pii_blocked: 422,
  rate_limited: 429,
  budget_exceeded: 429,
  upstream_throttled: 429,
  client_closed: 499,
  internal_error: 500,
  upstream_access_denied: 502,
  upstream_error: 502,
  upstream_unavailable: 503,
  not_ready: 503,
  upstream_timeout: 504,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export function isApiErrorCode(value: string): value is ApiErrorCode {
  return Object.prototype.hasOwnProperty.call(API_ERROR_STATUS, value);
}
