import { BedrockEmulator, KnowledgeBases } from '@app/bedrock-emulator';
import { TestGateway, startEmulator, startGateway } from '../support/gateway-harness';
import {
  OFF_TOPIC,
  VACATION,
  askRag,
  bedrockCalls,
  invokes,
  operations,
  recordingKnowledgeBases,
} from './support/rag-e2e';

// Knowledge-base configuration: listing, strict refusal, unknown ones, and Retrieve paging.
const CONFIGURED = [
  { alias: 'general', id: 'KBGENERAL1', description: 'Handbook' },
  { alias: 'handbook-strict', id: 'KBGENERAL1', description: 'Handbook, strict', strict: true },
  { alias: 'archive', id: 'KBARCHIVE1', description: 'Not in Bedrock', region: 'us-west-2' },
];

describe('knowledge bases', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let recorded: Awaited<ReturnType<typeof recordingKnowledgeBases>>;

  beforeAll(async () => {
    recorded = await recordingKnowledgeBases(2);
    emulator = await startEmulator({ knowledgeBases: recorded.service });
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      KNOWLEDGE_BASES: JSON.stringify(CONFIGURED),
    });
  });
  beforeEach(() => {
    recorded.retrieveBodies.length = 0;
    emulator.reset();
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('GET /bedrock/knowledge-bases lists the configured ones with alias, id, description and region', async () => {
    // Act
    const response = await fetch(`${gateway.url}/bedrock/knowledge-bases`);
    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      knowledge_bases: [
        { alias: 'general', id: 'KBGENERAL1', description: 'Handbook', region: 'us-east-1' },
        { alias: 'handbook-strict', id: 'KBGENERAL1', description: 'Handbook, strict', region: 'us-east-1' },
        { alias: 'archive', id: 'KBARCHIVE1', description: 'Not in Bedrock', region: 'us-west-2' },
      ],
    });
  });

  it('refuses a query parameter the list does not take, with a 400 naming it', async () => {
    // Act
    const response = await fetch(`${gateway.url}/bedrock/knowledge-bases?region=us-east-1`);
    const body: any = await response.json();
    // Assert
    expect(response.status).toBe(400);
    expect(body.error).toMatchObject({ code: 'validation_error', details: [{ field: 'region' }] });
  });

  it('lists the sample knowledge base out of the box in local mode', async () => {
    // Arrange
    const plain = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url });
    try {
      // Act
      const body: any = await (await fetch(`${plain.url}/bedrock/knowledge-bases`)).json();
      // Assert
      expect(body.knowledge_bases).toEqual([
        expect.objectContaining({ alias: 'general', id: 'KBGENERAL1', region: 'us-east-1' }),
      ]);
    } finally {
      await plain.close();
    }
  });

  it.each(['archive', 'KBARCHIVE1'])(
    'answers RAG calls that name no knowledge base from DEFAULT_KNOWLEDGE_BASE=%s',
    async (named) => {
      // Arrange: the default would otherwise be the first entry (general).
      const withDefault = await startGateway({
        BEDROCK_ENDPOINT_URL: emulator.url,
        KNOWLEDGE_BASES: JSON.stringify(CONFIGURED),
        DEFAULT_KNOWLEDGE_BASE: named,
      });
      try {
        // Act
        const { status, json } = await askRag(withDefault, { message: VACATION.message });
        // Assert: archive is the one Bedrock does not know.
        expect(status).toBe(404);
        expect(json.error.code).toBe('knowledge_base_not_found');
        expect(operations(emulator, 'Retrieve')).toMatchObject([{ knowledgeBaseId: 'KBARCHIVE1' }]);
      } finally {
        await withDefault.close();
      }
    },
  );

  it('stops the gateway at boot when DEFAULT_KNOWLEDGE_BASE is not configured', async () => {
    // Act / Assert: not a 404 on every RAG call that names no knowledge base.
    await expect(
      startGateway({
        BEDROCK_ENDPOINT_URL: emulator.url,
        KNOWLEDGE_BASES: JSON.stringify(CONFIGURED),
        DEFAULT_KNOWLEDGE_BASE: 'genral',
      }),
    ).rejects.toThrow(
      /DEFAULT_KNOWLEDGE_BASE: "genral" is not in KNOWLEDGE_BASES \(aliases: general, handbook-strict, archive\)/,
    );
  });

  it('follows nextToken when one page holds fewer results than max_results', async () => {
    // Act (pages hold 2 results here)
    const { status, json } = await askRag(gateway, {
      message: 'What happens to my room booking if nobody shows up?',
      max_results: 7,
      min_score: 0,
      max_context_length: 100000,
    });
    // Assert
    expect(status).toBe(200);
    expect(json.sources).toHaveLength(7);
    expect(operations(emulator, 'Retrieve')).toHaveLength(4);
    expect(recorded.retrieveBodies.map((body) => body.nextToken === undefined)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(new Set(json.sources.map((s: any) => s.metadata['x-amz-bedrock-kb-chunk-id'])).size).toBe(7);
  });

  it('stops paging on the last page when the knowledge base has fewer results than asked', async () => {
    // Arrange: how many chunks match at all, asked of the knowledge base directly
    const question = 'Tell me a joke about cats';
    const direct = (await KnowledgeBases.load()).retrieve('KBGENERAL1', {
      retrievalQuery: { text: question },
      retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 100 } },
    });
    const total = (direct.retrievalResults as unknown[]).length;
    // Act
    const { json } = await askRag(gateway, {
      message: question,
      max_results: 100,
      min_score: 0,
      max_context_length: 100000,
    });
    // Assert
    expect(total).toBeGreaterThan(2);
    expect(total).toBeLessThan(100);
    expect(json.sources).toHaveLength(total);
    expect(operations(emulator, 'Retrieve')).toHaveLength(Math.ceil(total / 2));
  });

  it('refuses with 404 no_context on a strict knowledge base when nothing reaches min_score', async () => {
    // Act
    const { status, json } = await askRag(gateway, { message: OFF_TOPIC, knowledge_base: 'handbook-strict' });
    // Assert
    expect(status).toBe(404);
    expect(json.error.code).toBe('no_context');
    expect(json.error.message).toContain('handbook-strict');
    expect(invokes(emulator)).toHaveLength(0);
    const record = (await gateway.usageRecords()).find((r) => r.requestId === json.error.request_id);
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'no_context',
      ragUsed: false,
      contextsUsed: 0,
    });
  });

  it('answers normally on a strict knowledge base when a passage reaches min_score', async () => {
    // Act
    const { status, json } = await askRag(gateway, {
      message: VACATION.message,
      knowledge_base: 'handbook-strict',
    });
    // Assert
    expect(status).toBe(200);
    expect(json.rag_used).toBe(true);
  });

  it.each([['nope'], ['KBNOTHERE1']])(
    'answers 404 knowledge_base_not_found for %s without calling Bedrock',
    async (name) => {
      // Act
      const { status, json } = await askRag(gateway, { message: VACATION.message, knowledge_base: name });
      // Assert
      expect(status).toBe(404);
      expect(json.error.code).toBe('knowledge_base_not_found');
      expect(json.error.message).toContain('general');
      expect(bedrockCalls(emulator)).toHaveLength(0);
    },
  );

  it('answers 404 knowledge_base_not_found when a configured knowledge base is unknown to Bedrock', async () => {
    // Act
    const { status, json } = await askRag(gateway, { message: VACATION.message, knowledge_base: 'archive' });
    // Assert
    expect(status).toBe(404);
    expect(json.error.code).toBe('knowledge_base_not_found');
    expect(operations(emulator, 'Retrieve')).toMatchObject([{ knowledgeBaseId: 'KBARCHIVE1', status: 404 }]);
  });
});
