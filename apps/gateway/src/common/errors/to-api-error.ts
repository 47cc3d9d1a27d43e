import { BedrockError } from '@app/bedrock';
import { HttpException } from '@nestjs/common';
import { ApiError } from './api-error';
import { isApiErrorCode } from './api-error-code';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
}

/** Fastify's own errors raised before a route runs (body parsing, limits, routing). */
const FASTIFY_CODES: Record<string, () => ApiError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => new ApiError('invalid_json', 'The request body is not valid JSON.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new ApiError('invalid_json', 'The request body is empty; send a JSON object.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new ApiError('payload_too_large', 'The request body is larger than the limit.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new ApiError('unsupported_media_type', 'Send the request body as JSON (content-type: application/json).'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new ApiError('invalid_json', 'The content-length does not match the body.'),
};

/** Maps anything thrown on the request path to the API's error; unknown errors become internal_error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof BedrockError) {
    if (!isApiErrorCode(error.code)) return new ApiError('upstream_error', error.message);
    // API.md: upstream_throttled always carries Retry-After; 1 s when Bedrock suggested nothing.
    const retryAfter = error.retryAfterSeconds ?? (error.code === 'upstream_throttled' ? 1 : null);
    return new ApiError(error.code, error.message, [], retryAfter);
  }
  const fastify = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  const known = fastify.code ? FASTIFY_CODES[fastify.code] : undefined;
  if (known) return known();
  if (error instanceof SyntaxError && fastify.statusCode === 400) {
    return new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
  if (error instanceof HttpException) return fromHttpException(error);
  return new ApiError('internal_error', 'Something went wrong inside the gateway.');
}

function fromHttpException(error: HttpException): ApiError {
  switch (error.getStatus()) {
    case 404:
      return new ApiError('not_found', 'No such route.');
    case 405:
      return new ApiError('method_not_allowed', 'This route does not accept that method.');
    case 413:
      return new ApiError('payload_too_large', 'The request body is larger than the limit.');
    case 415:
      return new ApiError('unsupported_media_type', 'Send the request body as JSON (content-type: application/json).');
    default:
      return error.getStatus() < 500
        ? new ApiError('validation_error', error.message)
        : new ApiError('internal_error', 'Something went wrong inside the gateway.');
  }
}
