import { TestGateway, postJson, startGateway } from '../support/gateway-harness';
import { bearer, eventually, writeGatewayConfig, type GatewayConfigFile } from './support/governance-fixture';

// GET /usage/me: the caller's own usage plus what is left of its tenant's budgets.
describe('GET /usage/me remaining budget', () => {
  let gateway: TestGateway;
  let config: GatewayConfigFile;

  beforeAll(async () => {
    config = writeGatewayConfig([
      {
        id: 'budgeted',
        keys: [{ id: 'budgeted' }],
        budgets: { daily_usd: 2, daily_tokens: 50_000, mode: 'warn' },
      },
      { id: 'unbudgeted', keys: [{ id: 'unbudgeted' }] },
    ]);
    gateway = await startGateway({ GATEWAY_CONFIG: config.path });
  });

  afterAll(async () => {
    await gateway.close();
    config.remove();
  });

  const me = async (keyId: string) => {
    const response = await fetch(`${gateway.url}/usage/me`, { headers: bearer(config.key(keyId)) });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };

  it('shows each configured budget with its limit, actual spend, remainder and reset time', async () => {
    const call = await postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', message: 'What does my budget look like?', max_tokens: 50 },
      bearer(config.key('budgeted')),
    );
    expect(call.status).toBe(200);
    const tokens: number = call.json.tokens_used.total_tokens;

    const spentTokens = await eventually(
      async () => (await me('budgeted')).json.budget.daily_tokens.spent,
      tokens,
    );
    const { status, json } = await me('budgeted');

    expect(status).toBe(200);
    expect(spentTokens).toBe(tokens);
    expect(Object.keys(json.budget).sort()).toEqual(['daily_tokens', 'daily_usd', 'mode']);
    expect(json.budget.mode).toBe('warn');
    expect(json.budget.daily_tokens).toMatchObject({
      limit: 50_000,
      spent: tokens,
      remaining: 50_000 - tokens,
    });
    const now = new Date();
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    expect(json.budget.daily_tokens.resets_at).toBe(midnight.toISOString());
    const usd = json.budget.daily_usd;
    expect(usd.limit).toBe(2);
    // Whole micro-dollars, rounded up per call.
    expect(usd.spent).toBeGreaterThanOrEqual(call.json.estimated_cost);
    expect(usd.spent).toBeLessThanOrEqual(call.json.estimated_cost + 1e-6);
    expect(usd.remaining).toBeCloseTo(2 - usd.spent, 9);
  });

  it('answers budget: null for a tenant without budgets', async () => {
    const { status, json } = await me('unbudgeted');

    expect(status).toBe(200);
    expect(json.budget).toBeNull();
  });
});
