import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import {
  TestGateway,
  overheadMsOf,
  parseSse,
  postJson,
  startEmulator,
  startGateway,
} from '../support/gateway-harness';

// Bedrock exceptions → API codes, retries counted at the emulator, deadlines, stream integrity (failover: chat-failover).
const invokes = (emulator: BedrockEmulator) =>
  emulator.requests.filter((r) => r.operation.startsWith('InvokeModel'));
const waitFor = async (predicate: () => boolean | Promise<boolean>, ms = 3000) => {
  const until = Date.now() + ms;
  while (!(await predicate()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** A POST of JSON through node:http, so that a test controls the reading and the socket. */
function rawPost(
  url: string,
  onResponse?: (response: IncomingMessage) => void,
  agent?: Agent,
): ClientRequest {
  const target = new URL(url);
  return request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    },
    onResponse,
  );
}

/**
 * Opens a streamed chat, reads until `deltas` delta events have arrived (with 0: its first bytes), then
 * destroys the socket as a caller going away does.
 */
function streamThenDisconnect(url: string, body: unknown, deltas = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = '';
    const call = rawPost(url, (response) =>
      response.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        if (received.split('event: delta').length - 1 < deltas) return;
        call.destroy();
        resolve();
      }),
    );
    call.on('error', reject);
    call.end(JSON.stringify(body));
  });
}

/** Sends a chat and destroys the socket after `ms`, before any answer, as an impatient caller does. */
function sendThenLeave(url: string, body: unknown, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const call = rawPost(url);
    call.on('error', () => undefined);
    call.end(JSON.stringify(body));
    setTimeout(() => {
      call.destroy();
      resolve();
    }, ms);
  });
}

