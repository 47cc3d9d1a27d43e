import { request } from 'node:http';
import type { BedrockEmulator, FaultRule } from '@app/bedrock-emulator';
import { TestGateway, startEmulator, startGateway } from '../support/gateway-harness';
import { VACATION, askRag, invokes, operations, ragUrl } from './support/rag-e2e';

// Knowledge-base errors map like the chat ones, with the same retries; the generation's too.
const waitFor = async (predicate: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
};

type Case = [string, Omit<FaultRule, 'operation'>, number, string, number];
const MAPPINGS: Case[] = [
  [
    'ValidationException',
    { kind: 'error', errorType: 'ValidationException', message: 'bad query' },
    400,
    'upstream_validation_error',
    1,
  ],
  ['AccessDeniedException', { kind: 'access-denied' }, 502, 'upstream_access_denied', 1],
  ['ThrottlingException', { kind: 'throttle' }, 429, 'upstream_throttled', 3],
  [
    'ServiceQuotaExceededException',
    { kind: 'error', errorType: 'ServiceQuotaExceededException', status: 400 },
    429,
    'upstream_throttled',
    1,
  ],
  ['InternalServerException', { kind: 'internal' }, 503, 'upstream_unavailable', 3],
  // The agent runtime models no ServiceUnavailableException: the emulator's `unavailable` is a 502 there.
  ['unavailable (BadGatewayException)', { kind: 'unavailable' }, 503, 'upstream_unavailable', 3],
  [
    'DependencyFailedException',
    { kind: 'error', errorType: 'DependencyFailedException', status: 424 },
    502,
    'upstream_error',
    1,
  ],
  [
    'ResourceNotFoundException',
    { kind: 'error', errorType: 'ResourceNotFoundException', status: 404 },
    404,
    'knowledge_base_not_found',
    1,
  ],
  [
    'BadGatewayException',
    { kind: 'error', errorType: 'BadGatewayException' },
    503,
    'upstream_unavailable',
    3,
  ],
  ['ConflictException', { kind: 'error', errorType: 'ConflictException' }, 502, 'upstream_error', 1],
];

const expectError = (response: Awaited<ReturnType<typeof askRag>>, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.json.error.code).toBe(code);
  expect(response.json.error.request_id).toBe(response.headers.get('x-request-id'));
  if (status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
};

