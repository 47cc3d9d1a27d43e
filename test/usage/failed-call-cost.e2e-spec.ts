import type { BedrockEmulator } from '@app/bedrock-emulator';
import { estimateTokens } from '@app/governance';
import { request } from 'node:http';
import {
  bearer,
  eventually,
  writeGatewayConfig,
  type GatewayConfigFile,
} from '../governance/support/governance-fixture';
import { TestGateway, getJson, postJson, startEmulator, startGateway } from '../support/gateway-harness';

// A failed call's cost in the ledger: 0 when nothing can have been billed, null (unknown) when Bedrock may
// have worked unseen. Reports count only the unknown ones as unpriced.
const HAIKU_ID = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('the recorded cost of failed calls', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  const chat = (body: Record<string, unknown>) =>
    postJson(`${gateway.url}/bedrock/chat`, { model: 'claude-3-haiku', ...body });
  /** The recorded cost; the record is pushed on the turn after the answer, so it may take a moment. */
  const costOf = async (requestId: string) => {
    for (let tries = 0; tries < 50; tries += 1) {
      const event = (await gateway.usageRecords()).find((record) => record.requestId === requestId);
      if (event) return event.costUsd;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no usage record for ${requestId}`);
  };

  beforeAll(async () => {
    emulator = await startEmulator({
      faults: [
        { kind: 'throttle', prompt: 'always throttled' },
        { kind: 'stall', prompt: 'never answered' },
        { kind: 'model-timeout', prompt: 'timed out then throttled', times: 1 },
        { kind: 'throttle', prompt: 'timed out then throttled' },
      ],
    });
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      BEDROCK_RETRY_BASE_MS: '0',
      BEDROCK_CIRCUIT_FAILURES: '1000',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
  });

  it('is 0 for a request refused before any call (validation, unknown model)', async () => {
    const invalid = await chat({ message: 'hi', max_tokens: 999999 });
    const unknown = await chat({ message: 'hi', model: 'no-such-model' });

    expect([invalid.status, unknown.status]).toEqual([400, 404]);
    expect(await costOf(invalid.json.error.request_id)).toBe(0);
    expect(await costOf(unknown.json.error.request_id)).toBe(0);
  });

  it('is 0 when Bedrock refused every attempt (throttling), which it does not bill', async () => {
    const throttled = await chat({ message: 'always throttled' });

    expect(throttled.json.error.code).toBe('upstream_throttled');
    expect(await costOf(throttled.json.error.request_id)).toBe(0);
  });

  it('stays unknown (null) when an earlier attempt may have been billed, whatever the last one said', async () => {
    const mixed = await chat({ message: 'timed out then throttled' });

    expect(mixed.json.error.code).toBe('upstream_throttled');
    expect(await costOf(mixed.json.error.request_id)).toBeNull();
  });

  it('stays unknown (null) when the deadline passed while Bedrock may have been working', async () => {
    const timedOut = await chat({ message: 'never answered', timeout_ms: 1000 });

    expect(timedOut.json.error.code).toBe('upstream_timeout');
    expect(await costOf(timedOut.json.error.request_id)).toBeNull();
  });

  it('leaves only the unknown ones out of the reported cost', async () => {
    const answered = await chat({ message: 'hello' });
    expect(answered.status).toBe(200);
    await gateway.usageRecords(); // flushes the ledger

    const { json } = await getJson(`${gateway.url}/usage/summary?group_by=model`);

    const haiku = json.rows.find((row: { key: string }) => row.key === HAIKU_ID);
    expect(haiku).toMatchObject({ requests: 5, errors: 4, unpriced_requests: 2 });
    expect(haiku.cost_usd).toBeCloseTo(answered.json.estimated_cost, 9);
  });
});

describe('the budget charged for failed calls', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let config: GatewayConfigFile;
  const budget = async () => {
    const response = await fetch(`${gateway.url}/usage/me`, { headers: bearer(config.key('team')) });
    const { budget } = (await response.json()) as {
      budget: { daily_tokens: { spent: number }; daily_usd: { spent: number } };
    };
    return { tokens: budget.daily_tokens.spent, usd: budget.daily_usd.spent };
  };
  const spent = async () => (await budget()).tokens;
  /** Opens a streamed chat and goes away once its `start` event has arrived, before any text. */
  const streamThenLeaveAtStart = (body: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => {
      const target = new URL(`${gateway.url}/bedrock/chat`);
      const call = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...bearer(config.key('team')) },
        },
        (response) =>
          response.on('data', (chunk: Buffer) => {
            if (!chunk.toString('utf8').includes('event: start')) return;
            call.destroy();
            resolve(String(response.headers['x-request-id']));
          }),
      );
      call.on('error', reject);
      call.end(JSON.stringify({ ...body, stream: true }));
    });
  const chat = (message: string, extra: Record<string, unknown> = {}) =>
    postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', message, max_tokens: 100, ...extra },
      bearer(config.key('team')),
    );

  beforeAll(async () => {
    emulator = await startEmulator({
      faults: [
        { kind: 'throttle', prompt: 'always throttled' },
        { kind: 'stall', prompt: 'never answered' },
        { kind: 'stall', operation: 'RetrieveAndGenerate' },
        // The first chunk at once (Cohere's stream-start, which has no text), the text after a while
        { kind: 'latency', prompt: 'slow to begin', chunkLatencyMs: 1000 },
      ],
    });
    config = writeGatewayConfig([
      { id: 'team', keys: [{ id: 'team' }], budgets: { daily_tokens: 1_000_000, daily_usd: 100 } },
    ]);
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      BEDROCK_RETRY_BASE_MS: '0',
      BEDROCK_CIRCUIT_FAILURES: '1000',
      GATEWAY_CONFIG: config.path,
    });
  });
  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    config.remove();
  });

  it('charges nothing for a call Bedrock refused, and keeps the estimate of one cut at its deadline', async () => {
    const refused = await chat('always throttled');
    expect(refused.json.error.code).toBe('upstream_throttled');
    const afterRefusal = await eventually(spent, 0);

    const cut = await chat('never answered', { timeout_ms: 1000 });
    expect(cut.json.error.code).toBe('upstream_timeout');
    // Settlement runs after the answer: wait until the deadline's call has been settled either way.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(afterRefusal).toBe(0);
    // The estimate: the prompt's tokens (characters / 4) plus max_tokens; never 0, which would let
    // calls cut at their deadline spend Bedrock money past every budget.
    expect(await spent()).toBeGreaterThanOrEqual(100);
  });

  it('keeps the estimate of a RetrieveAndGenerate cut at its deadline too (it generates)', async () => {
    const before = await spent();

    const cut = await postJson(
      `${gateway.url}/bedrock/chat/rag`,
      { message: 'parental leave', mode: 'retrieve_and_generate', max_tokens: 100, timeout_ms: 1000 },
      bearer(config.key('team')),
    );
    expect(cut.json.error.code).toBe('upstream_timeout');
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect((await spent()) - before).toBeGreaterThanOrEqual(100);
    const record = (await gateway.usageRecords()).find((r) => r.requestId === cut.json.error.request_id);
    expect(record?.costUsd).toBeNull();
  });

  it('keeps the estimate of a Cohere stream left before any text (Cohere counts its prompt only at the end)', async () => {
    const message = 'slow to begin: explain backoff with jitter';
    const before = await budget();

    const requestId = await streamThenLeaveAtStart({ model: 'command-r', message, max_tokens: 100 });

    const record = async () => (await gateway.usageRecords()).find((r) => r.requestId === requestId);
    await eventually(async () => (await record())?.status, 'client_closed');
    // Settlement runs after the record: wait until the call has been settled either way.
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Nothing was counted or seen: the cost is unknown and the whole estimate stays charged (it used to be
    // charged the prompt's estimate alone, and $0 against a money budget).
    expect(await record()).toMatchObject({ inputTokens: 0, outputTokens: 0, costUsd: null });
    const after = await budget();
    expect(after.tokens - before.tokens).toBe(estimateTokens([message], 100));
    expect(after.usd - before.usd).toBeGreaterThan(0);
  });
});
