import { SqliteUsageStore } from '@app/usage';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { makeUsageEvent, toRecord } from '../../libs/usage/src/testing/usage-event.fixture';
import { TestGateway, getJson, postJson, startGateway } from '../support/gateway-harness';
import { holdingStoreMethod } from '../support/usage-records';
import { bearer, eventually, writeGatewayConfig, type GatewayConfigFile } from './support/governance-fixture';

// In-memory budget counters survive a restart: the next process starts from the usage ledger.
describe('budgets across a restart (in-memory counters, SQLite ledger)', () => {
  let config: GatewayConfigFile;
  let ledgerDir: string;
  let gateway: TestGateway | undefined;

  beforeAll(() => {
    config = writeGatewayConfig([
      {
        id: 'restarted',
        keys: [{ id: 'restarted' }],
        budgets: { daily_usd: 5, monthly_usd: 50, daily_tokens: 100_000 },
      },
      { id: 'other', keys: [{ id: 'other' }], budgets: { daily_tokens: 100_000 } },
    ]);
    ledgerDir = mkdtempSync(join(tmpdir(), 'budget-restart-'));
  });

  afterAll(async () => {
    await gateway?.close();
    config.remove();
    rmSync(ledgerDir, { recursive: true, force: true });
  });

  const start = () =>
    startGateway({ GATEWAY_CONFIG: config.path, USAGE_SQLITE_PATH: join(ledgerDir, 'usage.db') });
  const budgetOf = async (running: TestGateway, keyId: string) =>
    (await getJson(`${running.url}/usage/me`, bearer(config.key(keyId)))).json.budget;

  it('counts what was spent earlier today and this month again after the gateway restarts', async () => {
    // Arrange: two calls, then a graceful stop (the ledger is flushed)
    gateway = await start();
    for (const message of ['What is a budget?', 'And a rate limit?']) {
      const call = await postJson(
        `${gateway.url}/bedrock/chat`,
        { model: 'claude-3-haiku', message, max_tokens: 60 },
        bearer(config.key('restarted')),
      );
      expect(call.status).toBe(200);
    }
    const records = await gateway.usageRecords();
    const before = await budgetOf(gateway, 'restarted');
    await gateway.close();
    gateway = undefined;

    // Act
    gateway = await start();
    const after = await budgetOf(gateway, 'restarted');

    // Assert: the ledger's figures, per window, and nothing for a tenant that spent nothing
    const tokens = records.reduce((sum, record) => sum + record.inputTokens + record.outputTokens, 0);
    expect(tokens).toBeGreaterThan(0);
    expect(after.daily_tokens.spent).toBe(tokens);
    expect(after.daily_tokens.spent).toBe(before.daily_tokens.spent);
    // Counters round each call up to a micro-dollar; the ledger's sum is rounded once.
    const rounding = records.length * 1e-6;
    expect(after.daily_usd.spent).toBeGreaterThan(0);
    expect(Math.abs(after.daily_usd.spent - before.daily_usd.spent)).toBeLessThanOrEqual(rounding);
    expect(Math.abs(after.monthly_usd.spent - before.monthly_usd.spent)).toBeLessThanOrEqual(rounding);
    expect((await budgetOf(gateway, 'other')).daily_tokens.spent).toBe(0);
  });
});

// A budget put on a tenant by a reload counts what the tenant had spent before it, from the usage ledger.
describe('a budget added by SIGHUP (in-memory counters, SQLite ledger)', () => {
  let config: GatewayConfigFile;
  let gateway: TestGateway;

  beforeAll(async () => {
    config = writeGatewayConfig([{ id: 'late', keys: [{ id: 'late' }] }]);
    gateway = await startGateway({ GATEWAY_CONFIG: config.path });
  });
  afterAll(async () => {
    await gateway.close();
    config.remove();
  });

  const chat = () =>
    postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', message: 'What is a budget?', max_tokens: 60 },
      bearer(config.key('late')),
    );
  const budget = async () =>
    (await getJson(`${gateway.url}/usage/me`, bearer(config.key('late')))).json.budget;

  it('starts from the tokens spent earlier today, and refuses what they leave no room for', async () => {
    // Arrange: two calls without a budget
    expect([(await chat()).status, (await chat()).status]).toEqual([200, 200]);
    const records = await gateway.usageRecords();
    const tokens = records.reduce((sum, record) => sum + record.inputTokens + record.outputTokens, 0);
    const document = parse(readFileSync(config.path, 'utf8')) as { tenants: Record<string, unknown>[] };
    document.tenants[0]!.budgets = { daily_tokens: tokens + 50 };
    writeFileSync(config.path, stringify(document));

    // Act
    process.emit('SIGHUP');
    const spent = await eventually(async () => (await budget())?.daily_tokens?.spent, tokens);
    const refused = await chat(); // its estimate (input + max_tokens 60) passes the 50 tokens left

    // Assert
    expect(spent).toBe(tokens);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('budget_exceeded');
  });
});

