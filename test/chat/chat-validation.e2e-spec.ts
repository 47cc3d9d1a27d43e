import fc from 'fast-check';
import { request } from 'node:http';
import { connect } from 'node:net';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, overheadMsOf, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// Bad input gets a clear 4xx in the API envelope, naming the field; nothing produces a 5xx.
describe('POST /bedrock/chat — validation', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, BODY_LIMIT_BYTES: '150000' });
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

  it.each([
    ['message', { message: '' }],
    ['message', { message: 42 }],
    ['message', {}],
    ['message', { message: 'x'.repeat(100_001) }],
    ['messages', { message: 'hi', messages: [{ role: 'user', content: 'hi' }] }],
    ['messages', { messages: [] }],
    ['messages.0.role', { messages: [{ role: 'assistant', content: 'hi' }] }],
    ['messages.0.role', { messages: [{ role: 'system', content: 'hi' }] }],
    ['messages.0.content', { messages: [{ role: 'user', content: '' }] }],
    ['messages.0.content', { messages: [{ role: 'user', content: ' \n\t ' }] }],
    ['message', { message: '   ' }],
    ['messages.0.extra', { messages: [{ role: 'user', content: 'hi', extra: 1 }] }],
    ['model', { message: 'hi', model: '' }],
    ['model_name', { message: 'hi', model: 'claude-3-haiku', model_name: 'llama-3-1' }],
    ['system_prompt', { message: 'hi', system_prompt: 'x'.repeat(20_001) }],
    ['max_tokens', { message: 'hi', max_tokens: 0 }],
    ['max_tokens', { message: 'hi', max_tokens: 1.5 }],
    ['max_tokens', { message: 'hi', max_tokens: '100' }],
    ['max_tokens', { message: 'hi', model: 'claude-3-haiku', max_tokens: 4097 }],
    ['temperature', { message: 'hi', temperature: 1.5 }],
    ['temperature', { message: 'hi', temperature: -0.1 }],
    ['top_p', { message: 'hi', top_p: 2 }],
    ['stop_sequences', { message: 'hi', stop_sequences: ['a', 'b', 'c', 'd', 'e'] }],
    ['stop_sequences', { message: 'hi', stop_sequences: [''] }],
    ['stop_sequences', { message: 'hi', stop_sequences: 'END' }],
    ['stream', { message: 'hi', stream: 'yes' }],
    ['timeout_ms', { message: 'hi', timeout_ms: 999 }],
    ['timeout_ms', { message: 'hi', timeout_ms: 300_001 }],
    ['metadata', { message: 'hi', metadata: { n: 1 } }],
    [
      'metadata',
      { message: 'hi', metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) },
    ],
    ['unknown_field', { message: 'hi', unknown_field: true }],
    ['messages', { messages: null }],
    ['message', { message: null }],
    ['temperature', { message: 'hi', temperature: null }],
    ['model', { message: 'hi', model: null }],
    ['metadata', { message: 'hi', metadata: null }],
    ['metadata', { message: 'hi', metadata: { 'gateway.denial_reason': 'pii' } }],
    ['metadata', { message: 'hi', metadata: { k: 'a\u0000b' } }],
    ['top_p', { message: 'hi', model: 'claude-sonnet-4-5', temperature: 0.5, top_p: 0.9 }],
  ])('names %s in a 400 validation_error', async (field, body) => {
    // Act
    const response = await chat(body);
    // Assert
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_error');
    expect(response.json.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(response.json.error.request_id).toBe(response.headers.get('x-request-id'));
  });

  it.each([
    [{ message: 'hi', max_tokens: '100' }, 'max_tokens must be an integer number'],
    [
      { message: 'hi', temperature: '0.5' },
      'temperature must be a number conforming to the specified constraints',
    ],
    [{ message: 42 }, 'message must be a string'],
    [{ message: ['hi'] }, 'message must be a string'],
    [{ message: 'hi', stream: 'yes' }, 'stream must be a boolean value'],
  ])('tells a value of the wrong type its type first (%j)', async (body, message) => {
    const response = await chat(body);

    expect(response.status).toBe(400);
    expect(response.json.error.message).toBe(message);
  });

  it('sends a Claude prefill that ends with whitespace without it (Claude would refuse it)', async () => {
    const response = await chat({
      model: 'claude-3-haiku',
      messages: [
        { role: 'user', content: 'Name a colour.' },
        { role: 'assistant', content: 'The colour is ' },
      ],
    });
    expect(response.status).toBe(200);
  });

  it('sends temperature or top_p alone to a Claude 4.5 model, and both to a model that takes both', async () => {
    for (const body of [
      { message: 'hi', model: 'claude-sonnet-4-5', temperature: 0.5 },
      { message: 'hi', model: 'claude-haiku-4-5', top_p: 0.9 },
      { message: 'hi', model: 'claude-3-haiku', temperature: 0.5, top_p: 0.9 },
    ]) {
      const response = await chat(body);
      expect([body.model, response.status]).toEqual([body.model, 200]);
    }
  });

  it('rejects an embedding model for chat, naming model', async () => {
    const response = await chat({ message: 'hi', model: 'titan-embed-v2' });
    expect(response.status).toBe(400);
    expect(response.json.error.details[0].field).toBe('model');
  });

  it('answers 404 model_not_found listing the aliases for an unknown model', async () => {
    const response = await chat({ message: 'hi', model: 'gpt-5' });
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('model_not_found');
    expect(response.json.error.message).toContain('claude-3-haiku');
    expect(response.json.error.message).toContain('llama-3-1');
  });

  it('accepts model_name as a synonym of model', async () => {
    const response = await chat({ message: 'hi', model_name: 'amazon-titan' });
    expect(response.status).toBe(200);
    expect(response.json.model_used).toBe('amazon-titan');
  });

  it.each([
    ['{"message": "hi"', 'invalid_json', 400],
    ['', 'invalid_json', 400],
    ['{"message": "hi", "__proto__": {"admin": true}}', 'invalid_json', 400],
    ['{"message": "hi", "constructor": {"prototype": {"admin": true}}}', 'invalid_json', 400],
  ])('answers %j with %s', async (raw, code, status) => {
    const response = await chat(raw);
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
    // One message covers what Fastify's parser refuses (Nest hands its errors over without their code).
    expect(response.json.error.message).toMatch(/empty or not valid JSON.*__proto__/);
    expect(overheadMsOf(response.headers)).toBeGreaterThan(0);
  });

  it.each([
    ['arrays in an unknown field', `{"message":"hi","x":${'['.repeat(1500)}${']'.repeat(1500)}}`],
    ['objects in metadata', `{"message":"hi","metadata":${'{"a":'.repeat(3500)}1${'}'.repeat(3500)}}`],
  ])('answers 400 validation_error for a small body nesting %s thousands of levels deep', async (_, raw) => {
    expect(raw.length).toBeLessThan(30_000);
    const response = await chat(raw);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_error');
    expect(response.json.error.message).toMatch(/deeper than 32 levels/);
    expect(response.json.error.request_id).toBe(response.headers.get('x-request-id'));
  });

  it.each([
    [
      'unknown fields',
      { message: 'hi', ...Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`f${i}`, 1])) },
    ],
    ['null turns', { messages: Array.from({ length: 5_000 }, () => null) }],
  ])('answers 5,000 %s with one short 400, not an error per entry', async (_, body) => {
    // One detail each before: 50,000 unknown fields (500 KB) were 3 MB of details after 2.4 s of validation.
    const response = await chat(body);
    expect(response.status).toBe(400);
    expect(response.json.error.message).toMatch(/more than 1000 entries/);
    expect(response.text.length).toBeLessThan(1000);
  });

  it.each([
    ['toString', { message: 'hi', toString: 1 }],
    ['valueOf', { message: 'hi', valueOf: { a: 1 } }],
    ['messages.0.hasOwnProperty', { messages: [{ role: 'user', content: 'hi', hasOwnProperty: 'x' }] }],
    ['metadata.constructor', { message: 'hi', metadata: { team: 'search', constructor: 'x' } }],
  ])('refuses %s, a key named after an inherited member, as an unknown field', async (field, body) => {
    // Before, class-transformer dropped such keys silently: a 200, and a metadata entry lost.
    const response = await chat(body);
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'validation_error', details: [{ field }] });
    expect(response.json.error.message).toMatch(new RegExp(`^${field} should not exist`));
  });

  it('takes a body nested as deep as the limit to validation as usual', async () => {
    // The body is level 1 and metadata's 31 objects are levels 2 to 32.
    const metadata = `${'{"a":'.repeat(31)}"v"${'}'.repeat(31)}`;
    const response = await chat(`{"message":"hi","metadata":${metadata}}`);
    expect(response.status).toBe(400);
    expect(response.json.error.details[0].field).toBe('metadata');
  });

  it('answers 413 payload_too_large over the body limit', async () => {
    const response = await chat({ message: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('payload_too_large');
    expect(response.headers.has('x-gateway-overhead-ms')).toBe(true);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await chat('message=hi', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(response.json.error.code).toBe('unsupported_media_type');
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

  it('answers unknown routes with a JSON 404, not HTML', async () => {
    const response = await postJson(`${gateway.url}/bedrock/nope`, {});
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('not_found');
  });

  it.each([
    ['DELETE', '/bedrock/chat', ''],
    ['POST', '/bedrock/nope', '{"unterminated'],
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

  it('never answers a malformed body with a 5xx (500 generated bodies)', async () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    const field = fc.constantFrom(
      'message',
      'messages',
      'model',
      'model_name',
      'system_prompt',
      'max_tokens',
      'temperature',
      'top_p',
      'stop_sequences',
      'stream',
      'timeout_ms',
      'metadata',
      'junk',
    );
    const turn = fc.record(
      { role: fc.oneof(fc.constantFrom('user', 'assistant', 'system'), fc.string()), content: value },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.dictionary(
        field,
        fc.oneof(value, fc.array(turn, { maxLength: 3 }), fc.dictionary(fc.string(), value, { maxKeys: 3 })),
        { maxKeys: 5 },
      ),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        const payload =
          typeof candidate === 'string'
            ? candidate
            : JSON.stringify({ ...candidate, max_tokens: candidate.max_tokens ?? 5 });
        const response = await chat(payload);
        expect(response.status).toBeLessThan(500);
        expect(response.json).toBeInstanceOf(Object);
        if (response.status >= 400) expect(typeof response.json.error.code).toBe('string');
      }),
      { numRuns: 500 },
    );
  }, 120_000);
});
