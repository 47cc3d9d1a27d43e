import { ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { invokeJson, startFamilyHarness, type FamilyHarness } from './support/family-harness';

const TITAN_EMBED = 'amazon.titan-embed-text-v2:0';
const COHERE_EMBED = 'cohere.embed-english-v3';

describe('Embeddings through InvokeModel (real SDK, HTTP/2)', () => {
  let harness: FamilyHarness;

  beforeAll(async () => {
    harness = await startFamilyHarness();
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('Titan Embed v2: a unit vector of the requested size, token count in body and header', async () => {
    const { body, tokens } = await invokeJson(harness, TITAN_EMBED, {
      inputText: 'hello world',
      dimensions: 512,
    });
    const embedding = body.embedding as number[];
    expect(embedding).toHaveLength(512);
    expect(Math.hypot(...embedding)).toBeCloseTo(1, 6);
    expect(body.inputTextTokenCount).toBe(tokens.input);
    expect(tokens.output).toBe(0);
    expect(
      (await invokeJson(harness, TITAN_EMBED, { inputText: 'hello world', dimensions: 512 })).body,
    ).toEqual(body);
  });

  it('Cohere Embed v3: one vector per text, input tokens only in the header', async () => {
    const request = { texts: ['hello world', 'goodbye'], input_type: 'search_document' };
    const { body, tokens } = await invokeJson(harness, COHERE_EMBED, request);
    expect(body.response_type).toBe('embeddings_floats');
    expect((body.embeddings as number[][]).map((vector) => vector.length)).toEqual([1024, 1024]);
    expect(tokens.input).toBeGreaterThan(0);
    const byType = await invokeJson(harness, COHERE_EMBED, {
      ...request,
      embedding_types: ['float', 'int8'],
    });
    expect(byType.body.response_type).toBe('embeddings_by_type');
    expect(Object.keys(byType.body.embeddings as object)).toEqual(['float', 'int8']);
  });

  it('rejects a bad dimension naming the field', async () => {
    const error: unknown = await invokeJson(harness, TITAN_EMBED, { inputText: 'x', dimensions: 100 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toContain('#/dimensions');
  });
});
