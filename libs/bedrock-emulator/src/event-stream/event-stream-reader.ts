import { EventStreamDecodeError } from './event-stream-decode.error';
import { decodeMessage, readPrelude } from './event-stream-decoder';
import { EventStreamMessage, PRELUDE_LENGTH } from './event-stream.types';

/**
 * Incremental decoder: frames arrive split across TCP segments or HTTP/2 DATA frames in any way (§2.3),
 * so bytes are buffered until a whole message is present. Fails fast on a bad prelude rather than
 * waiting for a length that a corrupted prelude made up.
 */
export class EventStreamReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Feeds bytes; returns every message completed by them, in order. */
  push(chunk: Uint8Array): EventStreamMessage[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const messages: EventStreamMessage[] = [];
    while (this.pending.length >= PRELUDE_LENGTH) {
      const total = readPrelude(this.pending);
      if (this.pending.length < total) break;
      messages.push(decodeMessage(this.pending.subarray(0, total)));
      this.pending = this.pending.subarray(total);
    }
    return messages;
  }

  /** Call at end of stream: leftover bytes mean the last message was cut off. */
  end(): void {
    if (this.pending.length > 0) throw new EventStreamDecodeError('Truncated event message received.');
  }

  get bufferedBytes(): number {
    return this.pending.length;
  }
}
