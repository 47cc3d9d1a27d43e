import { CATALOG_DATA } from '@app/bedrock';
import type { BedrockEmulator } from '@app/bedrock-emulator';
import { GovernanceService, estimateTokens } from '@app/governance';
import { TestGateway, parseSse, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import {
  bearer,
  bedrockCalls,
  eventually,
  writeGatewayConfig,
  type GatewayConfigFile,
} from './support/governance-fixture';

// Model allow-lists, rates and budgets on POST /bedrock/chat, each tenant with its own counters.
const MESSAGE = 'How do budgets reset?';
const MAX_TOKENS = 40;
/** The pre-call estimate of one call: input characters / 4 plus max_tokens (libs/governance). */
const ESTIMATE = estimateTokens([MESSAGE], MAX_TOKENS);
const call = { model: 'claude-3-haiku', message: MESSAGE, max_tokens: MAX_TOKENS };

describe('model policy: allow-lists, rates and budgets', () => {
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let config: GatewayConfigFile;

  beforeAll(async () => {
    emulator = await startEmulator();
    config = writeGatewayConfig([
      { id: 'haiku-only', keys: [{ id: 'haiku' }], allowed_models: ['claude-3-haiku'] },
      { id: 'rated', keys: [{ id: 'rated' }], rates: { requests_per_minute: 2 } },
      { id: 'token-rated', keys: [{ id: 'token-rated' }], rates: { tokens_per_minute: ESTIMATE } },
      { id: 'small-minute', keys: [{ id: 'small-minute' }], rates: { tokens_per_minute: ESTIMATE } },
      { id: 'broke', keys: [{ id: 'broke' }], budgets: { daily_usd: 0.01 } },
      {
        id: 'broke-rated',
        keys: [{ id: 'broke-rated' }],
        budgets: { daily_usd: 0.01 },
        rates: { requests_per_minute: 2 },
      },
      { id: 'tiny', keys: [{ id: 'tiny' }], budgets: { daily_usd: 0.000001 } },
      { id: 'warned', keys: [{ id: 'warned' }], budgets: { daily_usd: 0.000001, mode: 'warn' } },
      { id: 'tokens', keys: [{ id: 'tokens' }], budgets: { daily_tokens: ESTIMATE } },
      { id: 'metered', keys: [{ id: 'metered' }], budgets: { daily_tokens: 1_000_000, monthly_usd: 100 } },
    ]);
    gateway = await startGateway({ BEDROCK_ENDPOINT_URL: emulator.url, GATEWAY_CONFIG: config.path });
  });

  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    config.remove();
  });

  const chat = (keyId: string, body: object = call) =>
    postJson(`${gateway.url}/bedrock/chat`, body, bearer(config.key(keyId)));

  /** Spends a tenant's whole $0.01 daily budget with a settled call of the governance service. */
  async function spendWholeBudget(keyId: string) {
    const governance = gateway.app.get(GovernanceService);
    const principal = governance.authenticate(bearer(config.key(keyId)));
    const spent = await governance.checkBudget(principal, 0.01, 0);
    await governance.settle(principal, 0.01, 0, { budget: spent.reservation });
  }

  async function recordOf(response: { headers: Headers }) {
    const requestId = response.headers.get('x-request-id');
    return (await gateway.usageRecords()).find((record) => record.requestId === requestId);
  }

  it('refuses a model outside the allow-list with 403 before calling Bedrock, and records the denial', async () => {
    emulator.clearRequests();

    const refused = await chat('haiku', { ...call, model: 'llama-3-1', metadata: { cost_center: 'cc-1' } });

    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('forbidden');
    expect(refused.json.error.message).toContain('llama-3-1');
    expect(bedrockCalls(emulator)).toHaveLength(0);
    expect(await recordOf(refused)).toMatchObject({
      status: 'denied',
      errorCode: 'forbidden',
      httpStatus: 403,
      tenant: 'haiku-only',
      keyId: 'haiku',
      modelAlias: 'llama-3-1',
      metadata: { 'gateway.denial_reason': 'model_not_allowed' },
      // Nothing was spent, exactly: a null cost would count as unpriced in the reports.
      costUsd: 0,
    });
    // Refused before the PII scan: the caller's metadata (which may hold PII) is not stored
    expect((await recordOf(refused))?.metadata).toEqual({ 'gateway.denial_reason': 'model_not_allowed' });
  });

  it('lists only the models a key may call in GET /bedrock/models', async () => {
    // Act
    const list = async (keyId: string) => {
      const response = await fetch(`${gateway.url}/bedrock/models`, { headers: bearer(config.key(keyId)) });
      return ((await response.json()) as { models: { alias: string }[] }).models.map((model) => model.alias);
    };
    const limited = await list('haiku');
    const open = await list('rated');
    // Assert
    expect(limited).toEqual(['claude-3-haiku']);
    expect(open).toEqual(CATALOG_DATA.models.map((model) => model.alias));
  });

  it('admits the allowed model by alias or by its model id; unknown models keep their 404', async () => {
    const byAlias = await chat('haiku');
    const byId = await chat('haiku', { ...call, model: 'anthropic.claude-3-haiku-20240307-v1:0' });
    const unknown = await chat('haiku', { ...call, model: 'no-such-model' });

    expect([byAlias.status, byId.status]).toEqual([200, 200]);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('model_not_found');
  });

  it('limits requests per minute: 429 rate_limited with Retry-After once the minute is used up', async () => {
    const admitted = [await chat('rated'), await chat('rated')];
    const refused = await chat('rated');

    expect(admitted.map((response) => response.status)).toEqual([200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await recordOf(refused)).toMatchObject({
      status: 'denied',
      errorCode: 'rate_limited',
      tenant: 'rated',
      metadata: { 'gateway.denial_reason': 'requests_per_minute' },
    });
  });

  it('limits tokens per minute from the estimate (input / 4 + max_tokens)', async () => {
    const first = await chat('token-rated');
    const second = await chat('token-rated');

    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.json.error.code).toBe('rate_limited');
    expect(second.json.error.message).toContain('tokens per minute');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('answers 400 without Retry-After for a call larger than a whole minute of tokens, which no wait admits', async () => {
    const response = await chat('small-minute', { ...call, max_tokens: MAX_TOKENS + 1 });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_error');
    expect(response.json.error.message).toContain(`tokens per minute limit of ${ESTIMATE}`);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await recordOf(response)).toMatchObject({
      status: 'denied',
      metadata: { 'gateway.denial_reason': 'tokens_per_minute' },
    });
    expect((await chat('small-minute')).status).toBe(200);
  });

  it('refuses a call whose estimated cost passes the daily budget: 429 budget_exceeded until midnight UTC', async () => {
    emulator.clearRequests();
    // The whole day's budget already spent (by another call, settled)
    await spendWholeBudget('broke');

    const refused = await chat('broke', { ...call, metadata: { cost_center: 'cc-42' } });

    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('budget_exceeded');
    expect(refused.json.error.message).toContain('daily_usd');
    const retryAfter = Number(refused.headers.get('retry-after'));
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    expect(retryAfter).toBeGreaterThanOrEqual(Math.floor((midnight - now.getTime()) / 1000));
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(bedrockCalls(emulator)).toHaveLength(0);
    expect(await recordOf(refused)).toMatchObject({
      status: 'denied',
      errorCode: 'budget_exceeded',
      httpStatus: 429,
      // The caller's metadata too, so a cost centre sees its refused calls
      metadata: { cost_center: 'cc-42', 'gateway.denial_reason': 'daily_usd' },
    });
  });

  it('gives a budget refusal its request back: a spent budget stays budget_exceeded, not rate_limited', async () => {
    // Arrange: the day's budget spent, and a rate of 2 requests a minute
    await spendWholeBudget('broke-rated');

    // Act
    const codes = [];
    for (let index = 0; index < 4; index += 1) codes.push((await chat('broke-rated')).json.error.code);

    // Assert: refused calls took no request from the minute
    expect(codes).toEqual(['budget_exceeded', 'budget_exceeded', 'budget_exceeded', 'budget_exceeded']);
  });

  it('answers a call whose estimate alone is larger than the whole budget with 400, not a 429 no retry would help', async () => {
    emulator.clearRequests();

    const refused = await chat('tiny');

    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('validation_error');
    expect(refused.json.error.message).toContain('larger than the whole daily_usd budget');
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(bedrockCalls(emulator)).toHaveLength(0);
    expect(await recordOf(refused)).toMatchObject({
      status: 'denied',
      httpStatus: 400,
      metadata: { 'gateway.denial_reason': 'daily_usd' },
    });
  });

  it('lets a call over a warn-mode budget through and records the breach on its usage record', async () => {
    const response = await chat('warned', { ...call, metadata: { team_ticket: 'OPS-1' } });

    expect(response.status).toBe(200);
    expect(await recordOf(response)).toMatchObject({
      status: 'success',
      tenant: 'warned',
      metadata: { team_ticket: 'OPS-1', 'gateway.budget_breach': 'daily_usd' },
    });
  });

  it('enforces a daily token budget: the first call fits its estimate, the next one does not', async () => {
    const first = await chat('tokens');
    const second = await chat('tokens');

    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.json.error.code).toBe('budget_exceeded');
    expect(second.json.error.message).toContain('daily_tokens');
  });

  it('charges the actual tokens and cost after the call, blocking and streamed, in place of the estimate', async () => {
    const governance = gateway.app.get(GovernanceService);
    const principal = governance.authenticate(bearer(config.key('metered')));

    const blocking = await chat('metered');
    const streamed = await chat('metered', { ...call, stream: true });
    const done = parseSse(streamed.text).find((event) => event.event === 'done')!.data;

    const expectedTokens = blocking.json.tokens_used.total_tokens + done.tokens_used.total_tokens;
    const spentTokens = await eventually(
      async () => (await governance.spent(principal)).daily_tokens,
      expectedTokens,
    );
    expect(spentTokens).toBe(expectedTokens);
    expect(expectedTokens).toBeLessThan(2 * ESTIMATE);
    // Budgets count whole micro-dollars, each charge rounded up: at most 1e-6 over per call.
    const spentUsd = (await governance.spent(principal)).monthly_usd;
    const actualUsd = blocking.json.estimated_cost + done.estimated_cost;
    expect(spentUsd).toBeGreaterThanOrEqual(actualUsd - 1e-12);
    expect(spentUsd).toBeLessThanOrEqual(actualUsd + 2e-6);
  });

  it('gives the reservation back when the call fails', async () => {
    const governance = gateway.app.get(GovernanceService);
    const principal = governance.authenticate(bearer(config.key('metered')));
    const before = (await governance.spent(principal)).daily_tokens;
    emulator.setFaults([{ kind: 'error', errorType: 'ValidationException', status: 400 }]);
    try {
      const failed = await chat('metered');
      expect(failed.status).toBe(400);
    } finally {
      emulator.clearFaults();
    }

    expect(await eventually(async () => (await governance.spent(principal)).daily_tokens, before)).toBe(
      before,
    );
  });
});