describe('POST /bedrock/chat/rag — upstream failures', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator();
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      BEDROCK_CIRCUIT_FAILURES: '1000',
      BEDROCK_FAILOVER_REGIONS: 'us-west-2',
    });
  });
  afterEach(() => emulator.reset());
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it.each(MAPPINGS)(
    'Retrieve %s (%j) → %i %s after %i attempt(s), no generation',
    async (_name, fault, status, code, attempts) => {
      // Arrange
      emulator.setFaults([{ ...fault, operation: 'Retrieve' }]);
      // Act
      const response = await askRag(gateway, { message: VACATION.message });
      // Assert
      expectError(response, status, code);
      expect(operations(emulator, 'Retrieve')).toHaveLength(attempts);
      expect(invokes(emulator)).toHaveLength(0);
    },
  );

  it.each(MAPPINGS)(
    'RetrieveAndGenerate %s (%j) → %i %s after %i attempt(s)',
    async (_name, fault, status, code, attempts) => {
      // Arrange
      emulator.setFaults([{ ...fault, operation: 'RetrieveAndGenerate' }]);
      // Act
      const response = await askRag(gateway, { message: VACATION.message, mode: 'retrieve_and_generate' });
      // Assert
      expectError(response, status, code);
      expect(operations(emulator, 'RetrieveAndGenerate')).toHaveLength(attempts);
    },
  );

  it("passes Bedrock's ValidationException message through", async () => {
    // Arrange
    emulator.setFaults([
      { kind: 'error', errorType: 'ValidationException', message: 'bad query', operation: 'Retrieve' },
    ]);
    // Act
    const response = await askRag(gateway, { message: VACATION.message });
    // Assert
    expect(response.json.error.message).toBe('bad query');
  });

  it('maps a generation failure after retrieval like chat does, failing over to us-west-2', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'throttle', operation: 'InvokeModel' }]);
    // Act
    const response = await askRag(gateway, { message: VACATION.message });
    // Assert
    expectError(response, 429, 'upstream_throttled');
    expect(operations(emulator, 'Retrieve')).toHaveLength(1);
    expect(invokes(emulator)).toHaveLength(6); // 3 attempts in each of the two regions
  });

  it('answers after a throttled Retrieve and a throttled generation, recording both retries', async () => {
    // Arrange
    emulator.setFaults([
      { kind: 'throttle', operation: 'Retrieve', times: 1 },
      { kind: 'throttle', operation: 'InvokeModel', times: 1 },
    ]);
    // Act
    const { status, json } = await askRag(gateway, { message: VACATION.message });
    // Assert
    expect(status).toBe(200);
    expect(operations(emulator, 'Retrieve').map((r) => r.status)).toEqual([429, 200]);
    expect(invokes(emulator).map((r) => r.status)).toEqual([429, 200]);
    const record = (await gateway.usageRecords()).find((r) => r.requestId === json.id);
    expect(record).toMatchObject({ status: 'success', retries: 2, ragUsed: true });
  });

  it('keeps Retrieve in the knowledge base region: no failover round after its retries', async () => {
    // Arrange (us-west-2 is a failover region here; throttling never ends)
    emulator.setFaults([{ kind: 'throttle', operation: 'Retrieve' }]);
    // Act
    const response = await askRag(gateway, { message: VACATION.message });
    // Assert
    expectError(response, 429, 'upstream_throttled');
    expect(operations(emulator, 'Retrieve')).toHaveLength(3);
    const record = (await gateway.usageRecords()).find((r) => r.requestId === response.json.error.request_id);
    expect(record).toMatchObject({
      status: 'error',
      errorCode: 'upstream_throttled',
      retries: 2,
      region: 'us-east-1',
    });
    // …and the metrics count only the retries that reached Bedrock, in the region that was called.
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const knowledgeBaseSeries = metrics
      .split('\n')
      .filter((line) => /^gateway_upstream_(retries|failovers)_total\{.*knowledge-base\//.test(line));
    expect(knowledgeBaseSeries.length).toBeGreaterThan(0);
    expect(knowledgeBaseSeries.filter((line) => line.includes('us-west-2'))).toEqual([]);
  });

  it('gives 504 at timeout_ms while Retrieve stalls, and aborts the upstream request', async () => {
    // Arrange
    emulator.setFaults([{ kind: 'stall', operation: 'Retrieve' }]);
    // Act
    const started = Date.now();
    const response = await askRag(gateway, { message: VACATION.message, timeout_ms: 1000 });
    // Assert
    expectError(response, 504, 'upstream_timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    await waitFor(() => operations(emulator, 'Retrieve').every((r) => r.aborted));
    expect(operations(emulator, 'Retrieve').length).toBeGreaterThanOrEqual(1);
    expect(operations(emulator, 'Retrieve').every((r) => r.aborted)).toBe(true);
    expect(invokes(emulator)).toHaveLength(0);
  });

  it.each([
    ['retrieve', 'Retrieve'],
    ['retrieve_and_generate', 'RetrieveAndGenerate'],
  ])('aborts %s when the caller leaves, and records the call as client_closed', async (mode, operation) => {
    // Arrange: Bedrock takes 1.5 s; the caller gives up once the call has reached it
    emulator.setFaults([{ kind: 'latency', latencyMs: 1500 }]);
    const before = (await gateway.usageRecords()).length;
    // Act
    const call = request(ragUrl(gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    call.on('error', () => undefined);
    call.end(JSON.stringify({ message: VACATION.message, model: 'claude-3-haiku', mode }));
    await waitFor(() => operations(emulator, operation).length === 1);
    call.destroy();
    // Assert
    await waitFor(() => operations(emulator, operation).some((r) => r.aborted));
    expect(operations(emulator, operation)).toHaveLength(1);
    expect(operations(emulator, operation)[0]!.aborted).toBe(true);
    expect(invokes(emulator)).toHaveLength(0);
    let records = await gateway.usageRecords();
    for (const until = Date.now() + 3000; records.length === before && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      records = await gateway.usageRecords();
    }
    expect(records.slice(before)).toEqual([
      expect.objectContaining({
        route: '/bedrock/chat/rag',
        status: 'client_closed',
        errorCode: 'client_closed',
        knowledgeBaseId: 'KBGENERAL1',
      }),
    ]);
  });
});

describe('POST /bedrock/chat/rag — what Bedrock does not know', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    emulator = await startEmulator({ endOfLife: ['anthropic.claude-3-haiku-20240307-v1:0'] });
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      KNOWLEDGE_BASES: JSON.stringify([
        { alias: 'general', id: 'KBGENERAL1', description: 'the sample' },
        { alias: 'ghost', id: 'GHOSTKB123', description: 'unknown to Bedrock' },
      ]),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it.each(['retrieve', 'retrieve_and_generate'])(
    'answers a generation model past its end of life as model_not_found with Bedrock message (%s)',
    async (mode) => {
      const response = await askRag(gateway, { message: VACATION.message, knowledge_base: 'general', mode });

      expectError(response, 404, 'model_not_found');
      expect(response.json.error.message).toMatch(/reached the end of its life/);
    },
  );

  it.each(['retrieve', 'retrieve_and_generate'])(
    'answers a knowledge base Bedrock does not have as knowledge_base_not_found (%s)',
    async (mode) => {
      const response = await askRag(gateway, {
        message: VACATION.message,
        knowledge_base: 'ghost',
        model: 'llama-3-1',
        mode,
      });

      expectError(response, 404, 'knowledge_base_not_found');
    },
  );
});
