import { BedrockError, BedrockErrorCode } from '@app/bedrock';
import type { FastifyReply } from 'fastify';

/**
 * How long a streamed answer may take to end by itself once its signal has aborted (deadline or caller
 * gone) before the gateway settles its usage record and closes the response: a caller that stopped
 * reading would otherwise hold both, and its Bedrock connection's slot, for as long as it likes.
 */
export const STREAM_ABORT_GRACE_MS = 1000;

/** What a service needs of the HTTP request: the signal that bounds its upstream work. */
export interface RequestAbort {
  /** Fires with `client_closed` when the caller goes away before the response is complete. */
  readonly signal: AbortSignal;
  /** Adds the request's deadline (then aborts with a TimeoutError reason) and returns the same signal. */
  withDeadline(timeoutMs: number): AbortSignal;
}

/**
 * One AbortController and at most one timer per request, both released when the response closes
 * (a finished response clears its deadline; AbortSignal.any + AbortSignal.timeout would leave a
 * composite signal and a pending timer behind every request until the deadline passed).
 */
export function requestAbort(reply: FastifyReply): RequestAbort {
  const controller = new AbortController();
  let deadline: NodeJS.Timeout | undefined;
  const clientClosed = () =>
    controller.abort(new BedrockError(BedrockErrorCode.ClientClosed, 'The client closed the connection.'));
  // A caller that left while guards and pipes ran has already closed the response: no 'close' to come.
  if (reply.raw.destroyed && !reply.raw.writableFinished) clientClosed();
  reply.raw.once('close', () => {
    clearTimeout(deadline);
    if (!reply.raw.writableFinished) clientClosed();
  });
  return {
    signal: controller.signal,
    withDeadline(timeoutMs) {
      if (deadline === undefined && !controller.signal.aborted) {
        // Like AbortSignal.timeout's reason; abortError() maps it to `upstream_timeout`.
        deadline = setTimeout(
          () => controller.abort(new DOMException('deadline', 'TimeoutError')),
          timeoutMs,
        );
        deadline.unref();
      }
      return controller.signal;
    },
  };
}
