import type { BedrockEmulator } from '@app/bedrock-emulator';
import { createGatewayLogger } from '../../apps/gateway/src/logging/gateway-logger';
import { logCapture } from '../../apps/gateway/src/logging/log-capture';
import { PinoNestLogger } from '../../apps/gateway/src/logging/pino-nest-logger';
import { TestGateway, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// A failed model call leaves one log line on-call can use: code, attempts, region and what AWS said.
describe('POST /bedrock/chat — the log line of a failed call', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let lines: Record<string, unknown>[];
  const failures = () => lines.filter((line) => line.msg === 'model call failed');

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
    const capture = logCapture();
    lines = capture.lines;
    gateway.app.useLogger(new PinoNestLogger(createGatewayLogger('info', capture.stream)));
  });
  beforeEach(() => lines.splice(0));
  afterEach(() => emulator.setFaults([]));
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  const chat = (body: Record<string, unknown>, requestId: string) =>
    postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', message: 'Say hi', max_tokens: 40, ...body },
      { 'x-request-id': requestId },
    );
  const eventually = async (predicate: () => boolean) => {
    for (let tries = 0; tries < 100 && !predicate(); tries += 1) await new Promise((r) => setTimeout(r, 20));
  };

  it('names the code, the attempts, the region and AWS exception, message and request id', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'throttle' }]);

    // Act
    const response = await chat({}, 'throttled-1');
    await eventually(() => failures().length > 0);

    // Assert
    expect(response.status).toBe(429);
    const throttled = emulator.requests.filter((r) => r.operation === 'InvokeModel');
    expect(failures()).toEqual([
      expect.objectContaining({
        level: 40,
        requestId: 'throttled-1',
        errorCode: 'upstream_throttled',
        httpStatus: 429,
        attempts: throttled.length,
        region: 'us-east-1',
        upstream: {
          name: 'ThrottlingException',
          message: expect.any(String),
          bedrockRequestId: throttled.at(-1)?.requestId,
        },
      }),
    ]);
  });

  it('logs a stream that fails after its first events, at error level', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'stream-error', afterChunks: 2, errorType: 'internalServerException' }]);

    // Act
    const response = await chat({ stream: true }, 'stream-failed-1');
    await eventually(() => failures().length > 0);

    // Assert
    expect(response.status).toBe(200);
    expect(failures()).toEqual([
      expect.objectContaining({
        level: 50,
        requestId: 'stream-failed-1',
        streamed: true,
        errorCode: 'upstream_unavailable',
        upstream: expect.objectContaining({ name: 'InternalServerException' }),
      }),
    ]);
  });

  it("leaves out a ValidationException's message, which can quote the request", async () => {
    // Arrange
    emulator.setFaults([
      {
        kind: 'error',
        errorType: 'ValidationException',
        message: 'Malformed input request: [my secret prompt]',
      },
    ]);

    // Act
    const response = await chat({}, 'refused-1');
    await eventually(() => failures().length > 0);

    // Assert
    expect(response.status).toBe(400);
    expect(failures()).toEqual([
      expect.objectContaining({
        level: 40,
        requestId: 'refused-1',
        errorCode: 'upstream_validation_error',
        upstream: expect.objectContaining({ name: 'ValidationException', message: null }),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('my secret prompt');
  });

  it('logs a stream cut at its deadline, at error level, though its HTTP status was 200', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'latency', chunkLatencyMs: 150 }]);

    // Act
    const response = await chat({ stream: true, timeout_ms: 1000 }, 'stream-deadline-1');
    await eventually(() => failures().length > 0);

    // Assert
    expect(response.status).toBe(200);
    expect(failures()).toEqual([
      expect.objectContaining({
        level: 50,
        requestId: 'stream-deadline-1',
        streamed: true,
        errorCode: 'upstream_timeout',
      }),
    ]);
    expect(failures()[0]).not.toHaveProperty('upstream');
  });

  it("leaves a caller's own mistake, refused before any call, to the access log", async () => {
    // Act
    const response = await chat({ max_tokens: 10_000_000 }, 'invalid-1');
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Assert
    expect(response.status).toBe(400);
    expect(failures()).toEqual([]);
  });
});
