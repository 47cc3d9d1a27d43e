import { HttpException } from '@nestjs/common';
import { ApiError, ErrorDetail } from './api-error';
import { isApiErrorCode } from './api-error-code';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
}

/** Fastify's own errors raised before a route runs (body parsing, limits, routing). */
const FASTIFY_CODES: Record<string, () => ApiError> = {
  // Fastify's parser raises the same error for a `__proto__` / `constructor.prototype` key (its guard).
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    new ApiError(
      'invalid_json',
      'The request body is not valid JSON, or it has a __proto__ or constructor.prototype key.',
    ),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new ApiError('invalid_json', 'The request body is empty; send a JSON object.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new ApiError('payload_too_large', 'The request body is larger than the limit.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new ApiError('unsupported_media_type', 'Send the request body as JSON (content-type: application/json).'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new ApiError('invalid_json', 'The content-length does not match the body.'),
};

/** Maps anything thrown on the request path to the API's error; unknown errors become internal_error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const domain = fromDomainError(error);
  if (domain) return domain;
  const fastify = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  const known = fastify.code ? FASTIFY_CODES[fastify.code] : undefined;
  if (known) return known();
  if (error instanceof SyntaxError && fastify.statusCode === 400) {
    return new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
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
    // Nest turns Fastify's body-parsing errors into HttpException(message, status); DTO validation
    // throws ApiError, so a bare 400 here can only be a body that is not JSON.
    case 400:
      return new ApiError('invalid_json', 'The request body is not valid JSON.');
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
