import fc from 'fast-check';
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
    ['stop_sequences', { message: 'hi', stop_sequences: ['x'.repeat(101)] }],
    [
      'messages',
      {
        messages: Array.from({ length: 201 }, (_, i) => ({
          role: i % 2 === 0 ? 'user' : 'assistant',
          content: `turn ${i}`,
        })),
      },
    ],
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
    ['metadata', { message: 'hi', metadata: { k: 'v'.repeat(1025) } }],
    ['metadata', { message: 'hi', metadata: { k: '😀'.repeat(1025) } }],
    ['metadata', { message: 'hi', metadata: { ['k'.repeat(65)]: 'v' } }],
    ['metadata', { message: 'hi', metadata: { '': 'v' } }],
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

  it('counts metadata lengths in characters, as every other length: 1,024 emoji and a 64-emoji key pass', async () => {
    const response = await chat({ message: 'hi', metadata: { ['😀'.repeat(64)]: '😀'.repeat(1024) } });
    expect(response.status).toBe(200);
  });

  it('accepts model_name as a synonym of model', async () => {
    const response = await chat({ message: 'hi', model_name: 'amazon-titan' });
    expect(response.status).toBe(200);
    expect(response.json.model_used).toBe('amazon-titan');
  });

  it('takes model and model_name together only when they are the same string, and says so', async () => {
    const same = await chat({ message: 'hi', model: 'amazon-titan', model_name: 'amazon-titan' });
    const differ = await chat({ message: 'hi', model: 'claude-3-haiku', model_name: 'llama-3-1' });

    expect(same.status).toBe(200);
    expect(differ.status).toBe(400);
    expect(differ.json.error.message).toBe(
      'model_name differs from model; it is a synonym of model: send one of them, or the same value in both',
    );
    expect(differ.json.error.details[0].field).toBe('model_name');
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

  it.each(['null', '[]', '[{"message":"hi"}]', '1', '"hi"', 'true'])(
    'answers a body that is JSON but not an object (%s) with 400 validation_error naming body',
    async (body) => {
      const chatAnswer = await chat(body);
      const ragAnswer = await postJson(`${gateway.url}/bedrock/chat/rag`, body);
      for (const response of [chatAnswer, ragAnswer]) {
        expect(response.status).toBe(400);
        expect(response.json.error).toMatchObject({
          code: 'validation_error',
          message: 'The request body must be a JSON object.',
          details: [{ field: 'body', issue: 'must be a JSON object' }],
        });
      }
    },
  );

  it('answers 415 for a body that is not JSON', async () => {
    const response = await chat('message=hi', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
    expect(response.json.error.code).toBe('unsupported_media_type');
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
