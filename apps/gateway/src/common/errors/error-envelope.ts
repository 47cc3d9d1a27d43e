import type { ApiError } from './api-error';

/** The API.md error body. */
export function errorEnvelope(error: ApiError, requestId: string): Record<string, unknown> {
  return {
    error: {
      code: error.code,
      message: error.message,
      request_id: requestId,
      ...(error.details.length > 0 ? { details: error.details } : {}),
    },
  };
}