describe('model allow-lists: the names a model is matched by', () => {
  const PROVISIONED = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdef123456';
  // The emulator's account: Bedrock refuses a profile ARN of another account as an invalid model identifier.
  const PROFILE_ARN = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/';
  let emulator: BedrockEmulator;
  let gateway: TestGateway;
  let config: GatewayConfigFile;

  beforeAll(async () => {
    emulator = await startEmulator();
    config = writeGatewayConfig([
      { id: 'haiku-only', keys: [{ id: 'haiku' }], allowed_models: ['claude-3-haiku'] },
      { id: 'provisioned', keys: [{ id: 'provisioned' }], allowed_models: [PROVISIONED] },
      { id: 'profiles', keys: [{ id: 'profiles' }], allowed_models: ['us.anthropic.claude-3-5-sonnet-*'] },
      {
        id: 'account',
        keys: [{ id: 'account' }],
        allowed_models: ['arn:aws:bedrock:us-east-1:123456789012:*'],
      },
    ]);
    gateway = await startGateway({
      BEDROCK_ENDPOINT_URL: emulator.url,
      GATEWAY_CONFIG: config.path,
      BEDROCK_ARN_HINTS: JSON.stringify({
        [PROVISIONED]: { family: 'anthropic', baseModelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
      }),
    });
  });

  afterAll(async () => {
    await gateway.close();
    await emulator.stop();
    config.remove();
  });

  const chat = (keyId: string, model: string) =>
    postJson(`${gateway.url}/bedrock/chat`, { ...call, model }, bearer(config.key(keyId)));

  it('refuses a provisioned-model ARN to a key allowed only the foundation model behind it', async () => {
    emulator.clearRequests();

    const refused = await chat('haiku', PROVISIONED);

    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toContain(PROVISIONED);
    expect(bedrockCalls(emulator)).toHaveLength(0);
  });

  it('admits a provisioned-model ARN by its own ARN, and not the foundation model through it', async () => {
    emulator.clearRequests();

    await chat('provisioned', PROVISIONED);
    const refused = await chat('provisioned', 'claude-3-haiku');

    expect(bedrockCalls(emulator).map((request) => request.modelId)).toEqual([PROVISIONED]);
    expect(refused.status).toBe(403);
  });

  it('admits an inference-profile id, or its ARN, by a pattern on profile ids', async () => {
    const byId = await chat('profiles', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0');
    const byArn = await chat('profiles', `${PROFILE_ARN}us.anthropic.claude-3-5-sonnet-20240620-v1:0`);

    expect([byId.status, byArn.status]).toEqual([200, 200]);
  });

  it('lists the models a call by alias would be admitted to, matched as calls are (profile ids too)', async () => {
    const response = await fetch(`${gateway.url}/bedrock/models`, {
      headers: bearer(config.key('profiles')),
    });
    const models = ((await response.json()) as { models: { alias: string }[] }).models;

    // claude-3-5-sonnet-v2 is called through us.anthropic.claude-3-5-sonnet-20241022-v2:0 from us-east-1
    expect(models.map((model) => model.alias)).toEqual(['claude-3-5-sonnet-v2']);
  });

  it('never matches a catalog model by an ARN the caller wrote (its account id is the caller’s choice)', async () => {
    emulator.clearRequests();

    const refused = await chat('account', `${PROFILE_ARN}us.anthropic.claude-3-5-sonnet-20240620-v1:0`);

    expect(refused.status).toBe(403);
    expect(bedrockCalls(emulator)).toHaveLength(0);
  });
});
