import { request } from 'node:http';
import type { Socket } from 'node:net';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, startEmulator, startGateway } from '../support/gateway-harness';

// A caller that stops reading a long answer, before any deadline: the stall watch lets go of it.
const waitFor = async (predicate: () => boolean | Promise<boolean>, ms: number) => {
  const until = Date.now() + ms;
  while (!(await predicate()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('POST /bedrock/chat — a caller that stops reading', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, STREAM_STALL_MS: '1000' });
    // 10 MB in 2 KB words: far more than the sockets' buffers hold
    emulator.setScripts([{ prompt: 'STALLED READER', text: `${'x'.repeat(2000)} `.repeat(5000) }]);
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('is let go after STREAM_STALL_MS without a byte taken, its Bedrock stream aborted and its tokens charged', async () => {
    // Arrange: the gateway's side of this caller's connection
    const server = gateway.app.getHttpServer();
    const accepted: Socket[] = [];
    const onConnection = (socket: Socket) => accepted.push(socket);
    server.on('connection', onConnection);
    const before = (await gateway.usageRecords()).length;
    const target = new URL(`${gateway.url}/bedrock/chat`);
    const started = Date.now();
    // Act: read the first bytes, then stop reading; no timeout_ms (the default deadline is 60 s)
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
    const gatewaySide = () => accepted.find((socket) => socket.remotePort === localPort);
    call.end(
      JSON.stringify({
        message: 'STALLED READER',
        model: 'claude-sonnet-4-5',
        stream: true,
        max_tokens: 60_000,
      }),
    );
    try {
      // Assert: let go within seconds, not at the 60 s deadline
      await waitFor(() => gatewaySide()?.destroyed === true, 10_000);
      expect(gatewaySide()?.destroyed).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
      await waitFor(
        () => emulator.requests.some((r) => r.operation.startsWith('InvokeModel') && r.aborted),
        5000,
      );
      expect(emulator.requests.filter((r) => r.operation.startsWith('InvokeModel')).at(-1)!.aborted).toBe(
        true,
      );
      await waitFor(async () => (await gateway.usageRecords()).length > before, 5000);
      const event = (await gateway.usageRecords()).slice(before)[0]!;
      expect(event).toMatchObject({ status: 'client_closed', streamed: true });
      expect(event.outputTokens).toBeGreaterThan(0);
    } finally {
      server.off('connection', onConnection);
      call.destroy();
    }
  }, 30_000);
});
