import { request } from 'node:http';
import { connect } from 'node:net';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// HTTP itself on every route: request ids, unknown routes, requests Node or Fastify refuse before any
// route runs, and headers that make a body unreadable. Each answer is in the API envelope with an id.
describe('HTTP protocol edges', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  const chat = (body: unknown, headers?: Record<string, string>) =>
    postJson(`${gateway.url}/bedrock/chat`, body, headers);
  /** Writes raw bytes to the gateway and returns what comes back until the gateway closes the socket. */
  const exchangeRaw = (raw: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(gateway.url).port), '127.0.0.1', () => socket.write(raw));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });

  it('keeps a sane caller request id and replaces an insane one', async () => {
    const kept = await chat({ message: 'hi' }, { 'x-request-id': 'team-a-123' });
    expect(kept.headers.get('x-request-id')).toBe('team-a-123');
    expect(kept.json.id).toBe('team-a-123');
    const spaced = await chat({ message: 'hi' }, { 'x-request-id': 'team a 123' });
    expect(spaced.headers.get('x-request-id')).toBe('team a 123');
    const replaced = await chat({ message: 'hi' }, { 'x-request-id': 'x'.repeat(200) });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a request id of 128 characters and replaces one of 129 (API.md: at most 128)', async () => {
    const longest = await fetch(`${gateway.url}/health/live`, {
      headers: { 'x-request-id': 'a'.repeat(128) },
    });
    const tooLong = await fetch(`${gateway.url}/health/live`, {
      headers: { 'x-request-id': 'a'.repeat(129) },
    });

    expect(longest.headers.get('x-request-id')).toBe('a'.repeat(128));
    expect(tooLong.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes a body of 1 MiB by default and answers one byte more with 413 payload_too_large', async () => {
    // Arrange: bodies of exactly 1,048,576 and 1,048,577 bytes (a metadata value pads them; too long
    // for its own rule, so the first is a 400 from validation, after the body limit let it through)
    const bodyOf = (bytes: number) => {
      const frame = '{"message":"hi","metadata":{"k":""}}';
      return `{"message":"hi","metadata":{"k":"${'a'.repeat(bytes - frame.length)}"}}`;
    };
    // Act
    const atLimit = await chat(bodyOf(1024 * 1024));
    const overLimit = await chat(bodyOf(1024 * 1024 + 1));
    // Assert
    expect(atLimit.status).toBe(400);
    expect(atLimit.json.error).toMatchObject({ code: 'validation_error', details: [{ field: 'metadata' }] });
    expect(overLimit.status).toBe(413);
    expect(overLimit.json.error.code).toBe('payload_too_large');
  });

  it('keeps the first of two x-request-id headers, and a single id that holds a comma', async () => {
    // Node joins repeated headers with ", ": the raw header list tells them apart
    const idOf = (rawHeaders: string[]) =>
      new Promise<string | undefined>((resolve, reject) => {
        const outgoing = request(`${gateway.url}/health/live`, { headers: rawHeaders }, (response) => {
          response.resume();
          resolve(response.headers['x-request-id'] as string | undefined);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });

    expect(await idOf(['x-request-id', 'first', 'x-request-id', 'second'])).toBe('first');
    expect(await idOf(['x-request-id', 'team-a,batch-7'])).toBe('team-a,batch-7');
  });

  it("marks every answer no-store, so no shared cache keeps one caller's catalog or usage for another", async () => {
    // Act
    const answers = await Promise.all([
      fetch(`${gateway.url}/bedrock/models`),
      fetch(`${gateway.url}/bedrock/models/claude-3-haiku`),
      fetch(`${gateway.url}/usage/summary`),
      fetch(`${gateway.url}/health/live`),
      fetch(`${gateway.url}/no-such-route`),
      chat({ message: 'hi' }),
      chat({ message: 'hi', max_tokens: -1 }),
    ]);
    const streamed = await chat({ message: 'hi', stream: true });
    // Assert
    expect(answers.map((answer) => answer.headers.get('cache-control'))).toEqual(Array(7).fill('no-store'));
    expect(streamed.headers.get('cache-control')).toBe('no-cache, no-transform');
  });

  it('answers unknown routes with a JSON 404, not HTML', async () => {
    const response = await postJson(`${gateway.url}/bedrock/nope`, {});
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('not_found');
  });

  it.each([
    ['DELETE', '/bedrock/chat', ''],
    ['POST', '/bedrock/nope', '{"unterminated'],
    ['POST', '/bedrock/nope', `${'['.repeat(40)}${']'.repeat(40)}`],
  ])(
    'answers %s %s with a JSON body it cannot parse with 404, not invalid_json',
    async (method, path, body) => {
      // Fastify parses the body before its 404 handler runs; the route's absence is the answer.
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    },
  );

  it.each(['DELETE', 'PATCH'])(
    'answers %s on a path that is not valid percent-encoding with a 404 that carries the request id',
    async (method) => {
      // Fastify answers these without running the onRequest hook (a fuzzing review found no header).
      const response = await fetch(`${gateway.url}/x/%ZZ`, {
        method,
        headers: { 'x-request-id': 'probe-404' },
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-request-id')).toBe('probe-404');
      expect(await response.json()).toMatchObject({ error: { code: 'not_found', request_id: 'probe-404' } });
    },
  );

  it.each([
    [
      'a control character in a header',
      'GET /health/live HTTP/1.1\r\nHost: x\r\nx-request-id: a\u007fb\r\n\r\n',
      400,
    ],
    ['a space in the query string', 'GET /health/live?a b HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    [
      'headers over 16 KB',
      `GET /health/live HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
  ])('answers a request Node cannot parse (%s) in the envelope with a request id', async (_, raw, status) => {
    // Act
    const answer = await exchangeRaw(raw);
    // Assert
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    const requestId = /^x-request-id: (\S+)$/m.exec(head)?.[1];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'validation_error', request_id: requestId } });
  });

  it.each(['/health/live', '/bedrock/chat'])(
    'answers an HTTP/1.1 request without Host on %s with 400 in the envelope, keeping its id',
    async (path) => {
      // Arrange
      const raw = `POST ${path} HTTP/1.1\r\nx-request-id: no-host\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`;
      // Act
      const answer = await exchangeRaw(raw);
      // Assert
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head.split('\r\n')[0]).toMatch(/^HTTP\/1.1 400 /);
      expect(head).toMatch(/^x-request-id: no-host$/m);
      expect(JSON.parse(body)).toMatchObject({
        error: { code: 'validation_error', request_id: 'no-host', details: [{ field: 'host' }] },
      });
    },
  );

  it.each([
    ['content-encoding: gzip', 'content-encoding'],
    ['content-encoding: br', 'content-encoding'],
    ['content-type: application/json; charset=utf-16', 'content-type'],
  ])(
    'refuses a body sent with %s (it would be misread as UTF-8) with 415 naming the header',
    async (header, field) => {
      // Arrange
      const [name = '', value = ''] = header.split(': ');
      // Act
      const response = await postJson(
        `${gateway.url}/bedrock/chat`,
        { message: 'hi', max_tokens: 5 },
        { [name]: value },
      );
      // Assert
      expect(response.status).toBe(415);
      expect(response.json.error).toMatchObject({ code: 'unsupported_media_type', details: [{ field }] });
    },
  );

  it.each(['identity', undefined])(
    'serves a body sent with content-encoding %s and charset=UTF-8',
    async (encoding) => {
      const response = await postJson(
        `${gateway.url}/bedrock/chat`,
        { message: 'hi', max_tokens: 5 },
        {
          'content-type': 'application/json; charset="UTF-8"',
          ...(encoding === undefined ? {} : { 'content-encoding': encoding }),
        },
      );
      expect(response.status).toBe(200);
    },
  );

  it('serves a request whose Expect header it does not know (RFC 9110 lets it ignore it), not a bare 417', async () => {
    // Act
    const answer = await exchangeRaw(
      'GET /health/live HTTP/1.1\r\nHost: x\r\nExpect: foo\r\nx-request-id: expects\r\nconnection: close\r\n\r\n',
    );
    // Assert
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toMatch(/^HTTP\/1.1 200 /);
    expect(head).toMatch(/^x-request-id: expects$/m);
    expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
  });

  it.each([
    ['GET', '/health/live'],
    ['HEAD', '/health/ready'],
  ])(
    'serves %s %s whatever its unread body is labelled (a probe checks nothing else)',
    async (method, path) => {
      // Act
      const answer = await exchangeRaw(
        `${method} ${path} HTTP/1.1\r\nHost: x\r\ncontent-encoding: gzip\r\n` +
          'content-type: text/plain; charset=latin1\r\ncontent-length: 2\r\nconnection: close\r\n\r\nxx',
      );
      // Assert
      expect(answer.split('\r\n')[0]).toMatch(/^HTTP\/1.1 (200|503) /);
    },
  );

  it.each(['us-ascii', '"utf-8"', ''])('serves a JSON body labelled charset=%s', async (charset) => {
    const response = await postJson(
      `${gateway.url}/bedrock/chat`,
      { message: 'hi', max_tokens: 5 },
      { 'content-type': `application/json; charset=${charset}` },
    );
    expect(response.status).toBe(200);
  });
});
