import { parseFaultHeader } from './fault-header-parser';

describe('parseFaultHeader', () => {
  it('parses several rules with typed, percent-decoded parameters', () => {
    const rules = parseFaultHeader(
      'throttle;times=2, latency;ms=300;chunk-ms=50, stream-error;after=3;type=throttlingException;prompt=a%3Bb',
    );

    expect(rules).toEqual([
      { kind: 'throttle', times: 2 },
      { kind: 'latency', latencyMs: 300, chunkLatencyMs: 50 },
      { kind: 'stream-error', afterChunks: 3, errorType: 'throttlingException', prompt: 'a;b' },
    ]);
  });

  it.each([
    'explode',
    'throttle;times',
    'throttle;bogus=1',
    'throttle;times=-1',
    'throttle;rate=2',
    'latency;ms=abc',
  ])('rejects %s with a readable error', (header) => {
    expect(() => parseFaultHeader(header)).toThrow(/Invalid fault/);
  });

  it('refuses an operation the emulator does not have, naming the ones it has (it would never fire)', () => {
    expect(() => parseFaultHeader('throttle;operation=converse')).toThrow(
      /Invalid fault rule at 0\.operation: expected one of InvokeModel, .*ConverseStream, .*received "converse"$/,
    );
    expect(parseFaultHeader('throttle;operation=ConverseStream')).toEqual([
      { kind: 'throttle', operation: 'ConverseStream' },
    ]);
  });
});
