import type { BedrockEmulator } from '@app/bedrock-emulator';
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
  const spent = async () => {
    const response = await fetch(`${gateway.url}/usage/me`, { headers: bearer(config.key('team')) });
    return ((await response.json()) as { budget: { daily_tokens: { spent: number } } }).budget.daily_tokens
      .spent;
  };
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
      ],
    });
    config = writeGatewayConfig([
      { id: 'team', keys: [{ id: 'team' }], budgets: { daily_tokens: 1_000_000 } },
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
});
