import { BedrockError, BedrockErrorCode } from '@app/bedrock';
import type { FastifyReply } from 'fastify';

/**
 * An AbortSignal that fires when the caller goes away before the response is complete, with a
 * `client_closed` reason, so the upstream Bedrock call is aborted too.
 */
export function clientAbortSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) {
      controller.abort(new BedrockError(BedrockErrorCode.ClientClosed, 'The client closed the connection.'));
    }
  });
  return controller.signal;
}

/** The caller's signal combined with the request's own deadline. */
export function withDeadline(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}
