import { Readable } from 'node:stream';

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

/** Frames events as SSE text in a Readable that Fastify pipes to the caller (backpressure included). */
export function toSseStream(events: AsyncIterable<SseEvent>): Readable {
  async function* frames(): AsyncGenerator<string> {
    for await (const { event, data } of events) yield `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  }
  return Readable.from(frames(), { objectMode: false });
}
