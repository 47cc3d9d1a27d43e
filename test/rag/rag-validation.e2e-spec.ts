import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, startEmulator, startGateway } from '../support/gateway-harness';
import { askRag, bedrockCalls } from './support/rag-e2e';

// Bad input gets a 400 naming the field, before any Bedrock call.
describe('POST /bedrock/chat/rag — validation', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, BODY_LIMIT_BYTES: '150000' });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it.each([
    ['message', {}],
    ['message', { message: '' }],
    ['message', { message: ' \n ' }],
    ['message', { message: 'x'.repeat(100_001) }],
    ['messages', { message: 'hi', messages: [{ role: 'user', content: 'hi' }] }],
    ['stream', { message: 'hi', stream: true }],
    ['knowledge_base', { message: 'hi', knowledge_base: '' }],
    ['knowledge_base_type', { message: 'hi', knowledge_base: 'general', knowledge_base_type: 'other' }],
    ['max_results', { message: 'hi', max_results: 0 }],
    ['max_results', { message: 'hi', max_results: 101 }],
    ['max_results', { message: 'hi', max_results: 2.5 }],
    ['min_score', { message: 'hi', min_score: -0.1 }],
    ['min_score', { message: 'hi', min_score: 1.1 }],
    ['min_score', { message: 'hi', min_score: '0.5' }],
    ['search_type', { message: 'hi', search_type: 'KEYWORD' }],
    ['max_context_length', { message: 'hi', max_context_length: 499 }],
    ['max_context_length', { message: 'hi', max_context_length: 100_001 }],
    ['include_sources', { message: 'hi', include_sources: 'yes' }],
    ['mode', { message: 'hi', mode: 'generate' }],
    ['max_tokens', { message: 'hi', model: 'claude-3-haiku', max_tokens: 4097 }],
    ['model', { message: 'hi', model: 'titan-embed-v2' }],
    ['model_name', { message: 'hi', model: 'claude-3-haiku', model_name: 'llama-3-1' }],
  ])('names %s in a 400 validation_error without calling Bedrock', async (field, body) => {
    // Act
    const response = await askRag(gateway, body);
    // Assert
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_error');
    expect(response.json.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(bedrockCalls(emulator)).toHaveLength(0);
  });

  it('accepts knowledge_base and knowledge_base_type together when they agree', async () => {
    // Act
    const response = await askRag(gateway, {
      message: 'How many vacation days can I take into next year?',
      knowledge_base: 'general',
      knowledge_base_type: 'general',
    });
    // Assert
    expect(response.status).toBe(200);
  });

  it('answers 404 model_not_found for an unknown model before retrieving', async () => {
    // Act
    const response = await askRag(gateway, { message: 'hi', model: 'gpt-9' });
    // Assert
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('model_not_found');
    expect(bedrockCalls(emulator)).toHaveLength(0);
  });
});
