import type { BedrockEmulator } from '@app/bedrock-emulator';
import { HAIKU_3, startEmulator } from './support/emulator-harness';
import { SIGV4, h2, http1 } from './support/raw-http';

const json = { authorization: SIGV4, 'content-type': 'application/json' };
const haikuPath = `/model/${encodeURIComponent(HAIKU_3)}`;
const nestedArray = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObject = (key: string, depth: number, leaf: string): string =>
  `${`{"${key}":`.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
const userText = { role: 'user', content: [{ text: 'hi' }] };

describe('deeply nested request bodies are a 400, never a stack overflow', () => {
  let emulator: BedrockEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  it.each([
    ['Converse messages [[[…]]] 20,000 deep', `${haikuPath}/converse`, `{"messages":${nestedArray(20_000)}}`],
    [
      'Converse tool schema anyOf 20,000 deep',
      `${haikuPath}/converse`,
      JSON.stringify({
        messages: [userText],
        toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: 'SCHEMA' } } }] },
      }).replace('"SCHEMA"', nestedObject('anyOf', 20_000, '{}')),
    ],
    [
      'Retrieve filter andAll 2,000 deep',
      '/knowledgebases/KBGENERAL1/retrieve',
      `{"retrievalQuery":{"text":"q"},"retrievalConfiguration":{"vectorSearchConfiguration":{"filter":${nestedObject('andAll', 2_000, '[]')}}}}`,
    ],
    [
      'Retrieve numberOfResults [[…]] 5,000 deep',
      '/knowledgebases/KBGENERAL1/retrieve',
      `{"retrievalQuery":{"text":"q"},"retrievalConfiguration":{"vectorSearchConfiguration":{"numberOfResults":${nestedArray(5_000)}}}}`,
    ],
  ])('%s', async (_name, path, body) => {
    const response = await http1(emulator.url, 'POST', path, json, body);

    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toMatch(/^ValidationException:/);
    expect(JSON.parse(response.body).message).toBe('The request body is nested deeper than 64 levels.');
  });

  it('a Claude tool_result nested 4,000 deep on InvokeModel gets the native Malformed input wording (h2)', async () => {
    const body = JSON.stringify({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'DEEP' }] }],
    }).replace('"DEEP"', nestedArray(4_000));

    const response = await h2(
      emulator.url,
      { ':method': 'POST', ':path': `${haikuPath}/invoke`, ...json },
      body,
    );

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).message).toBe(
      'Malformed input request: #: the request body is nested deeper than 64 levels, please reformat your input and try again.',
    );
  });

  it('accepts a body nested well within the limit', async () => {
    const body = JSON.stringify({
      messages: [userText],
      toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: 'SCHEMA' } } }] },
    }).replace('"SCHEMA"', nestedObject('not', 40, '{}'));

    const response = await http1(emulator.url, 'POST', `${haikuPath}/converse`, json, body);

    expect(response.status).toBe(200);
  });
});
