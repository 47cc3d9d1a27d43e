import type { BedrockEmulator } from '@app/bedrock-emulator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestGateway, overheadMsOf, startEmulator, startGateway } from '../support/gateway-harness';
import { OFF_TOPIC, VACATION, askRag, invokes, operations, recordingKnowledgeBases } from './support/rag-e2e';

// Retrieve mode against the emulator's sample knowledge base: grounding, min_score, budget, fallback.
const KB_DIR = join(__dirname, '../../libs/bedrock-emulator/knowledge-bases/general');
const documentText = (file: string) => readFileSync(join(KB_DIR, file), 'utf8');
const LISBON = 'Where do I leave my bike at the Lisbon office?';

describe('POST /bedrock/chat/rag — retrieve mode', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let recorded: Awaited<ReturnType<typeof recordingKnowledgeBases>>;

  beforeAll(async () => {
    recorded = await recordingKnowledgeBases();
    emulator = await startEmulator({ knowledgeBases: recorded.service });
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
  });
  beforeEach(() => {
    recorded.retrieveBodies.length = 0;
    emulator.reset();
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it.each(['claude-3-haiku', 'amazon-titan', 'llama-3-1-8b', 'mistral-7b', 'command-r'])(
    '%s answers from the retrieved passage, built through its family strategy',
    async (model) => {
      // Act
      const { status, json } = await askRag(gateway, { message: VACATION.message, model });
      // Assert
      expect(status).toBe(200);
      expect(json.rag_used).toBe(true);
      expect(json.sources[0].source_uri).toMatch(new RegExp(`/${VACATION.document}$`));
      expect(json.response.length).toBeGreaterThan(20);
      expect(documentText(VACATION.document)).toContain(json.response.trim());
    },
  );

  it('answers the chat body plus knowledge base, contexts and sources with URI, score, excerpt and metadata', async () => {
    // Act
    const { json, headers } = await askRag(gateway, { message: LISBON });
    // Assert
    expect(json).toMatchObject({
      id: headers.get('x-request-id'),
      model_used: 'claude-3-haiku',
      family: 'anthropic',
      knowledge_base: { alias: 'general', id: 'KBGENERAL1' },
      contexts_used: json.sources.length,
      tokens_used: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
    expect(json.estimated_cost).toBeGreaterThan(0);
    expect(json.context_length).toBeGreaterThan(0);
    expect(json.context_length).toBeLessThanOrEqual(3000);
    expect(json).not.toHaveProperty('citations');
    for (const source of json.sources) {
      expect(source).toEqual({
        source_uri: expect.stringMatching(/^s3:\/\//),
        score: expect.any(Number),
        excerpt: expect.any(String),
        metadata: expect.objectContaining({ 'x-amz-bedrock-kb-chunk-id': expect.any(String) }),
      });
      expect(source.excerpt.length).toBeGreaterThan(0);
      expect(source.excerpt.length).toBeLessThanOrEqual(301);
    }
    expect(json.sources[0].metadata).toMatchObject({ title: 'Lisbon office guide', team: 'workplace' });
  });

  it('sends x-gateway-overhead-ms, which leaves out the wait on Retrieve and on the generation', async () => {
    // Arrange: Bedrock takes at least 250 ms over each of the two calls
    emulator.setFaults([{ kind: 'latency', latencyMs: 250, operation: ['Retrieve', 'InvokeModel'] }]);
    // Act
    const answered = await askRag(gateway, { message: LISBON });
    const refused = await askRag(gateway, { message: LISBON, knowledge_base: 'nope' });
    // Assert: the header is the time outside bedrock_latency_ms, which holds both calls
    expect(answered.status).toBe(200);
    expect(operations(emulator, 'Retrieve')).toHaveLength(1);
    expect(invokes(emulator)).toHaveLength(1);
    expect(answered.json.bedrock_latency_ms).toBeGreaterThanOrEqual(500);
    expect(answered.headers.has('x-gateway-overhead-ms')).toBe(true);
    expect(overheadMsOf(answered.headers)).toBeGreaterThanOrEqual(
      answered.json.processing_time_ms - answered.json.bedrock_latency_ms - 0.1,
    );
    expect(refused.status).toBe(404);
    expect(refused.headers.has('x-gateway-overhead-ms')).toBe(true);
  });

  it('sends max_results and search_type to Retrieve (defaults 5 and HYBRID)', async () => {
    // Act
    await askRag(gateway, { message: LISBON });
    await askRag(gateway, { message: LISBON, max_results: 12, search_type: 'SEMANTIC' });
    // Assert
    const searches = recorded.retrieveBodies.map((b) => b.retrievalConfiguration.vectorSearchConfiguration);
    expect(searches).toEqual([
      { numberOfResults: 5, overrideSearchType: 'HYBRID' },
      { numberOfResults: 12, overrideSearchType: 'SEMANTIC' },
    ]);
    expect(recorded.retrieveBodies[0].retrievalQuery).toEqual({ text: LISBON });
  });

  it('drops passages under min_score and orders the rest by score', async () => {
    // Act
    const all = (await askRag(gateway, { message: LISBON, min_score: 0, max_context_length: 100000 })).json;
    const filtered = (await askRag(gateway, { message: LISBON, min_score: 0.3, max_context_length: 100000 }))
      .json;
    // Assert
    const scores = (json: any) => json.sources.map((s: any) => s.score as number);
    expect(scores(all).some((score: number) => score < 0.3)).toBe(true);
    expect(scores(filtered).length).toBeGreaterThan(0);
    expect(scores(filtered).every((score: number) => score >= 0.3)).toBe(true);
    expect(scores(filtered)).toEqual(scores(all).filter((score: number) => score >= 0.3));
    expect(scores(all)).toEqual([...scores(all)].sort((a, b) => b - a));
  });

  it("uses the knowledge base's min_score when the request names none", async () => {
    // Arrange: the default (0.15) keeps annual-leave.md's passage, a knowledge base at 0.5 keeps nothing.
    const strictScore = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      KNOWLEDGE_BASES: JSON.stringify([{ alias: 'general', id: 'KBGENERAL1', min_score: 0.5 }]),
    });
    try {
      // Act
      const loose = (await askRag(gateway, { message: VACATION.message })).json;
      const high = (await askRag(strictScore, { message: VACATION.message })).json;
      // Assert
      expect(loose.rag_used).toBe(true);
      expect(high.rag_used).toBe(false);
      expect(high.sources).toEqual([]);
    } finally {
      await strictScore.close();
    }
  });

  it('uses RAG_MIN_SCORE for a knowledge base that sets none and a request that names none', async () => {
    // Arrange: the same question and knowledge base as above, the configured default raised to 0.5
    const highDefault = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, RAG_MIN_SCORE: '0.5' });
    try {
      // Act
      const defaulted = (await askRag(highDefault, { message: VACATION.message })).json;
      const named = (await askRag(highDefault, { message: VACATION.message, min_score: 0.15 })).json;
      // Assert: the request's own min_score still wins
      expect(defaulted.rag_used).toBe(false);
      expect(defaulted.sources).toEqual([]);
      expect(named.rag_used).toBe(true);
    } finally {
      await highDefault.close();
    }
  });

  it('packs sources into max_context_length, cutting the first one rather than dropping it', async () => {
    // Act
    const roomy = (await askRag(gateway, { message: LISBON, min_score: 0, max_context_length: 100000 })).json;
    const tight = (await askRag(gateway, { message: LISBON, min_score: 0, max_context_length: 500 })).json;
    // Assert
    expect(roomy.contexts_used).toBeGreaterThan(1);
    expect(roomy.context_length).toBeGreaterThan(500);
    expect(tight.context_length).toBeLessThanOrEqual(500);
    expect(tight.context_length).toBeGreaterThanOrEqual(250);
    expect(tight.contexts_used).toBeGreaterThanOrEqual(1);
    expect(tight.contexts_used).toBeLessThan(roomy.contexts_used);
    expect(tight.sources[0].source_uri).toBe(roomy.sources[0].source_uri);
    expect(tight.rag_used).toBe(true);
  });

  it('answers without context and says so when nothing reaches min_score', async () => {
    // Act
    const { status, json } = await askRag(gateway, { message: OFF_TOPIC });
    // Assert
    expect(status).toBe(200);
    expect(json).toMatchObject({ rag_used: false, contexts_used: 0, context_length: 0, sources: [] });
    expect(json.response.length).toBeGreaterThan(0);
    expect(operations(emulator, 'Retrieve')).toHaveLength(1);
    expect(invokes(emulator)).toHaveLength(1);
  });

  it('searches on the question, not on the blanks before it, and refuses a blank one before retrieving', async () => {
    // Act
    const padded = await askRag(gateway, { message: `${' '.repeat(20_000)}\n${VACATION.message}` });
    const blank = await askRag(gateway, { message: ' \n\t ' });
    // Assert: the padded question found its passage; the blank one made no Retrieve call.
    expect(padded.status).toBe(200);
    expect(padded.json.sources[0].source_uri).toMatch(new RegExp(`/${VACATION.document}$`));
    expect(recorded.retrieveBodies[0]).toMatchObject({ retrievalQuery: { text: VACATION.message } });
    expect(operations(emulator, 'Retrieve')).toHaveLength(1);
    expect(blank.status).toBe(400);
    expect(blank.json.error.details[0].field).toBe('message');
  });

  it('cuts a question over 20,000 characters for Retrieve without splitting a character in two', async () => {
    // Arrange: '🥒' takes code units 20,000 and 20,001, so a plain cut at 20,000 keeps half of it.
    const message = `${'x'.repeat(19_999)}🥒 ${VACATION.message}`;
    // Act
    const { status } = await askRag(gateway, { message });
    // Assert
    expect(status).toBe(200);
    expect(recorded.retrieveBodies[0].retrievalQuery.text).toBe('x'.repeat(19_999));
  });

  it('leaves sources out when include_sources is false', async () => {
    // Act
    const { json } = await askRag(gateway, { message: VACATION.message, include_sources: false });
    // Assert
    expect(json.rag_used).toBe(true);
    expect(json.contexts_used).toBe(1);
    expect(json).not.toHaveProperty('sources');
  });

  it('takes the knowledge base by alias, by id, or by knowledge_base_type', async () => {
    // Act
    const answers = await Promise.all(
      [
        { knowledge_base: 'general' },
        { knowledge_base: 'KBGENERAL1' },
        { knowledge_base_type: 'general' },
      ].map((named) => askRag(gateway, { message: VACATION.message, ...named })),
    );
    // Assert
    for (const { status, json } of answers) {
      expect(status).toBe(200);
      expect(json.knowledge_base).toEqual({ alias: 'general', id: 'KBGENERAL1' });
    }
  });

  it('records rag_used, the knowledge base, the contexts and the generation tokens and cost', async () => {
    // Act
    const grounded = (await askRag(gateway, { message: LISBON })).json;
    const ungrounded = (await askRag(gateway, { message: OFF_TOPIC })).json;
    // Assert
    const records = await gateway.usageRecords();
    const byId = (id: string) => records.find((record) => record.requestId === id);
    expect(byId(grounded.id)).toMatchObject({
      route: '/bedrock/chat/rag',
      status: 'success',
      ragUsed: true,
      knowledgeBaseId: 'KBGENERAL1',
      contextsUsed: grounded.contexts_used,
      inputTokens: grounded.tokens_used.input_tokens,
      outputTokens: grounded.tokens_used.output_tokens,
      costUsd: grounded.estimated_cost,
      modelAlias: 'claude-3-haiku',
    });
    expect(byId(ungrounded.id)).toMatchObject({
      ragUsed: false,
      knowledgeBaseId: 'KBGENERAL1',
      contextsUsed: 0,
    });
  });

  it('puts the grounding rules before the caller system prompt, then the context', async () => {
    // Arrange: a scripted answer fires only when the prompt holds the rules, the caller's prompt and a source.
    emulator.setScripts([
      {
        regex:
          'only the numbered sources[\\s\\S]*Answer like a pirate\\.[\\s\\S]*<context>[\\s\\S]*annual-leave\\.md',
        text: 'Arr, five days.',
      },
    ]);
    // Act
    const { json } = await askRag(gateway, {
      message: VACATION.message,
      system_prompt: 'Answer like a pirate.',
    });
    // Assert
    expect(json.response).toBe('Arr, five days.');
  });
});
