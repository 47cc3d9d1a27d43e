import { crc32 } from 'node:zlib';
import {
  EventStreamHeaderValue,
  EventStreamHeaders,
  EventStreamMessage,
  FRAME_OVERHEAD,
  HEADER_TYPE,
  PRELUDE_LENGTH,
} from './event-stream.types';

const UUID_HEX = /^[0-9a-f]{32}$/;

function encodeValue(header: EventStreamHeaderValue): Buffer {
  switch (header.type) {
    case 'boolean':
      return Buffer.from([header.value ? HEADER_TYPE.boolTrue : HEADER_TYPE.boolFalse]);
    case 'byte': {
      const out = Buffer.alloc(2);
      out.writeUInt8(HEADER_TYPE.byte, 0);
      out.writeInt8(header.value, 1);
      return out;
    }
    case 'short': {
      const out = Buffer.alloc(3);
      out.writeUInt8(HEADER_TYPE.short, 0);
      out.writeInt16BE(header.value, 1);
      return out;
    }
    case 'integer': {
      const out = Buffer.alloc(5);
      out.writeUInt8(HEADER_TYPE.integer, 0);
      out.writeInt32BE(header.value, 1);
      return out;
    }
    case 'long':
    case 'timestamp': {
      const out = Buffer.alloc(9);
      const isLong = header.type === 'long';
      out.writeUInt8(isLong ? HEADER_TYPE.long : HEADER_TYPE.timestamp, 0);
      out.writeBigInt64BE(isLong ? header.value : BigInt(header.value.getTime()), 1);
      return out;
    }
    case 'binary':
    case 'string': {
      const bytes = header.type === 'string' ? Buffer.from(header.value, 'utf8') : Buffer.from(header.value);
      if (bytes.length > 0xffff) throw new RangeError('event-stream header value longer than 65535 bytes');
      const out = Buffer.alloc(3 + bytes.length);
      out.writeUInt8(header.type === 'string' ? HEADER_TYPE.string : HEADER_TYPE.binary, 0);
      out.writeUInt16BE(bytes.length, 1);
      bytes.copy(out, 3);
      return out;
    }
    case 'uuid': {
      const hex = header.value.replace(/-/g, '').toLowerCase();
      if (!UUID_HEX.test(hex)) throw new RangeError(`not a UUID: ${header.value}`);
      return Buffer.concat([Buffer.from([HEADER_TYPE.uuid]), Buffer.from(hex, 'hex')]);
    }
  }
}

/** Header block: `name_len | name | type | value`, repeated in insertion order. */
export function encodeHeaders(headers: EventStreamHeaders): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    if (nameBytes.length === 0 || nameBytes.length > 255) {
      throw new RangeError(`event-stream header name must be 1..255 bytes: ${name}`);
    }
    parts.push(Buffer.from([nameBytes.length]), nameBytes, encodeValue(value));
  }
  return Buffer.concat(parts);
}

/** One complete frame: prelude, prelude CRC, headers, payload, message CRC (all big-endian). */
export function encodeMessage(message: EventStreamMessage): Buffer {
  const headers = encodeHeaders(message.headers);
  const total = FRAME_OVERHEAD + headers.length + message.body.length;
  const frame = Buffer.allocUnsafe(total);
  frame.writeUInt32BE(total, 0);
  frame.writeUInt32BE(headers.length, 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  headers.copy(frame, PRELUDE_LENGTH);
  frame.set(message.body, PRELUDE_LENGTH + headers.length);
  frame.writeUInt32BE(crc32(frame.subarray(0, total - 4)), total - 4);
  return frame;
}
