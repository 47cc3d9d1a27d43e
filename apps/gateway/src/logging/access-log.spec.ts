import Fastify, { type FastifyInstance } from 'fastify';
import { registerAccessLog } from './access-log';
import { createGatewayLogger } from './gateway-logger';
import { logCapture } from './log-capture';

describe('registerAccessLog', () => {
  let app: FastifyInstance;

  afterEach(async () => app.close());

  /** A Fastify app with the access log, listening on a free port (real sockets: 'finish' and 'close'). */
  async function build(level: 'info' | 'warn') {
    const capture = logCapture();
    app = Fastify({ genReqId: () => 'req-1' });
    registerAccessLog(app, createGatewayLogger(level, capture.stream));
    app.post('/bedrock/chat', async () => ({ ok: true }));
    app.get('/boom', async (_request, reply) => reply.status(502).send({ error: 'x' }));
    app.get('/health/live', async () => ({ status: 'ok' }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const call = async (path: string, init?: RequestInit) => (await fetch(`${url}${path}`, init)).text();
    return { lines: capture.lines, call };
  }

  it('writes one line per request with id, method, URL, status and time, never headers or body', async () => {
    // Arrange
    const { lines, call } = await build('info');
    // Act
    await call('/bedrock/chat', {
      method: 'POST',
      headers: { authorization: 'Bearer bgw_secret', 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'my prompt' }),
    });
    await waitUntil(() => lines.length > 0);
    await app.close(); // every 'close' has fired: a second line would be here by now
    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      requestId: 'req-1',
      req: { method: 'POST', url: '/bedrock/chat' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0]!.responseTime).toBe('number');
    expect(JSON.stringify(lines[0])).not.toMatch(/bgw_secret|my prompt/);
  });

  it('logs 5xx at error level and leaves health probes out', async () => {
    // Arrange
    const { lines, call } = await build('info');
    // Act
    await call('/health/live');
    await call('/health-admin');
    await call('/boom');
    await waitUntil(() => lines.length > 1);
    // Assert
    expect(lines.map((line) => [line.level, (line.res as { statusCode: number }).statusCode])).toEqual([
      [30, 404],
      [50, 502],
    ]);
  });

  it('keeps 5xx lines (error level) and drops the rest when the level is warn', async () => {
    // Arrange
    const { lines, call } = await build('warn');
    // Act
    await call('/bedrock/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await call('/boom');
    await waitUntil(() => lines.length > 0);
    // Assert
    expect(lines.map((line) => [line.level, (line.res as { statusCode: number }).statusCode])).toEqual([
      [50, 502],
    ]);
  });

  it('writes `request aborted` when the caller leaves before the response ends', async () => {
    // Arrange
    const capture = logCapture();
    app = Fastify({ genReqId: () => 'req-2' });
    registerAccessLog(app, createGatewayLogger('info', capture.stream));
    let arrived: () => void = () => undefined;
    const handlerRan = new Promise<void>((resolve) => (arrived = resolve));
    app.get('/slow', async (_request, reply) => {
      arrived();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return reply.send({ late: true });
    });
    app.get('/fast', async () => ({ ok: true }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    // Act
    await (await fetch(`${url}/fast`)).json();
    const controller = new AbortController();
    const call = fetch(`${url}/slow`, { signal: controller.signal }).catch(() => undefined);
    await handlerRan;
    controller.abort();
    await call;
    await waitUntil(() => capture.lines.length > 1);
    // Assert
    expect(capture.lines.map((line) => line.msg)).toEqual(['request completed', 'request aborted']);
    expect(capture.lines[1]).toMatchObject({
      level: 30,
      msg: 'request aborted',
      aborted: true,
      requestId: 'req-2',
      req: { method: 'GET', url: '/slow' },
      res: { statusCode: 499 },
    });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
