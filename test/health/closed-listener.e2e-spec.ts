import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuiltGateway, runBuiltGateway, type GatewayProcess } from './support/built-gateway';

const LATENCY_MS = 1500; // each Bedrock call: the first request is still under way when the listener closes

const chatRequest = (requestId: string): string => {
  const body = JSON.stringify({ message: 'Hello', model: 'claude-3-haiku', max_tokens: 16 });
  return (
    `POST /bedrock/chat HTTP/1.1\r\nhost: gateway\r\ncontent-type: application/json\r\n` +
    `x-request-id: ${requestId}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
};

/** Resolves once a new connection to the port is refused: the listener has closed. */
async function untilRefused(port: number): Promise<void> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const probe = connect(port, '127.0.0.1');
      probe.once('connect', () => (probe.destroy(), resolve(false)));
      probe.once('error', () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const readAll = (socket: Socket): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text));
  });

// After SIGTERM's drain delay the listener closes; a load balancer may still send a request on a socket
// it kept alive (during a shared outage every instance is unready alike). That request is refused in the
// API's envelope with its request id, and the socket closes after it (Fastify's own 503 had neither).
// The built gateway, stopped for real: the second request is written on the first one's socket once a
// new connection is refused, while the first still waits on Bedrock.
describe('a request on a kept-alive socket after the listener closed (built gateway)', () => {
  let dir: string;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    ensureBuiltGateway();
    dir = mkdtempSync(join(tmpdir(), 'gateway-closed-listener-'));
    gateway = await runBuiltGateway({
      NODE_ENV: 'test',
      BEDROCK_BACKEND: 'local',
      BEDROCK_LOCAL_LATENCY_MS: String(LATENCY_MS),
      USAGE_SQLITE_PATH: join(dir, 'usage.db'),
      SHUTDOWN_DRAIN_DELAY_MS: '100',
      SHUTDOWN_GRACE_MS: '20000',
    });
  }, 60_000);
  afterAll(() => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is answered 503 not_ready in the envelope, with its request id and connection: close', async () => {
    // Arrange: one socket, its first chat under way
    const port = Number(new URL(gateway.url).port);
    const socket = connect(port, '127.0.0.1');
    const received = readAll(socket);
    socket.write(chatRequest('first'));
    // Act: stop the gateway; once its listener is closed, a second request on the same socket
    gateway.child.kill('SIGTERM');
    await untilRefused(port);
    socket.write(chatRequest('second'));
    const text = await received;
    const exit = await gateway.exited;
    // Assert
    const [first, second, ...more] = text.split(/(?=HTTP\/1\.1 \d{3} )/);
    expect(more).toEqual([]);
    expect(first).toMatch(/^HTTP\/1\.1 200 /);
    expect(first).toMatch(/^x-request-id: first\r$/m);
    const [head, body] = second!.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 503 /);
    expect(head).toMatch(/^x-request-id: second\r$/m);
    expect(head).toMatch(/^connection: close\r$/im);
    expect(JSON.parse(body!)).toEqual({
      error: {
        code: 'not_ready',
        message: 'This instance is shutting down; send the request again (another instance will take it).',
        request_id: 'second',
      },
    });
    expect(exit).toEqual({ code: 0, signal: null });
  }, 30_000);
});