// A reload that adds a budget puts the rest of the file in force at once, while the ledger is read.
describe('a reload that adds a budget while the ledger answers slowly', () => {
  let config: GatewayConfigFile;
  let gateway: TestGateway;
  let release: () => void = () => undefined;
  const ledgerHeld = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    config = writeGatewayConfig([{ id: 'team', keys: [{ id: 'old' }, { id: 'new' }] }]);
    // The ledger's sums wait until the test lets them go (holdingStoreMethod below).
    gateway = await startGateway(
      { GATEWAY_CONFIG: config.path },
      { wrapUsageStore: holdingStoreMethod('spendingByTenant', ledgerHeld) },
    );
  });
  afterAll(async () => {
    release();
    await gateway.close();
    config.remove();
  });

  const chat = (keyId: string) =>
    postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', message: 'What is a budget?', max_tokens: 20 },
      bearer(config.key(keyId)),
    );

  it('refuses a revoked key at once, and counts the new budget from the ledger once it answers', async () => {
    // Arrange: one call, then a file that revokes `old` and adds a token budget
    expect((await chat('old')).status).toBe(200);
    const [record] = await gateway.usageRecords();
    const document = parse(readFileSync(config.path, 'utf8')) as {
      tenants: { budgets?: object; keys: { id: string; revoked?: boolean }[] }[];
    };
    document.tenants[0]!.keys[0]!.revoked = true;
    document.tenants[0]!.budgets = { daily_tokens: 100_000 };
    writeFileSync(config.path, stringify(document));

    // Act
    process.emit('SIGHUP');
    const revoked = await chat('old');
    const during = await getJson(`${gateway.url}/usage/me`, bearer(config.key('new')));
    release();
    const tokens = record!.inputTokens + record!.outputTokens;
    const spent = await eventually(
      async () =>
        (await getJson(`${gateway.url}/usage/me`, bearer(config.key('new')))).json.budget?.daily_tokens
          ?.spent,
      tokens,
    );

    // Assert
    expect(revoked.status).toBe(401);
    expect(during.json.budget).toBeNull(); // not yet in force
    expect(spent).toBe(tokens);
  });
});

// Records a ledger outage left in the spill file count too: the boot stores them before it reads its sums.
describe('budgets after a restart that follows a ledger outage (spill file, in-memory counters)', () => {
  let config: GatewayConfigFile;
  let ledgerDir: string;
  let gateway: TestGateway;

  beforeAll(async () => {
    config = writeGatewayConfig([{ id: 'spilled', keys: [{ id: 'spilled' }], budgets: { daily_usd: 1 } }]);
    ledgerDir = mkdtempSync(join(tmpdir(), 'budget-spill-'));
    // What the last process spilled while its store was down: $1.20 of today, past the $1 budget.
    const lines = Array.from({ length: 4 }, () =>
      JSON.stringify(
        toRecord(makeUsageEvent({ tenant: 'spilled', timestamp: Date.now() - 60_000, costUsd: 0.3 })),
      ),
    );
    writeFileSync(join(ledgerDir, 'usage-spill.ndjson'), `${lines.join('\n')}\n`);
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

  it('counts the spilled spend and refuses the next call', async () => {
    // Act
    const me = await getJson(`${gateway.url}/usage/me`, bearer(config.key('spilled')));
    const call = await postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', message: 'Hello', max_tokens: 20 },
      bearer(config.key('spilled')),
    );
    // Assert
    expect(me.json.budget.daily_usd.spent).toBeCloseTo(1.2, 6);
    expect(call.status).toBe(429);
    expect(call.json.error.code).toBe('budget_exceeded');
  });
});

// A spill file the store cannot take in time does not cost the seed what the ledger already holds.
describe('budgets after a restart whose spill file the store takes too long to replay', () => {
  let config: GatewayConfigFile;
  let ledgerDir: string;
  let gateway: TestGateway;
  let release: () => void = () => undefined;
  const writesHeld = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    config = writeGatewayConfig([{ id: 'held', keys: [{ id: 'held' }], budgets: { daily_usd: 1 } }]);
    ledgerDir = mkdtempSync(join(tmpdir(), 'budget-held-'));
    // The ledger holds $1.20 of today; the spill file one more record.
    const stored = new SqliteUsageStore({ path: join(ledgerDir, 'usage.db') });
    await stored.migrate();
    await stored.insertBatch(
      Array.from({ length: 2 }, () =>
        toRecord(makeUsageEvent({ tenant: 'held', timestamp: Date.now() - 60_000, costUsd: 0.6 })),
      ),
    );
    await stored.close();
    const spilled = toRecord(
      makeUsageEvent({ tenant: 'held', timestamp: Date.now() - 60_000, costUsd: 0.1 }),
    );
    writeFileSync(join(ledgerDir, 'usage-spill.ndjson'), `${JSON.stringify(spilled)}\n`);
    // Writes wait until the test lets them go (below): the replay outlasts the seed's bound.
    gateway = await startGateway(
      { GATEWAY_CONFIG: config.path, USAGE_SQLITE_PATH: join(ledgerDir, 'usage.db') },
      { wrapUsageStore: holdingStoreMethod('insertBatch', writesHeld) },
    );
  }, 30_000);
  afterAll(async () => {
    release();
    await gateway.close();
    config.remove();
    rmSync(ledgerDir, { recursive: true, force: true });
  });

  it('counts what the ledger holds, and refuses the next call', async () => {
    // Act
    const me = await getJson(`${gateway.url}/usage/me`, bearer(config.key('held')));
    const call = await postJson(
      `${gateway.url}/bedrock/chat`,
      { model: 'claude-3-haiku', message: 'Hello', max_tokens: 20 },
      bearer(config.key('held')),
    );
    // Assert
    expect(me.json.budget.daily_usd.spent).toBeCloseTo(1.2, 6);
    expect(call.status).toBe(429);
  });
});
