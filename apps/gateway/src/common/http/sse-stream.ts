import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Response headers of a Server-Sent Events answer. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // Tell proxies such as nginx not to buffer the stream.
  'x-accel-buffering': 'no',
} as const;

/**
 * Frames events as SSE text in a Readable that Fastify pipes to the caller (backpressure included).
 * After each frame the generator yields to the event loop: Node corks a chunked response per write and
 * uncorks on `process.nextTick`, and when Bedrock delivers several chunks in one socket read, decoding
 * them is one long promise chain that would hold every byte (the first token included) until its end.
 */
export function toSseStream(events: AsyncIterable<SseEvent>): Readable {
  async function* frames(): AsyncGenerator<string> {
    for await (const { event, data } of events) {
      yield `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      await setImmediate();
    }
  }
  return Readable.from(frames(), { objectMode: false });
}
