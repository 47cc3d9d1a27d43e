import { chunkFrame, eventFrame, exceptionFrame } from './bedrock-frames';
import { decodeMessage } from './event-stream-decoder';

// Vectors from shared/docs/bedrock-wire.md §2.4 (byte-identical to the SDK's EventStreamCodec.encode).
const hex = (text: string): string => text.replace(/\s+/g, '');

describe('Bedrock frames (§2.4 vectors)', () => {
  it('encodes the 215-byte Claude chunk event byte for byte', () => {
    // Arrange
    const delta = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}';
    const payload = { bytes: Buffer.from(delta).toString('base64') };

    // Act
    const frame = eventFrame('chunk', payload);

    // Assert
    expect(frame.length).toBe(215);
    expect(frame.subarray(0, 12).toString('hex')).toBe('000000d70000004bbff9e438');
    expect(frame.subarray(12, 12 + 75).toString('hex')).toBe(
      hex(`0b 3a 65 76 65 6e 74 2d 74 79 70 65 07 00 05 63 68 75 6e 6b 0d 3a 63 6f 6e 74 65 6e 74 2d 74 79 70 65 07 00 10
           61 70 70 6c 69 63 61 74 69 6f 6e 2f 6a 73 6f 6e 0d 3a 6d 65 73 73 61 67 65 2d 74 79 70 65 07 00 05 65 76 65 6e 74`),
    );
    expect(frame.subarray(87, 211).toString('utf8')).toBe(
      '{"bytes":"eyJ0eXBlIjoiY29udGVudF9ibG9ja19kZWx0YSIsImluZGV4IjowLCJkZWx0YSI6eyJ0eXBlIjoidGV4dF9kZWx0YSIsInRleHQiOiJIaSJ9fQ=="}',
    );
    expect(frame.subarray(211).toString('hex')).toBe('4b8e9495');
  });

  it('encodes the 118-byte ConverseStream messageStart event byte for byte', () => {
    const frame = eventFrame('messageStart', { role: 'assistant' });

    expect(frame.toString('hex')).toBe(
      hex(`00 00 00 76 00 00 00 52 96 d5 fa de 0b 3a 65 76 65 6e 74 2d 74 79 70 65 07 00 0c 6d 65 73 73 61
           67 65 53 74 61 72 74 0d 3a 63 6f 6e 74 65 6e 74 2d 74 79 70 65 07 00 10 61 70 70 6c 69 63 61 74
           69 6f 6e 2f 6a 73 6f 6e 0d 3a 6d 65 73 73 61 67 65 2d 74 79 70 65 07 00 05 65 76 65 6e 74 7b 22
           72 6f 6c 65 22 3a 22 61 73 73 69 73 74 61 6e 74 22 7d 6f a8 c5 99`),
    );
  });

  it('encodes the 178-byte throttlingException frame with the documented prelude and trailer', () => {
    const frame = exceptionFrame('throttlingException', {
      message: 'Too many requests, please wait before trying again.',
    });

    expect(frame.length).toBe(178);
    expect(frame.subarray(0, 12).toString('hex')).toBe('000000b2000000613590d5d3');
    expect(frame.subarray(174).toString('hex')).toBe('e8ffb26a');
    const decoded = decodeMessage(frame);
    expect(decoded.headers[':exception-type']).toEqual({ type: 'string', value: 'throttlingException' });
    expect(decoded.headers[':message-type']).toEqual({ type: 'string', value: 'exception' });
  });

  it('wraps a native chunk as base64 bytes with alphanumeric padding', () => {
    const native = { type: 'message_stop' };

    const decoded = decodeMessage(chunkFrame(native));
    const payload = JSON.parse(Buffer.from(decoded.body).toString('utf8')) as { bytes: string; p: string };

    expect(JSON.parse(Buffer.from(payload.bytes, 'base64').toString('utf8'))).toEqual(native);
    expect(payload.p).toMatch(/^[a-zA-Z0-9]+$/);
    expect(decoded.headers[':event-type']).toEqual({ type: 'string', value: 'chunk' });
  });
});
