import Fastify, { type FastifyInstance } from 'fastify';
import { registerAccessLog } from './access-log';
import { createGatewayLogger } from './gateway-logger';
import { logCapture } from './log-capture';

describe('registerAccessLog', () => {
  let app: FastifyInstance;

  afterEach(async () => app.close());

  function build(level: 'info' | 'warn') {
    const capture = logCapture();
    app = Fastify({ genReqId: () => 'req-1' });
    registerAccessLog(app, createGatewayLogger(level, capture.stream));
    app.post('/bedrock/chat', async () => ({ ok: true }));
    app.get('/boom', async (_request, reply) => reply.status(502).send({ error: 'x' }));
    app.get('/health/live', async () => ({ status: 'ok' }));
    return capture;
  }

  it('writes one line per request with id, method, URL, status and time, never headers or body', async () => {
    // Arrange
    const { lines } = build('info');
    // Act
    await app.inject({
      method: 'POST',
      url: '/bedrock/chat',
      headers: { authorization: 'Bearer bgw_secret', 'content-type': 'application/json' },
      payload: { message: 'my prompt' },
    });
    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-1', method: 'POST', url: '/bedrock/chat' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0]!.responseTime).toBe('number');
    expect(JSON.stringify(lines[0])).not.toMatch(/bgw_secret|my prompt/);
  });

  it('logs 5xx at error level and leaves health probes out', async () => {
    // Arrange
    const { lines } = build('info');
    // Act
    await app.inject({ method: 'GET', url: '/health/live' });
    await app.inject({ method: 'GET', url: '/boom' });
    // Assert
    expect(lines.map((line) => [line.level, (line.res as { statusCode: number }).statusCode])).toEqual([
      [50, 502],
    ]);
  });

  it('adds no hook when info is below the configured level', async () => {
    // Arrange
    const { lines } = build('warn');
    // Act
    await app.inject({ method: 'GET', url: '/boom' });
    // Assert
    expect(lines).toEqual([]);
  });
});
