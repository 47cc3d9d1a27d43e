import { crc32 } from 'node:zlib';
import { EventStreamDecodeError } from './event-stream-decode.error';
import { decodeMessage } from './event-stream-decoder';
import { encodeMessage } from './event-stream-encoder';
import { EventStreamMessage } from './event-stream.types';

const everyType: EventStreamMessage = {
  headers: {
    t: { type: 'boolean', value: true },
    f: { type: 'boolean', value: false },
    b: { type: 'byte', value: -7 },
    s: { type: 'short', value: -1234 },
    i: { type: 'integer', value: 2_000_000_123 },
    l: { type: 'long', value: -9_007_199_254_740_993n },
    bin: { type: 'binary', value: new Uint8Array([0, 1, 254, 255]) },
    str: { type: 'string', value: 'héllo ✓' },
    ts: { type: 'timestamp', value: new Date('2026-11-22T04:09:16.123Z') },
    id: { type: 'uuid', value: '8c5b546d-7ef0-4740-96c6-9847ad35bb27' },
  },
  body: Buffer.from('{"a":1}'),
};

describe('event-stream codec', () => {
  it('uses standard CRC-32 (check value 0xCBF43926)', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it('round-trips a message carrying every header type (0..9)', () => {
    const frame = encodeMessage(everyType);

    const decoded = decodeMessage(frame);

    expect(decoded.headers).toEqual(everyType.headers);
    expect(Buffer.from(decoded.body).toString()).toBe('{"a":1}');
    expect(encodeMessage(decoded).equals(frame)).toBe(true);
  });

  it('writes each header type tag and width as §2.3 specifies', () => {
    const frame = encodeMessage({
      headers: {
        t: { type: 'boolean', value: true },
        f: { type: 'boolean', value: false },
        b: { type: 'byte', value: 1 },
        s: { type: 'short', value: 2 },
        i: { type: 'integer', value: 3 },
        l: { type: 'long', value: 4n },
        x: { type: 'binary', value: new Uint8Array([9]) },
        y: { type: 'string', value: 'z' },
        d: { type: 'timestamp', value: new Date(5) },
        u: { type: 'uuid', value: '00000000-0000-0000-0000-000000000006' },
      },
      body: new Uint8Array(0),
    });

    expect(frame.subarray(12, frame.length - 4).toString('hex')).toBe(
      [
        '017400',
        '016601',
        '01620201',
        '0173030002',
        '01690400000003',
        '016c050000000000000004',
        '017806000109',
        '0179070001' + '7a',
        '016408' + '0000000000000005',
        '017509' + '00000000000000000000000000000006',
      ].join(''),
    );
  });

  it('rejects a corrupted message CRC', () => {
    const frame = encodeMessage(everyType);
    frame.writeUInt8(frame.readUInt8(frame.length - 10) ^ 0xff, frame.length - 10);

    expect(() => decodeMessage(frame)).toThrow(/message checksum/);
  });

  it('rejects a corrupted prelude CRC', () => {
    const frame = encodeMessage(everyType);
    frame.writeUInt8(frame.readUInt8(5) ^ 0x01, 5);

    expect(() => decodeMessage(frame)).toThrow(/prelude checksum/);
  });

  it('rejects a truncated frame', () => {
    const frame = encodeMessage(everyType);

    expect(() => decodeMessage(frame.subarray(0, 10))).toThrow(EventStreamDecodeError);
    expect(() => decodeMessage(frame.subarray(0, frame.length - 1))).toThrow(EventStreamDecodeError);
  });

  it('rejects an unknown header type', () => {
    const frame = encodeMessage({
      headers: { a: { type: 'boolean', value: true } },
      body: new Uint8Array(0),
    });
    frame[14] = 42;
    // Recompute the message CRC so that only the header type is wrong.
    frame.writeUInt32BE(crc32(frame.subarray(0, frame.length - 4)), frame.length - 4);

    expect(() => decodeMessage(frame)).toThrow(/header type 42/);
  });
});
