import { HttpException } from '@nestjs/common';
import { ApiError, ErrorDetail } from './api-error';
import { isApiErrorCode } from './api-error-code';

/** Maps anything thrown on the request path to the API's error; unknown errors become internal_error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const domain = fromDomainError(error);
  if (domain) return domain;
  if (error instanceof HttpException) return fromHttpException(error);
  return new ApiError('internal_error', 'Something went wrong inside the gateway.');
}

interface DomainErrorLike {
  code?: unknown;
  message?: unknown;
  retryAfterSeconds?: unknown;
  details?: unknown;
}

/**
 * The project's domain errors (BedrockError, the family errors, governance's PolicyDenial, the usage
 * store's query errors) carry a code from the API table and a message written for callers.
 */
function fromDomainError(error: unknown): ApiError | null {
  if (!(error instanceof Error)) return null;
  const e = error as DomainErrorLike;
  if (typeof e.code !== 'string' || !isApiErrorCode(e.code) || typeof e.message !== 'string') return null;
  const code = e.code;
  // API.md: upstream_throttled always carries Retry-After; 1 s when Bedrock suggested nothing.
  const retryAfter =
    typeof e.retryAfterSeconds === 'number' ? e.retryAfterSeconds : code === 'upstream_throttled' ? 1 : null;
  const details = Array.isArray(e.details) ? (e.details as ErrorDetail[]) : [];
  return new ApiError(code, e.message, details, retryAfter);
}

function fromHttpException(error: HttpException): ApiError {
  switch (error.getStatus()) {
    // Nest turns Fastify's body-parsing errors into HttpException(message, status), without Fastify's
    // error code; DTO validation and the gateway's hooks throw ApiError, so a bare 400 here can only be
    // a body Fastify's JSON parser refused: empty, not JSON, a content-length that does not match it, or
    // a `__proto__` / `constructor.prototype` key (the parser's own guard raises the same error).
    case 400:
      return new ApiError(
        'invalid_json',
        'The request body is empty or not valid JSON (a __proto__ or constructor.prototype key is refused too).',
      );
    case 404:
      return new ApiError('not_found', 'No such route.');
    case 405:
      return new ApiError('method_not_allowed', 'This route does not accept that method.');
    case 413:
      return new ApiError('payload_too_large', 'The request body is larger than the limit.');
    case 415:
      return new ApiError(
        'unsupported_media_type',
        'Send the request body as JSON (content-type: application/json).',
      );
    default:
      return error.getStatus() < 500
        ? new ApiError('validation_error', error.message)
        : new ApiError('internal_error', 'Something went wrong inside the gateway.');
  }
}
