import { crc32 } from 'node:zlib';
import { EventStreamDecodeError } from './event-stream-decode.error';
import {
  EventStreamHeaderValue,
  EventStreamHeaders,
  EventStreamMessage,
  FRAME_OVERHEAD,
  HEADER_TYPE,
  MAX_MESSAGE_LENGTH,
  PRELUDE_LENGTH,
} from './event-stream.types';

function need(buffer: Buffer, offset: number, length: number): void {
  if (offset + length > buffer.length) throw new EventStreamDecodeError('Malformed event-stream headers');
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Reads one header value of wire type `type` at `offset`; returns the value and the bytes consumed. */
function decodeValue(buffer: Buffer, type: number, offset: number): [EventStreamHeaderValue, number] {
  switch (type) {
    case HEADER_TYPE.boolTrue:
      return [{ type: 'boolean', value: true }, 0];
    case HEADER_TYPE.boolFalse:
      return [{ type: 'boolean', value: false }, 0];
    case HEADER_TYPE.byte:
      need(buffer, offset, 1);
      return [{ type: 'byte', value: buffer.readInt8(offset) }, 1];
    case HEADER_TYPE.short:
      need(buffer, offset, 2);
      return [{ type: 'short', value: buffer.readInt16BE(offset) }, 2];
    case HEADER_TYPE.integer:
      need(buffer, offset, 4);
      return [{ type: 'integer', value: buffer.readInt32BE(offset) }, 4];
    case HEADER_TYPE.long:
      need(buffer, offset, 8);
      return [{ type: 'long', value: buffer.readBigInt64BE(offset) }, 8];
    case HEADER_TYPE.timestamp:
      need(buffer, offset, 8);
      return [{ type: 'timestamp', value: new Date(Number(buffer.readBigInt64BE(offset))) }, 8];
    case HEADER_TYPE.binary:
    case HEADER_TYPE.string: {
      need(buffer, offset, 2);
      const length = buffer.readUInt16BE(offset);
      need(buffer, offset + 2, length);
      const bytes = buffer.subarray(offset + 2, offset + 2 + length);
      const value: EventStreamHeaderValue =
        type === HEADER_TYPE.string
          ? { type: 'string', value: bytes.toString('utf8') }
          : { type: 'binary', value: new Uint8Array(bytes) };
      return [value, 2 + length];
    }
    case HEADER_TYPE.uuid:
      need(buffer, offset, 16);
      return [{ type: 'uuid', value: formatUuid(buffer.subarray(offset, offset + 16)) }, 16];
    default:
      throw new EventStreamDecodeError(`Unrecognized event-stream header type ${type}`);
  }
}

export function decodeHeaders(block: Buffer): EventStreamHeaders {
  const headers: EventStreamHeaders = {};
  let offset = 0;
  while (offset < block.length) {
    const nameLength = block.readUInt8(offset);
    need(block, offset + 1, nameLength + 1);
    const name = block.toString('utf8', offset + 1, offset + 1 + nameLength);
    const type = block.readUInt8(offset + 1 + nameLength);
    const [value, used] = decodeValue(block, type, offset + 2 + nameLength);
    headers[name] = value;
    offset += 2 + nameLength + used;
  }
  return headers;
}

/**
 * Checks the prelude of a frame (at least 12 bytes) and returns its total length. Throws on a bad prelude
 * CRC or impossible lengths, so a corrupted length can never make a reader wait for bytes that never come.
 */
export function readPrelude(buffer: Buffer): number {
  const total = buffer.readUInt32BE(0);
  const headersLength = buffer.readUInt32BE(4);
  const expected = buffer.readUInt32BE(8);
  const actual = crc32(buffer.subarray(0, 8));
  if (actual !== expected) {
    throw new EventStreamDecodeError(
      `The prelude checksum specified in the message (${expected}) does not match the calculated CRC32 checksum (${actual}).`,
    );
  }
  if (total < FRAME_OVERHEAD || total > MAX_MESSAGE_LENGTH || headersLength > total - FRAME_OVERHEAD) {
    throw new EventStreamDecodeError(
      `Invalid event-stream lengths: total ${total}, headers ${headersLength}`,
    );
  }
  return total;
}

/** Decodes exactly one complete frame. */
export function decodeMessage(frame: Uint8Array): EventStreamMessage {
  const buffer = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (buffer.length < FRAME_OVERHEAD) throw new EventStreamDecodeError('Truncated event message received.');
  const total = readPrelude(buffer);
  if (buffer.length !== total) {
    throw new EventStreamDecodeError(`Frame is ${buffer.length} bytes but its prelude says ${total}`);
  }
  const expected = buffer.readUInt32BE(total - 4);
  const actual = crc32(buffer.subarray(0, total - 4));
  if (actual !== expected) {
    throw new EventStreamDecodeError(
      `The message checksum (${actual}) did not match the expected value of ${expected}`,
    );
  }
  const headersEnd = PRELUDE_LENGTH + buffer.readUInt32BE(4);
  return {
    headers: decodeHeaders(buffer.subarray(PRELUDE_LENGTH, headersEnd)),
    body: new Uint8Array(buffer.subarray(headersEnd, total - 4)),
  };
}
