import { request } from 'node:http';
import { DrainState } from '../../apps/gateway/src/health/drain-state';
import { TestGateway, startGateway } from '../support/gateway-harness';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One POST /bedrock/chat over node:http, so hop-by-hop headers (`connection`) are seen as sent. */
const chat = (url: string, requestId: string) =>
  new Promise<RawAnswer>((resolve, reject) => {
    const call = request(`${url}/bedrock/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    });
    call.on('error', reject);
    call.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    call.end(JSON.stringify({ message: 'Hello', model: 'claude-3-haiku', max_tokens: 16 }));
  });

// graceful-shutdown.ts closes the listener after the drain delay; a load balancer may still send a request
// on a kept-alive socket (during a shared outage every instance is unready alike). It is refused in the
// API's envelope with its request id (Fastify's own 503 had neither), and the socket is closed after it.
describe('a request that comes after the listener closed', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it('is answered 503 not_ready in the envelope, with its request id and connection: close', async () => {
    // Arrange
    const served = await chat(gateway.url, 'before-close');
    gateway.app.get(DrainState).closeListener();
    // Act
    const refused = await chat(gateway.url, 'after-close');
    // Assert
    expect(served.status).toBe(200);
    expect(refused.status).toBe(503);
    expect(refused.headers['x-request-id']).toBe('after-close');
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        code: 'not_ready',
        message: 'This instance is shutting down; send the request again (another instance will take it).',
        request_id: 'after-close',
      },
    });
  });
});
