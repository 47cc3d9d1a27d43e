import { BedrockEmulator, KnowledgeBaseService, KnowledgeBases } from '@app/bedrock-emulator';
import { TestGateway, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import {
  bearer,
  bedrockCalls,
  writeGatewayConfig,
  type GatewayConfigFile,
} from './support/governance-fixture';

// Knowledge-base allow-lists (RAG calls and the listing) and PII in RAG queries.
const KNOWLEDGE_BASES = [
  { alias: 'general', id: 'KBGENERAL1', description: 'Handbook' },
  { alias: 'archive', id: 'KBARCHIVE1', description: 'Old documents' },
  { alias: 'mumbai', id: 'KBGENERAL1', description: 'Handbook, in Mumbai', region: 'ap-south-1' },
];
const EMAIL = 'alice.jones@example.com';

describe('RAG policy', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let config: GatewayConfigFile;
  const retrieveQueries: string[] = [];

  beforeAll(async () => {
    const real = await KnowledgeBases.load();
    const recording: KnowledgeBaseService = {
      retrieve: (id, body) => {
        retrieveQueries.push(JSON.stringify(body));
        return real.retrieve(id, body);
      },
      retrieveAndGenerate: (body, region) => real.retrieveAndGenerate(body, region),
    };
    emulator = await startEmulator({ knowledgeBases: recording });
    config = writeGatewayConfig([
      { id: 'kb-limited', keys: [{ id: 'limited' }], allowed_knowledge_bases: ['general'] },
      { id: 'open', keys: [{ id: 'open' }] },
      { id: 'rag-strict', keys: [{ id: 'strict' }], pii: { mode: 'deny', types: ['EMAIL'] } },
      {
        id: 'rag-budget',
        keys: [{ id: 'budget' }],
        budgets: { daily_usd: 5, daily_tokens: 100_000, mode: 'deny' },
      },
    ]);
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      GATEWAY_CONFIG: config.path,
      KNOWLEDGE_BASES: JSON.stringify(KNOWLEDGE_BASES),
    });
  });

  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    config.remove();
  });

  beforeEach(() => {
    retrieveQueries.length = 0;
    emulator.clearRequests();
  });

  const rag = (keyId: string, body: object) =>
    postJson(
      `${gateway.url}/bedrock/chat/rag`,
      { model: 'claude-3-haiku', max_tokens: 60, ...body },
      bearer(config.key(keyId)),
    );

  /** What the `budget` tenant has spent today, in tokens and USD (`/usage/me`). */
  const budgetSpent = async () => {
    const me = await fetch(`${gateway.url}/usage/me`, { headers: bearer(config.key('budget')) });
    const { budget } = (await me.json()) as {
      budget: { daily_tokens: { spent: number }; daily_usd: { spent: number } };
    };
    return { tokens: budget.daily_tokens.spent, usd: budget.daily_usd.spent };
  };

  /** A RAG call by the `budget` tenant, and what it left charged once it is recorded (after settlement). */
  const chargedCall = async (body: object) => {
    const [records, before] = [(await gateway.usageRecords()).length, await budgetSpent()];
    const response = await rag('budget', { message: 'What is the refund policy?', ...body });
    while ((await gateway.usageRecords()).length === records) await new Promise((r) => setTimeout(r, 10));
    const after = await budgetSpent();
    return { response, tokens: after.tokens - before.tokens, usd: after.usd - before.usd };
  };

  it("names in a 404 only the knowledge bases the key may use, never other teams'", async () => {
    const limited = await rag('limited', { message: 'hi', knowledge_base: 'no-such-base' });
    const open = await rag('open', { message: 'hi', knowledge_base: 'no-such-base' });

    expect([limited.status, open.status]).toEqual([404, 404]);
    expect(limited.json.error.code).toBe('knowledge_base_not_found');
    expect(limited.json.error.message).toBe('Unknown knowledge base "no-such-base". Known aliases: general.');
    expect(open.json.error.message).toBe(
      'Unknown knowledge base "no-such-base". Known aliases: general, archive, mumbai.',
    );
    expect(bedrockCalls(emulator)).toEqual([]);
  });

  it('keeps the estimate charged for retrieve_and_generate, which reports no token counts', async () => {
    // Act
    const { response, tokens, usd } = await chargedCall({ mode: 'retrieve_and_generate' });
    // Assert: once the call is recorded (after its settlement), the budget still holds its estimate.
    expect(response.status).toBe(200);
    expect(response.json.tokens_used.total_tokens).toBeNull();
    expect(tokens).toBeGreaterThan(60);
    expect(usd).toBeGreaterThan(0);
  });

  it('charges retrieve_and_generate for the passages asked for, which max_context_length does not cap there', async () => {
    // Act
    const one = await chargedCall({ mode: 'retrieve_and_generate', max_results: 1 });
    const twenty = await chargedCall({
      mode: 'retrieve_and_generate',
      max_results: 20,
      max_context_length: 500,
    });
    // Assert: 19 more passages of Bedrock's default chunk size (300 tokens) in the prompt.
    expect([one.response.status, twenty.response.status]).toEqual([200, 200]);
    expect(twenty.tokens - one.tokens).toBe(19 * 300);
  });

  it("prices retrieve_and_generate at the knowledge base region's profile", async () => {
    // Arrange: Claude Sonnet 4.5 costs 1.1× through a geographic profile (us. from us-east-1) and 1× through
    // global. (ap-south-1, whose geography it does not offer); RetrieveAndGenerate reports no tokens, so the
    // estimate is the charge.
    const managed = { mode: 'retrieve_and_generate', model: 'claude-sonnet-4-5' };
    // Act
    const virginia = await chargedCall({ ...managed, knowledge_base: 'general' });
    const mumbai = await chargedCall({ ...managed, knowledge_base: 'mumbai' });
    // Assert
    expect([virginia.response.status, mumbai.response.status]).toEqual([200, 200]);
    expect([virginia.response.json.model_id, mumbai.response.json.model_id]).toEqual([
      expect.stringMatching(/^us\./),
      expect.stringMatching(/^global\./),
    ]);
    expect(virginia.usd / mumbai.usd).toBeCloseTo(1.1, 2); // the budget counters keep micro-dollars
  });

  it('refuses a knowledge base outside the allow-list with 403 before retrieving anything', async () => {
    const response = await rag('limited', { message: 'What is archived?', knowledge_base: 'archive' });

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('forbidden');
    expect(response.json.error.message).toContain('archive');
    expect(bedrockCalls(emulator)).toHaveLength(0);
    const records = await gateway.usageRecords();
    expect(records.find((record) => record.requestId === response.json.error.request_id)).toMatchObject({
      status: 'denied',
      errorCode: 'forbidden',
      route: '/bedrock/chat/rag',
      tenant: 'kb-limited',
      knowledgeBaseId: 'KBARCHIVE1',
      metadata: { 'gateway.denial_reason': 'knowledge_base_not_allowed' },
    });
  });

  it('admits an allowed knowledge base, named by its id or left to the default', async () => {
    const byId = await rag('limited', { message: 'How many vacation days?', knowledge_base: 'KBGENERAL1' });
    const byDefault = await rag('limited', { message: 'How many vacation days?' });

    expect([byId.status, byDefault.status]).toEqual([200, 200]);
  });

  it('lists only the knowledge bases the key may use', async () => {
    const list = async (keyId: string) => {
      const response = await fetch(`${gateway.url}/bedrock/knowledge-bases`, {
        headers: bearer(config.key(keyId)),
      });
      const body = (await response.json()) as { knowledge_bases: { alias: string }[] };
      return body.knowledge_bases.map((entry) => entry.alias);
    };

    expect(await list('limited')).toEqual(['general']);
    expect(await list('open')).toEqual(['general', 'archive', 'mumbai']);
  });

  it('redacts PII in the RAG query before it is sent to Retrieve', async () => {
    const response = await rag('open', { message: `Vacation days for ${EMAIL}?` });

    expect(response.status).toBe(200);
    expect(response.json.redactions).toEqual([{ type: 'EMAIL', count: 1 }]);
    expect(retrieveQueries.length).toBeGreaterThan(0);
    for (const query of retrieveQueries) {
      expect(query).toContain('[REDACTED:EMAIL]');
      expect(query).not.toContain(EMAIL);
    }
  });

  it('refuses a RAG query holding PII under a deny policy: 422 pii_blocked', async () => {
    const response = await rag('strict', { message: `Vacation days for ${EMAIL}?` });

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe('pii_blocked');
    expect(response.text).not.toContain(EMAIL);
    expect(bedrockCalls(emulator)).toHaveLength(0);
  });
});
