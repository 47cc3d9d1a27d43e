import { estimateTokens, secondsUntil, utcDay, utcMonth } from '@app/governance';
import { SqliteUsageStore, createUsageStore } from '@app/usage';
import Redis from 'ioredis';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { makeUsageEvent, toRecord } from '../../libs/usage/src/testing/usage-event.fixture';
import { TestGateway, getJson, postJson, startGateway } from '../support/gateway-harness';
import { testLedgers, type TestLedger } from '../support/test-ledgers';
import { bearer, eventually, writeGatewayConfig, type GatewayConfigFile } from './support/governance-fixture';

// `monthly_tokens`: input + output tokens per UTC calendar month, on both counter backends, in
// /usage/me, and started from the usage ledger at boot and when a reload adds it.
const MESSAGE = 'How many tokens are left this month?';
const MAX_TOKENS = 40;
/** The pre-call estimate of one call: input characters / 4 plus max_tokens (libs/governance). */
const ESTIMATE = estimateTokens([MESSAGE], MAX_TOKENS);
const call = { model: 'claude-3-haiku', message: MESSAGE, max_tokens: MAX_TOKENS };

/** Redis of the REDIS_URL the suite runs with (its own DB number), else the local one. */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const { hostname: HOST, port: PORT = '6379' } = new URL(REDIS_URL);
const PROBE = `const s=require('net').connect(${PORT || 6379},'${HOST}');s.setTimeout(1000,()=>process.exit(1));
s.on('error',()=>process.exit(1));s.on('data',d=>process.exit(String(d).startsWith('+PONG')?0:1));s.write('PING\\r\\n');`;
const redisAnswers = spawnSync(process.execPath, ['-e', PROBE], { timeout: 3000 }).status === 0;
if (!redisAnswers && process.env.CI === 'true')
  throw new Error(
    `CI=true but Redis does not answer at ${REDIS_URL}; the monthly token e2e on Redis is mandatory in CI`,
  );
if (!redisAnswers)
  console.warn(`NOTICE: Redis does not answer at ${REDIS_URL}; the monthly token e2e on Redis is SKIPPED`);

/** The 1st of next month, 00:00 UTC, as /usage/me writes it. */
const nextMonth = () => new Date(utcMonth(Date.now()).resetsAt).toISOString();

/**
 * A moment earlier this month than today (an hour before today's start), or the month's first second
 * on the 1st: a record there is in the month's sums and, but on the 1st, not in the day's.
 */
const earlierThisMonth = () =>
  Math.max(utcMonth(Date.now()).startsAt, utcDay(Date.now()).startsAt - 3_600_000);

const backends: [string, Record<string, string>, typeof describe][] = [
  ['in-memory counters', {}, describe],
  ['Redis counters (REDIS_URL)', { REDIS_URL }, redisAnswers ? describe : describe.skip],
];

