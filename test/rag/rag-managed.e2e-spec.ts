import type { BedrockEmulator } from '@app/bedrock-emulator';
import { TestGateway, startEmulator, startGateway } from '../support/gateway-harness';
import { OFF_TOPIC, VACATION, askRag, invokes, operations, recordingKnowledgeBases } from './support/rag-e2e';

// mode "retrieve_and_generate": Bedrock's managed RetrieveAndGenerate.
const managed = { mode: 'retrieve_and_generate' };

describe('POST /bedrock/chat/rag — retrieve_and_generate mode', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let recorded: Awaited<ReturnType<typeof recordingKnowledgeBases>>;

  beforeAll(async () => {
    recorded = await recordingKnowledgeBases();
    emulator = await startEmulator({ knowledgeBases: recorded.service });
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      KNOWLEDGE_BASES: JSON.stringify([
        { alias: 'general', id: 'KBGENERAL1' },
        { alias: 'strict', id: 'KBGENERAL1', strict: true },
      ]),
    });
  });
  beforeEach(() => {
    recorded.managedBodies.length = 0;
    emulator.reset();
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('answers with citations and their sources, making one RetrieveAndGenerate call', async () => {
    // Act
    const { status, json } = await askRag(gateway, { ...managed, message: VACATION.message });
    // Assert
    expect(status).toBe(200);
    expect(json).toMatchObject({
      rag_used: true,
      knowledge_base: { alias: 'general', id: 'KBGENERAL1' },
      model_used: 'claude-3-haiku',
      tokens_used: { input_tokens: null, output_tokens: null, total_tokens: null },
      estimated_cost: null,
    });
    expect(json.response).toMatch(/five unused days/);
    expect(json.citations.length).toBeGreaterThan(0);
    for (const citation of json.citations) {
      expect(json.response).toContain(citation.text);
      expect(citation.source_uris).toEqual([expect.stringMatching(/annual-leave\.md$/)]);
    }
    expect(json.sources).toEqual([
      {
        source_uri: expect.stringMatching(/annual-leave\.md$/),
        score: null,
        excerpt: expect.any(String),
        metadata: expect.objectContaining({ 'x-amz-bedrock-kb-chunk-id': expect.any(String) }),
      },
    ]);
    expect(json.contexts_used).toBe(1);
    expect(json.context_length).toBeGreaterThanOrEqual(json.sources[0].excerpt.replace(/…$/, '').length);
    expect(operations(emulator, 'RetrieveAndGenerate')).toHaveLength(1);
    expect(operations(emulator, 'Retrieve')).toHaveLength(0);
    expect(invokes(emulator)).toHaveLength(0);
  });

  it('sends the foundation-model ARN of the region for an on-demand model', async () => {
    // Act
    await askRag(gateway, { ...managed, message: VACATION.message, model: 'claude-3-haiku' });
    // Assert
    expect(operations(emulator, 'RetrieveAndGenerate')[0]!.modelId).toBe(
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    );
  });

  it('sends the inference-profile id for a model that needs a profile', async () => {
    // Act
    const { status, json } = await askRag(gateway, {
      ...managed,
      message: VACATION.message,
      model: 'claude-3-5-haiku',
    });
    // Assert
    expect(status).toBe(200);
    expect(json.model_id).toMatch(/^us\.anthropic\.claude-3-5-haiku/);
    expect(operations(emulator, 'RetrieveAndGenerate')[0]!.modelId).toBe(json.model_id);
  });

  it('sends the profile of the knowledge base region geography when that is not the primary region', async () => {
    // Arrange: the gateway calls us-east-1; this knowledge base lives in eu-west-1.
    const europe = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      KNOWLEDGE_BASES: JSON.stringify([{ alias: 'general', id: 'KBGENERAL1', region: 'eu-west-1' }]),
    });
    try {
      // Act
      const { status, json } = await askRag(europe, {
        ...managed,
        message: VACATION.message,
        model: 'claude-3-5-sonnet-v2',
      });
      // Assert
      expect(status).toBe(200);
      expect(operations(emulator, 'RetrieveAndGenerate')[0]).toMatchObject({
        modelId: expect.stringMatching(/^eu\.anthropic\.claude-3-5-sonnet-20241022-v2/),
      });
      expect(json.model_id).toBe(operations(emulator, 'RetrieveAndGenerate')[0]!.modelId);
    } finally {
      await europe.close();
    }
  });

  it("refuses a question over RetrieveAndGenerate's 1,000 characters with 400 before calling Bedrock", async () => {
    // Act
    const long = `${VACATION.message} ${'x'.repeat(1000)}`;
    const refused = await askRag(gateway, { ...managed, message: long });
    const fits = await askRag(gateway, { ...managed, message: long.slice(0, 1000) });
    const retrieveMode = await askRag(gateway, { message: long });
    // Assert
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      code: 'validation_error',
      message: expect.stringContaining('at most 1000 characters with mode retrieve_and_generate'),
    });
    expect([fits.status, retrieveMode.status]).toEqual([200, 200]);
    expect(operations(emulator, 'RetrieveAndGenerate')).toHaveLength(1);
  });

  it('counts those characters as code points: 1,000 with emoji fit, as Bedrock counts them', async () => {
    // Arrange: 615 characters, 1,215 UTF-16 units
    const message = `${VACATION.message} ${'😀'.repeat(600)}`.slice(0, 15 + 1200);
    expect([...message].length).toBeLessThanOrEqual(1000);
    expect(message.length).toBeGreaterThan(1000);
    // Act
    const response = await askRag(gateway, { ...managed, message });
    // Assert
    expect(response.status).toBe(200);
  });

  it('stops the managed answer at a stop sequence', async () => {
    // Act
    const full = await askRag(gateway, { ...managed, message: VACATION.message });
    const word = (full.json.response as string).split(' ')[2]!;
    const stopped = await askRag(gateway, { ...managed, message: VACATION.message, stop_sequences: [word] });
    // Assert
    expect(stopped.status).toBe(200);
    expect(stopped.json.response).toBe(
      (full.json.response as string).slice(0, full.json.response.indexOf(word)),
    );
  });

  it('passes max_results, search_type, max_tokens and temperature to RetrieveAndGenerate', async () => {
    // Act
    await askRag(gateway, {
      ...managed,
      message: VACATION.message,
      max_results: 3,
      search_type: 'SEMANTIC',
      max_tokens: 200,
      temperature: 0.2,
    });
    // Assert
    const configuration =
      recorded.managedBodies[0].retrieveAndGenerateConfiguration.knowledgeBaseConfiguration;
    expect(recorded.managedBodies[0].input).toEqual({ text: VACATION.message });
    expect(configuration.knowledgeBaseId).toBe('KBGENERAL1');
    expect(configuration.retrievalConfiguration.vectorSearchConfiguration).toEqual({
      numberOfResults: 3,
      overrideSearchType: 'SEMANTIC',
    });
    expect(configuration.generationConfiguration.inferenceConfig.textInferenceConfig).toEqual({
      maxTokens: 200,
      temperature: 0.2,
    });
  });

  it('answers rag_used false when Bedrock cites nothing, and 404 no_context on a strict knowledge base', async () => {
    // Act
    const loose = await askRag(gateway, { ...managed, message: OFF_TOPIC });
    const strict = await askRag(gateway, { ...managed, message: OFF_TOPIC, knowledge_base: 'strict' });
    // Assert
    expect(loose.status).toBe(200);
    expect(loose.json).toMatchObject({ rag_used: false, contexts_used: 0, sources: [], citations: [] });
    expect(strict.status).toBe(404);
    expect(strict.json.error.code).toBe('no_context');
  });

  it('leaves sources and citations out when include_sources is false', async () => {
    // Act
    const { json } = await askRag(gateway, { ...managed, message: VACATION.message, include_sources: false });
    // Assert
    expect(json.rag_used).toBe(true);
    expect(json).not.toHaveProperty('sources');
    expect(json).not.toHaveProperty('citations');
  });

  it('records the call with rag_used, the knowledge base and the contexts', async () => {
    // Act
    const { json } = await askRag(gateway, { ...managed, message: VACATION.message });
    // Assert
    const record = (await gateway.usageRecords()).find((r) => r.requestId === json.id);
    expect(record).toMatchObject({
      route: '/bedrock/chat/rag',
      status: 'success',
      ragUsed: true,
      knowledgeBaseId: 'KBGENERAL1',
      contextsUsed: 1,
      costUsd: null,
    });
  });
});
