import { BedrockError, BedrockErrorCode } from '@app/bedrock';
import type { FastifyInstance, FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** The aborts of the calls in progress (a graceful stop ends them when its grace runs out). */
    openCalls: Set<AbortController>;
  }
}

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
  const { openCalls } = reply.server;
  // A caller that left while guards and pipes ran has already closed the response: no 'close' to come.
  if (reply.raw.destroyed && !reply.raw.writableFinished) clientClosed();
  else openCalls.add(controller);
  reply.raw.once('close', () => {
    clearTimeout(deadline);
    openCalls.delete(controller);
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

/**
 * Ends every call in progress with 503 `not_ready` (a stream with its `error` event), for a graceful stop
 * whose grace has run out: its callers get an answer that says so, instead of a cut connection that
 * looks like a network fault. Returns how many calls it ended.
 */
export function endOpenCalls(server: FastifyInstance): number {
  const calls = [...server.openCalls];
  const reason = new BedrockError(
    BedrockErrorCode.ShuttingDown,
    'The gateway is shutting down and ended this call; send it again (another instance will take it).',
  );
  for (const call of calls) call.abort(reason);
  return calls.length;
}
