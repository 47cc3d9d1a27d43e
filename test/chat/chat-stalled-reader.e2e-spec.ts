import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, startEmulator, startGateway } from '../support/gateway-harness';

// Callers that stop reading a long answer: let go at their deadline, or before it by the stall watch.
const waitFor = async (predicate: () => boolean | Promise<boolean>, ms: number) => {
  const until = Date.now() + ms;
  while (!(await predicate()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** 10 MB in 2 KB words: far more than the sockets' buffers hold. */
const LONG_ANSWER = { prompt: 'STALLED READER', text: `${'x'.repeat(2000)} `.repeat(5000) };

/**
 * Streams a chat, reads its first bytes and stops reading without closing. `gatewaySide()` is the
 * gateway's end of that connection; `end()` closes the caller's.
 */
function stopReadingAfterFirstBytes(gateway: TestGateway, body: Record<string, unknown>) {
  const server = gateway.app.getHttpServer();
  const accepted: Socket[] = [];
  const onConnection = (socket: Socket) => accepted.push(socket);
  server.on('connection', onConnection);
  const target = new URL(`${gateway.url}/bedrock/chat`);
  const call = request(
    {
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    },
    (response) => response.once('data', () => response.pause()),
  );
  call.on('error', () => undefined);
  let localPort = 0;
  call.on('socket', (socket) => socket.on('connect', () => (localPort = socket.localPort ?? 0)));
  call.end(
    JSON.stringify({ message: LONG_ANSWER.prompt, model: 'claude-sonnet-4-5', stream: true, ...body }),
  );
  return {
    gatewaySide: () => accepted.find((socket) => socket.remotePort === localPort),
    end: () => {
      server.off('connection', onConnection);
      call.destroy();
    },
  };
}

describe.each([
  {
    name: 'at its deadline',
    env: {} as Record<string, string>,
    // Long enough for the stream to have begun on a loaded machine: a deadline that passes before the
    // first event is an ordinary 504 answer, and the connection then stays open for the next request.
    body: { max_tokens: 60_000, timeout_ms: 4000 },
    recorded: { status: 'error', errorCode: 'upstream_timeout' },
  },
  {
    name: 'after STREAM_STALL_MS without a byte taken, before any deadline',
    env: { STREAM_STALL_MS: '1000' },
    body: { max_tokens: 60_000 },
    recorded: { status: 'client_closed' },
  },
])('POST /bedrock/chat — a caller that stops reading is let go $name', ({ env, body, recorded }) => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, ...env });
    emulator.setScripts([LONG_ANSWER]);
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('closes its connection within seconds, aborts its Bedrock stream and charges the tokens sent', async () => {
    // Arrange
    const before = (await gateway.usageRecords()).length;
    const started = Date.now();
    // Act
    const caller = stopReadingAfterFirstBytes(gateway, body);
    try {
      // Assert: let go well before the default deadline of 60 s (the bound is loose: filling the
      // socket buffers with a long answer takes a loaded machine many seconds)…
      await waitFor(() => caller.gatewaySide()?.destroyed === true, 40_000);
      expect(caller.gatewaySide()?.destroyed).toBe(true);
      expect(Date.now() - started).toBeLessThan(40_000);
      const invokes = () => emulator.requests.filter((r) => r.operation.startsWith('InvokeModel'));
      await waitFor(() => invokes().at(-1)?.aborted === true, 5000);
      expect(invokes().at(-1)!.aborted).toBe(true);
      // …and recorded with what was sent, not as a free success
      await waitFor(async () => (await gateway.usageRecords()).length > before, 5000);
      const event = (await gateway.usageRecords()).slice(before)[0]!;
      expect(event).toMatchObject({ ...recorded, streamed: true });
      expect(event.outputTokens).toBeGreaterThan(0);
      expect(event.costUsd).toBeGreaterThan(0);
    } finally {
      caller.end();
    }
  }, 60_000);
});

describe('POST /bedrock/chat — a pipelined stream whose caller stops reading', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, STREAM_STALL_MS: '1000' });
    emulator.setScripts([LONG_ANSWER]);
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('is watched too, though its response had no socket when it began', async () => {
    // Arrange: a blocking chat, then a streamed one, in one write; the caller never reads
    emulator.setFaults([{ kind: 'latency', latencyMs: 1500, prompt: 'SLOW FIRST' }]);
    const target = new URL(gateway.url);
    const post = (body: Record<string, unknown>) => {
      const json = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 60_000, ...body });
      return (
        `POST /bedrock/chat HTTP/1.1\r\nhost: ${target.host}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(json)}\r\n\r\n${json}`
      );
    };
    const socket = connect(Number(target.port), target.hostname);
    socket.on('error', () => undefined);
    socket.pause();
    // Act
    socket.write(
      post({ message: 'SLOW FIRST', max_tokens: 20 }) + post({ message: LONG_ANSWER.prompt, stream: true }),
    );
    socket.resume();
    socket.pause();
    try {
      // Assert: the stall watch lets go of the connection within seconds
      const invokes = () => emulator.requests.filter((r) => r.operation.startsWith('InvokeModel'));
      await waitFor(() => invokes().length === 2 && invokes()[1]!.aborted === true, 15_000);
      expect(invokes().map((r) => r.aborted)).toEqual([false, true]);
    } finally {
      socket.destroy();
    }
  }, 30_000);
});
