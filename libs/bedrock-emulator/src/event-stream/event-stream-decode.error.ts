/** A frame that cannot be decoded: bad CRC, impossible lengths, malformed headers or a truncated stream. */
export class EventStreamDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStreamDecodeError';
  }
}