describe('POST /bedrock/chat — upstream failures', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, BEDROCK_CIRCUIT_FAILURES: '1000' });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  const chat = (body: Record<string, unknown> = {}) =>
    postJson(`${gateway.url}/bedrock/chat`, {
      message: 'Tell me about retries',
      model: 'claude-3-haiku',
      ...body,
    });

  it.each([
    [
      { kind: 'error', errorType: 'ValidationException', message: 'Malformed input request: #: bad thing' },
      400,
      'upstream_validation_error',
      1,
    ],
    [{ kind: 'access-denied' }, 502, 'upstream_access_denied', 1],
    [{ kind: 'throttle' }, 429, 'upstream_throttled', 3],
    [
      { kind: 'error', errorType: 'ServiceQuotaExceededException', status: 400 },
      429,
      'upstream_throttled',
      1,
    ],
    [{ kind: 'internal' }, 503, 'upstream_unavailable', 3],
    [{ kind: 'unavailable' }, 503, 'upstream_unavailable', 3],
    [{ kind: 'not-ready' }, 503, 'upstream_unavailable', 3],
    [{ kind: 'model-timeout' }, 504, 'upstream_timeout', 3],
    [{ kind: 'error', errorType: 'ModelErrorException', status: 424 }, 502, 'upstream_error', 1],
    [{ kind: 'error', errorType: 'ResourceNotFoundException', status: 404 }, 404, 'model_not_found', 1],
  ])('%o → %i %s after %i attempt(s)', async (fault, status, code, attempts) => {
    // Arrange
    emulator.setFaults([fault as never]);
    // Act
    const response = await chat();
    // Assert
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
    expect(response.json.error.request_id).toBe(response.headers.get('x-request-id'));
    expect(invokes(emulator)).toHaveLength(attempts);
    if (status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it("passes Bedrock's ValidationException message through", async () => {
    emulator.setFaults([
      { kind: 'error', errorType: 'ValidationException', message: 'Malformed input request: #: bad thing' },
    ]);
    const response = await chat();
    expect(response.json.error.message).toBe('Malformed input request: #: bad thing');
  });

  it('answers after being throttled twice, counting three attempts at the emulator', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'throttle', times: 2 }]);
    const before = (await gateway.usageRecords()).length;
    // Act
    const response = await chat();
    // Assert
    expect(response.status).toBe(200);
    expect(invokes(emulator).map((r) => r.status)).toEqual([429, 429, 200]);
    expect((await gateway.usageRecords()).slice(before)[0]).toMatchObject({ status: 'success', retries: 2 });
  });

  it('gives 504 at timeout_ms and aborts the upstream request', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'stall' }]);
    // Act
    const started = Date.now();
    const response = await chat({ timeout_ms: 1000 });
    // Assert
    expect(response.status).toBe(504);
    expect(response.json.error.code).toBe('upstream_timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    // The second spent waiting on Bedrock is not gateway overhead (API.md x-gateway-overhead-ms).
    expect(overheadMsOf(response.headers)).toBeLessThan(500);
    await waitFor(() => invokes(emulator).every((r) => r.aborted));
    expect(invokes(emulator).length).toBeGreaterThanOrEqual(1);
    expect(invokes(emulator).every((r) => r.aborted)).toBe(true);
  });

  it('does not count the wait on a stalled stream as gateway overhead', async () => {
    emulator.setFaults([{ kind: 'stall' }]);
    const response = await chat({ timeout_ms: 1000, stream: true });
    expect(response.status).toBe(504);
    expect(overheadMsOf(response.headers)).toBeLessThan(500);
  });

  it('ends a stream that fails midway with an error event', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'stream-error', afterChunks: 3, errorType: 'modelStreamErrorException' }]);
    // Act
    const response = await chat({ stream: true, max_tokens: 200 });
    // Assert
    expect(response.status).toBe(200);
    const events = parseSse(response.text);
    expect(events[0]!.event).toBe('start');
    const last = events.at(-1)!;
    expect(last.event).toBe('error');
    expect(last.data.error.code).toBe('upstream_error');
    expect(events.some((e) => e.event === 'done')).toBe(false);
  });

  it('ends a stream whose connection drops with an error event, never silently', async () => {
    // Chunks paced so that the drop lands after the stream has opened.
    emulator.setFaults([
      { kind: 'stream-abort', afterChunks: 4 },
      { kind: 'latency', chunkLatencyMs: 10 },
    ]);
    const response = await chat({ stream: true, max_tokens: 200 });
    expect(response.status).toBe(200);
    const events = parseSse(response.text);
    expect(events.filter((e) => e.event === 'delta').length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)!.event).toBe('error');
  });

  it.each(['claude-3-haiku', 'amazon-titan', 'llama-3-1', 'mistral-7b', 'mistral-large-2407', 'command-r'])(
    'ends a %s stream that Bedrock closes cleanly before its last event with an error, not done',
    async (model) => {
      // Arrange: two frames, then a clean end (no stop reason, no invocation metrics)
      emulator.setFaults([{ kind: 'stream-end', afterChunks: 2 }]);
      const before = (await gateway.usageRecords()).length;
      // Act
      const response = await chat({ stream: true, model, max_tokens: 200 });
      // Assert
      expect(response.status).toBe(200);
      const events = parseSse(response.text);
      expect(events.map((e) => e.event)).not.toContain('done');
      expect(events.at(-1)!.data.error.code).toBe('upstream_error');
      await waitFor(async () => (await gateway.usageRecords()).length > before);
      const [event] = (await gateway.usageRecords()).slice(before);
      expect(event).toMatchObject({ status: 'error', errorCode: 'upstream_error', streamed: true });
    },
  );

  it('aborts the upstream stream when the caller disconnects and records client_closed', async () => {
    // Arrange: a slow stream from a family whose chunks carry running token counts
    emulator.setFaults([{ kind: 'latency', chunkLatencyMs: 100 }]);
    const before = (await gateway.usageRecords()).length;
    // Act: read the first bytes, then drop the socket as a caller going away does
    await streamThenDisconnect(`${gateway.url}/bedrock/chat`, {
      message: 'Explain backoff with jitter at length',
      model: 'llama-3-1',
      stream: true,
      max_tokens: 400,
    });
    // Assert
    await waitFor(
      async () => invokes(emulator).some((r) => r.aborted) && (await gateway.usageRecords()).length > before,
    );
    expect(invokes(emulator).at(-1)!.aborted).toBe(true);
    const event = (await gateway.usageRecords()).slice(before)[0]!;
    expect(event).toMatchObject({ status: 'client_closed', errorCode: 'client_closed', streamed: true });
    expect(event.inputTokens).toBeGreaterThan(0);
  });

  it.each([false, true])(
    'records a caller that leaves before the answer begins as client_closed, not error (stream %s)',
    async (stream) => {
      // Arrange: Bedrock takes 1.5 s to answer
      emulator.setFaults([{ kind: 'latency', latencyMs: 1500 }]);
      const before = (await gateway.usageRecords()).length;
      // Act
      await sendThenLeave(
        `${gateway.url}/bedrock/chat`,
        { message: 'hello', model: 'claude-3-haiku', stream },
        300,
      );
      // Assert
      await waitFor(async () => (await gateway.usageRecords()).length > before);
      const event = (await gateway.usageRecords()).slice(before)[0]!;
      expect(event).toMatchObject({ status: 'client_closed', errorCode: 'client_closed', streamed: stream });
      expect(invokes(emulator).at(-1)!.aborted).toBe(true);
    },
  );

  it.each(['mistral-large', 'command-r'])(
    'charges a dropped %s stream for its prompt, which that family counts only in its last chunk',
    async (model) => {
      // Arrange
      emulator.setFaults([{ kind: 'latency', chunkLatencyMs: 40 }]);
      const message = 'Explain backoff with jitter. '.repeat(400);
      const before = (await gateway.usageRecords()).length;
      // Act: take two deltas, then go away
      await streamThenDisconnect(
        `${gateway.url}/bedrock/chat`,
        { message, model, stream: true, max_tokens: 300, metadata: { team: 'search' } },
        2,
      );
      // Assert: charged the prompt's estimate (characters / 4), and the record says it is one
      await waitFor(async () => (await gateway.usageRecords()).length > before);
      const event = (await gateway.usageRecords()).slice(before)[0]!;
      expect(event).toMatchObject({ status: 'client_closed', modelAlias: model });
      expect(event.inputTokens).toBe(Math.ceil(message.length / 4));
      expect(event.outputTokens).toBeGreaterThanOrEqual(2);
      expect(event.costUsd).toBeGreaterThan(0);
      expect(event.metadata).toEqual({ team: 'search', 'gateway.input_tokens': 'estimated' });
    },
  );

  it('leaves alone the next request on a connection whose previous stream timed out', async () => {
    // Arrange: one kept-alive connection; the first stream times out while read, the second is large
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const stream = (body: Record<string, unknown>, pauseMs = 0) =>
      new Promise<string>((resolve, reject) => {
        const call = rawPost(
          `${gateway.url}/bedrock/chat`,
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text = (text + chunk).slice(-1000)));
            response.on('end', () => resolve(text));
            response.on('error', reject);
            if (pauseMs > 0) {
              response.pause();
              setTimeout(() => response.resume(), pauseMs);
            }
          },
          agent,
        );
        call.on('error', reject);
        call.end(JSON.stringify({ model: 'claude-sonnet-4-5', stream: true, ...body }));
      });
    try {
      emulator.setFaults([{ kind: 'latency', chunkLatencyMs: 100 }]);
      const first = await stream({ message: 'Explain backoff at length', max_tokens: 400, timeout_ms: 1000 });
      emulator.setFaults([]);
      emulator.setScripts([{ prompt: 'BIG ANSWER', text: `${'x'.repeat(2000)} `.repeat(2000) }]);
      // Act: the second one's caller waits past the first one's grace before reading
      const second = await stream({ message: 'BIG ANSWER', max_tokens: 60_000 }, 2500);
      // Assert
      expect(first).toContain('event: error');
      expect(second).toContain('event: done');
    } finally {
      agent.destroy();
      emulator.setScripts([]);
    }
  }, 30_000);

  it('charges a dropped Claude stream for the text it delivered (Claude counts output only at the end)', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'latency', chunkLatencyMs: 30 }]);
    const before = (await gateway.usageRecords()).length;
    // Act: take eight deltas, then go away
    await streamThenDisconnect(
      `${gateway.url}/bedrock/chat`,
      {
        message: 'Explain backoff with jitter at length',
        model: 'claude-3-haiku',
        stream: true,
        max_tokens: 400,
      },
      8,
    );
    // Assert
    await waitFor(async () => (await gateway.usageRecords()).length > before);
    const event = (await gateway.usageRecords()).slice(before)[0]!;
    expect(event).toMatchObject({ status: 'client_closed', modelAlias: 'claude-3-haiku' });
    expect(event.outputTokens).toBeGreaterThanOrEqual(8);
    expect(event.costUsd).toBeGreaterThan(0);
  });
});

describe('DEFAULT_TIMEOUT_MS', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator({ faults: [{ kind: 'stall' }] });
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, DEFAULT_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it.each([
    ['/bedrock/chat', 'InvokeModel'],
    ['/bedrock/chat/rag', 'Retrieve'],
  ])('is the deadline of a call to %s that names no timeout_ms', async (route, operation) => {
    // Act: Bedrock never answers; without a deadline from the config the call would wait 60 s
    const response = await postJson(`${gateway.url}${route}`, { message: 'Tell me about retries' });
    // Assert
    expect(response.status).toBe(504);
    expect(response.json.error.code).toBe('upstream_timeout');
    await waitFor(() => emulator.requests.some((r) => r.operation === operation && r.aborted));
    expect(emulator.requests.filter((r) => r.operation === operation).every((r) => r.aborted)).toBe(true);
  });
});
