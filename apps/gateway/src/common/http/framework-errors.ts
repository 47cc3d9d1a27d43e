import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';
import { errorEnvelope } from '../errors/error-envelope';

/** Longest path parameter, decoded: an account-scoped inference-profile ARN is ~100–200 characters. */
export const MAX_PARAM_LENGTH = 2048;

/**
 * Fastify's own refusals before any route or hook runs (a path that is not valid percent-encoding, a
 * path parameter over MAX_PARAM_LENGTH), answered in the API envelope with the request id like every
 * other error instead of Fastify's default body.
 */
export function answerFrameworkError(
  error: { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const failure =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ApiError('validation_error', `A path segment is longer than ${MAX_PARAM_LENGTH} characters.`)
      : error.code === 'FST_ERR_BAD_URL'
        ? new ApiError('validation_error', 'The URL path is not valid percent-encoding.')
        : new ApiError('internal_error', 'Something went wrong inside the gateway.');
  void reply
    .status(failure.status)
    .header('x-request-id', request.id)
    .header('content-type', 'application/json; charset=utf-8')
    .send(errorEnvelope(failure, request.id));
}
