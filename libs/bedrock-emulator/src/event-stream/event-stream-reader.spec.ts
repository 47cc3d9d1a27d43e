import { eventFrame } from './bedrock-frames';
import { EventStreamReader } from './event-stream-reader';

const frames = [eventFrame('messageStart', { role: 'assistant' }), eventFrame('contentBlockStop', { i: 0 })];
const stream = Buffer.concat(frames);

const eventTypes = (reader: EventStreamReader, parts: Buffer[]): string[] =>
  parts.flatMap((part) => reader.push(part)).map((m) => String(m.headers[':event-type']?.value));

describe('EventStreamReader', () => {
  it('reassembles frames split into 7-byte pieces', () => {
    const reader = new EventStreamReader();
    const pieces: Buffer[] = [];
    for (let i = 0; i < stream.length; i += 7) pieces.push(stream.subarray(i, i + 7));

    expect(eventTypes(reader, pieces)).toEqual(['messageStart', 'contentBlockStop']);
    expect(() => reader.end()).not.toThrow();
  });

  it('returns several messages delivered in one chunk', () => {
    const reader = new EventStreamReader();

    expect(eventTypes(reader, [stream])).toEqual(['messageStart', 'contentBlockStop']);
  });

  it('reports a stream that ends in the middle of a message as truncated', () => {
    const reader = new EventStreamReader();
    const cut = frames[0]!.length + 20;

    expect(eventTypes(reader, [stream.subarray(0, cut)])).toEqual(['messageStart']);
    expect(reader.bufferedBytes).toBe(20);
    expect(() => reader.end()).toThrow('Truncated event message received.');
  });

  it('fails as soon as a corrupted prelude arrives instead of waiting for a bogus length', () => {
    const reader = new EventStreamReader();
    const corrupted = Buffer.from(stream);
    corrupted[1] = 0x7f;

    expect(() => reader.push(corrupted.subarray(0, 12))).toThrow(/prelude checksum/);
  });

  it('rejects a corrupted payload byte via the message CRC', () => {
    const reader = new EventStreamReader();
    const corrupted = Buffer.from(stream);
    corrupted.writeUInt8(corrupted.readUInt8(100) ^ 0x20, 100);

    expect(() => reader.push(corrupted)).toThrow(/message checksum/);
  });
});
