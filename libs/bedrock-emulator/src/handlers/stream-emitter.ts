import type { FaultPlan } from '../faults/fault-plan';
import { exceptionFrame } from '../event-stream/bedrock-frames';
import type { HttpExchange } from '../server/http-exchange';
import { waitOrClose } from './fault-gate';

/**
 * Writes event-stream frames (built lazily, so latency metrics can be taken as each one goes out),
 * applying the plan's per-chunk latency and mid-stream failure: after `afterChunks` frames an exception
 * frame (§2.5), an abrupt reset, half a frame followed by a clean end (the SDK's "Truncated event
 * message received."), or a clean end between frames (the SDK sees a normal end: only the missing last
 * event tells a client the answer is incomplete).
 */
export async function emitFrames(
  exchange: HttpExchange,
  frames: (() => Buffer)[],
  plan: FaultPlan,
): Promise<void> {
  const failure = plan.streamFailure;
  const failAt = failure ? Math.min(failure.afterChunks, frames.length) : Number.POSITIVE_INFINITY;
  for (let index = 0; index <= frames.length; index++) {
    if (index === failAt && failure) {
      switch (failure.mode) {
        case 'exception':
          await exchange.write(exceptionFrame(failure.exceptionType, failure.payload));
          exchange.end();
          return;
        case 'abort':
          exchange.abort();
          return;
        case 'end':
          exchange.end();
          return;
        case 'truncate': {
          const next = frames[index]?.() ?? exceptionFrame(failure.exceptionType, failure.payload);
          await exchange.write(next.subarray(0, Math.floor(next.length / 2)));
          exchange.end();
          return;
        }
      }
    }
    const frame = frames[index];
    if (!frame) break;
    if (index > 0) await waitOrClose(exchange, plan.chunkDelayMs);
    if (!(await exchange.write(frame()))) return;
  }
  exchange.end();
}
