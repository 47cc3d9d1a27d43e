import type { BedrockEmulator } from '@app/bedrock-emulator';
import { GovernanceService, estimateTokens } from '@app/governance';
import Redis from 'ioredis';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { TestGateway, postJson, startEmulator, startGateway } from '../support/gateway-harness';
import { bearer, eventually, writeGatewayConfig, type GatewayConfigFile } from './support/governance-fixture';

/**
 * Two gateway instances, one config file, one Redis (REDIS_URL): one shared rate and one shared budget.
 * Hammered concurrently, together they never admit more than the limit. Mandatory in CI (CI=true);
 * elsewhere skipped with a visible notice when Redis does not answer on 127.0.0.1:6379.
 */
const HOST = '127.0.0.1';
const PORT = 6379;
const PROBE = `const s=require('net').connect(${PORT},'${HOST}');s.setTimeout(1000,()=>process.exit(1));
s.on('error',()=>process.exit(1));s.on('data',d=>process.exit(String(d).startsWith('+PONG')?0:1));s.write('PING\\r\\n');`;
const redisAnswers = spawnSync(process.execPath, ['-e', PROBE], { timeout: 3000 }).status === 0;

if (!redisAnswers && process.env.CI === 'true')
  throw new Error(
    `CI=true but Redis does not answer on ${HOST}:${PORT}; the shared-limit e2e is mandatory in CI`,
  );
if (!redisAnswers)
  console.warn(
    `NOTICE: Redis does not answer on ${HOST}:${PORT}; the two-instance shared-limit e2e is SKIPPED`,
  );

const describeWithRedis = redisAnswers ? describe : describe.skip;

describeWithRedis('two gateway instances sharing Redis', () => {
  // Tenant ids are unique per run, so counters (keyed by tenant) never meet those of another run.
  const run = randomUUID().slice(0, 8);
  const RATE_LIMIT = 10;
  const message = 'Summarise governance considerations comprehensively';
  const maxTokens = 30;
  const estimate = estimateTokens([message], maxTokens);
  const budgetTokens = 8 * estimate;
  let emulator: BedrockEmulator;
  let config: GatewayConfigFile;
  let gateways: TestGateway[];

  beforeAll(async () => {
    emulator = await startEmulator();
    config = writeGatewayConfig([
      { id: `rate-${run}`, keys: [{ id: 'rate' }], rates: { requests_per_minute: RATE_LIMIT } },
      { id: `budget-${run}`, keys: [{ id: 'budget' }], budgets: { daily_tokens: budgetTokens } },
    ]);
    const env = {
      BEDROCK_ENDPOINT_URL: emulator.url,
      GATEWAY_CONFIG: config.path,
      REDIS_URL: `redis://${HOST}:${PORT}`,
    };
    gateways = [await startGateway(env), await startGateway(env)];
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await emulator.stop();
    config.remove();
    const redis = new Redis({ host: HOST, port: PORT });
    const keys = await redis.keys(`bgw:*-${run}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  /** Fires `total` calls at once, alternately at each instance; returns every response. */
  function hammer(keyId: string, total: number) {
    return Promise.all(
      Array.from({ length: total }, (_, index) =>
        postJson(
          `${gateways[index % 2]!.url}/bedrock/chat`,
          { model: 'claude-3-haiku', message, max_tokens: maxTokens },
          bearer(config.key(keyId)),
        ),
      ),
    );
  }

  it('shares one request rate: exactly the limit is admitted across both instances', async () => {
    const responses = await hammer('rate', 3 * RATE_LIMIT);

    const admitted = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status !== 200);
    expect(admitted.length).toBe(RATE_LIMIT);
    expect(new Set(refused.map((response) => response.json.error.code))).toEqual(new Set(['rate_limited']));
    expect(refused.every((response) => Number(response.headers.get('retry-after')) >= 1)).toBe(true);
  });

  it('shares one budget: the tokens admitted by both instances together stay within it', async () => {
    const responses = await hammer('budget', 4 * (budgetTokens / estimate));

    const admitted = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status !== 200);
    const used = admitted.map((response) => response.json.tokens_used.total_tokens as number);
    // The bound holds because a call never uses more than its estimate (input / 4 + max_tokens).
    expect(Math.max(...used)).toBeLessThanOrEqual(estimate);
    const total = used.reduce((sum, tokens) => sum + tokens, 0);
    expect(total).toBeLessThanOrEqual(budgetTokens);
    expect(admitted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((response) => response.json.error.code))).toEqual(
      new Set(['budget_exceeded']),
    );
    // Both instances read the same counter, which holds the actual tokens once every call has settled.
    for (const gateway of gateways) {
      const governance = gateway.app.get(GovernanceService);
      const principal = governance.authenticate(bearer(config.key('budget')));
      const spent = await eventually(async () => (await governance.spent(principal)).daily_tokens, total);
      expect(spent).toBe(total);
    }
  });
});