for (const [name, env, describeBackend] of backends) {
  describeBackend(`a monthly token budget (${name})`, () => {
    // Tenant ids are unique per run, so Redis counters (keyed by tenant) never meet another run's.
    const run = randomUUID().slice(0, 8);
    let gateway: TestGateway;
    let config: GatewayConfigFile;

    beforeAll(async () => {
      config = writeGatewayConfig([
        { id: `monthly-${run}`, keys: [{ id: 'monthly' }], budgets: { monthly_tokens: ESTIMATE } },
        { id: `warned-${run}`, keys: [{ id: 'warned' }], budgets: { monthly_tokens: 1, mode: 'warn' } },
      ]);
      gateway = await startGateway({ GATEWAY_CONFIG: config.path, ...env });
    });

    afterAll(async () => {
      await gateway.close();
      config.remove();
      if (env.REDIS_URL === undefined) return;
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`*-${run}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    const chat = (keyId: string) => postJson(`${gateway.url}/bedrock/chat`, call, bearer(config.key(keyId)));
    const budgetOf = async (keyId: string) =>
      (await getJson(`${gateway.url}/usage/me`, bearer(config.key(keyId)))).json.budget;
    async function recordOf(response: { headers: Headers }) {
      const requestId = response.headers.get('x-request-id');
      return (await gateway.usageRecords()).find((record) => record.requestId === requestId);
    }

    it("admits a call within the month's tokens, shows it in /usage/me, then refuses until the 1st", async () => {
      // Arrange: the first call fits its estimate, and settles on its actual tokens
      const first = await chat('monthly');
      expect(first.status).toBe(200);
      const tokens: number = first.json.tokens_used.total_tokens;
      const spent = await eventually(async () => (await budgetOf('monthly')).monthly_tokens.spent, tokens);
      const budget = await budgetOf('monthly');

      // Act
      const before = Date.now();
      const refused = await chat('monthly');
      const after = Date.now();

      // Assert: /usage/me shows the one budget, over the month
      expect(spent).toBe(tokens);
      expect(Object.keys(budget).sort()).toEqual(['mode', 'monthly_tokens']);
      expect(budget.monthly_tokens).toEqual({
        limit: ESTIMATE,
        spent: tokens,
        remaining: ESTIMATE - tokens,
        resets_at: nextMonth(),
      });
      // Refused on tokens spent (not held in flight): Retry-After runs to the month's end
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe('budget_exceeded');
      expect(refused.json.error.message).toContain('monthly_tokens');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(secondsUntil(utcMonth(after), after));
      expect(retryAfter).toBeLessThanOrEqual(secondsUntil(utcMonth(before), before));
      expect(await recordOf(refused)).toMatchObject({
        status: 'denied',
        httpStatus: 429,
        metadata: { 'gateway.denial_reason': 'monthly_tokens' },
      });
    });

    it('lets a call over a warn-mode monthly token budget through and records the breach', async () => {
      // Act
      const response = await chat('warned');

      // Assert
      expect(response.status).toBe(200);
      expect(await recordOf(response)).toMatchObject({
        status: 'success',
        metadata: { 'gateway.budget_breach': 'monthly_tokens' },
      });
    });
  });
}

// In-memory counters start from the ledger's month at boot: a restart does not hand the month back.
const LEDGERS = testLedgers('monthly token budget on a PostgreSQL ledger');

describe.each(LEDGERS)(
  'a monthly token budget across a restart (in-memory counters, %s ledger)',
  (_name, makeLedger) => {
    const EARLIER = 500;
    let config: GatewayConfigFile;
    let ledgerDir: string;
    let ledger: TestLedger;
    let gateway: TestGateway | undefined;

    beforeAll(async () => {
      config = writeGatewayConfig([
        { id: 'restarted', keys: [{ id: 'restarted' }], budgets: { monthly_tokens: 100_000 } },
      ]);
      ledgerDir = mkdtempSync(join(tmpdir(), 'monthly-tokens-restart-'));
      ledger = await makeLedger(ledgerDir);
      // Earlier this month 500 tokens; last month 9,000, which no longer count.
      const stored = createUsageStore({
        databaseUrl: ledger.env.DATABASE_URL,
        sqlitePath: ledger.env.USAGE_SQLITE_PATH ?? '',
      });
      await stored.migrate();
      await stored.insertBatch([
        toRecord(
          makeUsageEvent({
            tenant: 'restarted',
            timestamp: earlierThisMonth(),
            inputTokens: 300,
            outputTokens: 200,
          }),
        ),
        toRecord(
          makeUsageEvent({
            tenant: 'restarted',
            timestamp: utcMonth(Date.now()).startsAt - 1_000,
            inputTokens: 4_000,
            outputTokens: 5_000,
          }),
        ),
      ]);
      await stored.close();
    });

    afterAll(async () => {
      await gateway?.close();
      await ledger?.drop();
      config.remove();
      rmSync(ledgerDir, { recursive: true, force: true });
    });

    const start = () => startGateway({ GATEWAY_CONFIG: config.path, ...ledger.env });
    const budgetOf = async (running: TestGateway) =>
      (await getJson(`${running.url}/usage/me`, bearer(config.key('restarted')))).json.budget;

    it("counts the month's tokens from the ledger at boot, and again after a restart", async () => {
      // Arrange: a boot on the ledger, one call, a graceful stop (the ledger is flushed)
      gateway = await start();
      const booted = await budgetOf(gateway);
      const response = await postJson(`${gateway.url}/bedrock/chat`, call, bearer(config.key('restarted')));
      expect(response.status).toBe(200);
      const tokens: number = response.json.tokens_used.total_tokens;
      const before = await eventually(
        async () => (await budgetOf(gateway!)).monthly_tokens.spent,
        EARLIER + tokens,
      );
      await gateway.close();
      gateway = undefined;

      // Act
      gateway = await start();
      const after = await budgetOf(gateway);

      // Assert
      expect(booted.monthly_tokens.spent).toBe(EARLIER);
      expect(before).toBe(EARLIER + tokens);
      expect(after.monthly_tokens).toEqual({
        limit: 100_000,
        spent: EARLIER + tokens,
        remaining: 100_000 - EARLIER - tokens,
        resets_at: nextMonth(),
      });
    });
  },
);

// A monthly token budget put on a tenant by a reload counts what it spent earlier in the month.
describe('a monthly token budget added by SIGHUP (in-memory counters, SQLite ledger)', () => {
  const EARLIER = 500;
  let config: GatewayConfigFile;
  let ledgerDir: string;
  let gateway: TestGateway;

  beforeAll(async () => {
    config = writeGatewayConfig([{ id: 'late', keys: [{ id: 'late' }] }]);
    ledgerDir = mkdtempSync(join(tmpdir(), 'monthly-tokens-sighup-'));
    const stored = new SqliteUsageStore({ path: join(ledgerDir, 'usage.db') });
    await stored.migrate();
    await stored.insertBatch([
      toRecord(
        makeUsageEvent({
          tenant: 'late',
          timestamp: earlierThisMonth(),
          inputTokens: 300,
          outputTokens: 200,
        }),
      ),
    ]);
    await stored.close();
    gateway = await startGateway({
      GATEWAY_CONFIG: config.path,
      USAGE_SQLITE_PATH: join(ledgerDir, 'usage.db'),
    });
  });

  afterAll(async () => {
    await gateway.close();
    config.remove();
    rmSync(ledgerDir, { recursive: true, force: true });
  });

  const chat = () => postJson(`${gateway.url}/bedrock/chat`, call, bearer(config.key('late')));
  const budget = async () =>
    (await getJson(`${gateway.url}/usage/me`, bearer(config.key('late')))).json.budget;

  it('starts from the tokens spent earlier this month, and refuses what they leave no room for', async () => {
    // Arrange: one call without a budget, then a file that leaves the tenant one token short of the next estimate
    const first = await chat();
    expect(first.status).toBe(200);
    const spentSoFar = EARLIER + (first.json.tokens_used.total_tokens as number);
    const document = parse(readFileSync(config.path, 'utf8')) as { tenants: Record<string, unknown>[] };
    document.tenants[0]!.budgets = { monthly_tokens: spentSoFar + ESTIMATE - 1 };
    writeFileSync(config.path, stringify(document));

    // Act
    process.emit('SIGHUP');
    const spent = await eventually(async () => (await budget())?.monthly_tokens?.spent, spentSoFar);
    const refused = await chat();

    // Assert
    expect(spent).toBe(spentSoFar);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('budget_exceeded');
    expect(refused.json.error.message).toContain('monthly_tokens');
  });
});
