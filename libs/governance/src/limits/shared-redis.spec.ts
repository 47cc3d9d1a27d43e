import { IN_FLIGHT_RETRY_SECONDS } from './budget-limiter';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { governanceConfigSchema } from '../config/governance-config.schema';
import { GovernanceService } from '../governance.service';
import { generateApiKey, hashApiKey } from '../keys/api-key';
import { isPolicyDenial } from '../policy/policy-denial.error';
import { RedisCounterStore } from './redis-counter-store';
import { utcMonth } from './budget-window';

/**
 * Two gateway instances (two GovernanceService, each with its own Redis connection) share one budget and
 * one rate through the Redis on this machine. Mandatory in CI; elsewhere skipped, loudly, without Redis.
 */
const HOST = '127.0.0.1';
const PORT = 6379;
const PROBE = `const s=require('net').connect(${PORT},'${HOST}');s.setTimeout(1000,()=>process.exit(1));
s.on('error',()=>process.exit(1));s.on('data',d=>process.exit(String(d).startsWith('+PONG')?0:1));s.write('PING\\r\\n');`;
const redisAnswers = spawnSync(process.execPath, ['-e', PROBE], { timeout: 3000 }).status === 0;
const inCi = process.env.CI === 'true';

if (!redisAnswers && inCi)
  throw new Error(`CI=true but Redis does not answer on ${HOST}:${PORT}; this test is mandatory in CI`);
if (!redisAnswers)
  console.warn(`NOTICE: Redis does not answer on ${HOST}:${PORT}; the shared-Redis limit tests are SKIPPED`);

const describeWithRedis = redisAnswers ? describe : describe.skip;

describeWithRedis('two gateway instances sharing Redis', () => {
  const prefix = `bgw-test:${randomUUID()}:`;
  const key = generateApiKey();
  const clients: Redis[] = [];
  let instances: GovernanceService[];

  function instance(budgets: object, rates: object): GovernanceService {
    const config = governanceConfigSchema.parse({
      tenants: [{ id: 'search', keys: [{ id: 'k', hash: hashApiKey(key) }], budgets, rates }],
    });
    const client = new Redis({ host: HOST, port: PORT });
    clients.push(client);
    return new GovernanceService(config, new RedisCounterStore(client, prefix));
  }

  /** Fires `total` calls alternately at both instances, all at once; counts the ones admitted. */
  async function hammer(
    total: number,
    call: (gateway: GovernanceService) => Promise<unknown>,
  ): Promise<number> {
    const outcomes = await Promise.all(
      Array.from({ length: total }, (_, index) =>
        call(instances[index % 2]!).then(
          () => true,
          (error: unknown) => {
            if (isPolicyDenial(error)) return false;
            throw error;
          },
        ),
      ),
    );
    return outcomes.filter(Boolean).length;
  }

  afterEach(async () => {
    const leftovers = await clients[0]?.keys(`${prefix}*`);
    if (leftovers?.length) await clients[0]?.del(...leftovers);
    await Promise.all(clients.splice(0).map((client) => client.quit()));
  });

  it('admits exactly the daily budget across both instances, never more', async () => {
    // Arrange
    instances = [instance({ daily_usd: 1 }, {}), instance({ daily_usd: 1 }, {})];
    const principal = instances[0]!.authenticate({ 'x-api-key': key });

    // Act: 300 calls estimated at $0.01 each against a $1 budget
    const admitted = await hammer(300, (gateway) => gateway.checkBudget(principal, 0.01, 100));

    // Assert
    expect(admitted).toBe(100);
    expect((await instances[1]!.spent(principal)).daily_usd).toBeCloseTo(1, 6);
  });

  it('seeds a budget that a reload adds once, whichever instance comes first', async () => {
    // Arrange: both instances run without a budget; the ledger says $0.6 was spent today
    instances = [instance({}, {}), instance({}, {})];
    const next = governanceConfigSchema.parse({
      tenants: [{ id: 'search', keys: [{ id: 'k', hash: hashApiKey(key) }], budgets: { daily_usd: 1 } }],
    });
    const ledger = new Map([
      ['search', { daily_usd: 0.6, monthly_usd: 0.6, daily_tokens: 100, monthly_tokens: 100 }],
    ]);
    const now = Date.now();

    // Act: both reload at once
    await Promise.all(
      instances.map((gateway) => gateway.seedAddedBudgets(next, gateway.budgetsAddedBy(next), ledger, now)),
    );
    instances.forEach((gateway) => gateway.reload(next));
    const principal = instances[0]!.authenticate({ 'x-api-key': key });
    const admitted = await hammer(10, (gateway) => gateway.checkBudget(principal, 0.1, 10));

    // Assert: $0.6 counted once, so $0.4 is left: four calls of $0.1
    expect(admitted).toBe(4);
  });

  it('leaves a counter another instance is already counting when a reload adds its budget', async () => {
    // Arrange: the first instance has had the budget (from an earlier window, or its own seed failed) and
    // counted today's $0.3; the second adds it by reload, and the ledger says $0.3
    instances = [instance({ daily_usd: 1 }, {}), instance({}, {})];
    const principal = instances[0]!.authenticate({ 'x-api-key': key });
    const { reservation } = await instances[0]!.checkBudget(principal, 0.3, 10);
    await instances[0]!.settle(principal, 0.3, 10, { budget: reservation });
    const next = governanceConfigSchema.parse({
      tenants: [{ id: 'search', keys: [{ id: 'k', hash: hashApiKey(key) }], budgets: { daily_usd: 1 } }],
    });
    const ledger = new Map([
      ['search', { daily_usd: 0.3, monthly_usd: 0.3, daily_tokens: 10, monthly_tokens: 10 }],
    ]);

    // Act
    await instances[1]!.seedAddedBudgets(next, instances[1]!.budgetsAddedBy(next), ledger, Date.now());

    // Assert: counted once
    expect((await instances[1]!.spent(principal)).daily_usd).toBeCloseTo(0.3, 9);
  });

  it("raises a counter that fell short (its own seed failed) to the ledger's figure, without adding", async () => {
    // Arrange: the first instance put the budget in force without its seed and counted $0.2 since; the
    // ledger has that $0.2 and $0.3 from before
    instances = [instance({ daily_usd: 1 }, {}), instance({}, {})];
    const principal = instances[0]!.authenticate({ 'x-api-key': key });
    const { reservation } = await instances[0]!.checkBudget(principal, 0.2, 10);
    await instances[0]!.settle(principal, 0.2, 10, { budget: reservation });
    const next = governanceConfigSchema.parse({
      tenants: [{ id: 'search', keys: [{ id: 'k', hash: hashApiKey(key) }], budgets: { daily_usd: 1 } }],
    });
    const ledger = new Map([
      ['search', { daily_usd: 0.5, monthly_usd: 0.5, daily_tokens: 20, monthly_tokens: 20 }],
    ]);

    // Act: the second instance reloads, twice
    for (let reload = 0; reload < 2; reload += 1)
      await instances[1]!.seedAddedBudgets(next, instances[1]!.budgetsAddedBy(next), ledger, Date.now());

    // Assert
    expect((await instances[0]!.spent(principal)).daily_usd).toBeCloseTo(0.5, 9);
  });

  it('seeds at boot the counters that do not exist yet, once', async () => {
    // Arrange: the first instance has been counting today ($0.3); the ledger also holds $0.5 of this month
    // and 700 tokens
    instances = [
      instance({ daily_usd: 1, monthly_usd: 10, monthly_tokens: 10_000 }, {}),
      instance({ daily_usd: 1, monthly_usd: 10, monthly_tokens: 10_000 }, {}),
    ];
    const principal = instances[0]!.authenticate({ 'x-api-key': key });
    const { reservation } = await instances[0]!.checkBudget(principal, 0.3, 10);
    await instances[0]!.settle(principal, 0.3, 10, { budget: reservation });
    const ledger = new Map([
      ['search', { daily_usd: 0.3, monthly_usd: 0.8, daily_tokens: 10, monthly_tokens: 700 }],
    ]);
    // The monthly counters are gone (as after a Redis restart), the daily one is still there
    await clients[0]!.del(`${prefix}budget:{search}:monthly_usd:${utcMonth(Date.now()).id}`);
    await clients[0]!.del(`${prefix}budget:{search}:monthly_tokens:${utcMonth(Date.now()).id}`);

    // Act: both instances boot
    await Promise.all(instances.map((gateway) => gateway.seedSpending(ledger, Date.now())));

    // Assert
    expect(await instances[1]!.spent(principal)).toEqual({
      daily_usd: 0.3,
      monthly_usd: 0.8,
      daily_tokens: 0,
      monthly_tokens: 700,
    });
  });

  it('admits exactly the request rate across both instances, never more', async () => {
    // Arrange
    instances = [instance({}, { requests_per_minute: 50 }), instance({}, { requests_per_minute: 50 })];
    const principal = instances[0]!.authenticate({ 'x-api-key': key });

    // Act
    const admitted = await hammer(200, (gateway) => gateway.checkRate(principal, 10));

    // Assert
    expect(admitted).toBe(50);
  });

  it('admits exactly the token rate and the token budget across both instances', async () => {
    // Arrange
    instances = [
      instance({ daily_tokens: 10_000 }, { tokens_per_minute: 5_000 }),
      instance({ daily_tokens: 10_000 }, { tokens_per_minute: 5_000 }),
    ];
    const principal = instances[0]!.authenticate({ 'x-api-key': key });

    // Act
    const rateAdmitted = await hammer(100, (gateway) => gateway.checkRate(principal, 100));
    const budgetAdmitted = await hammer(100, (gateway) => gateway.checkBudget(principal, 0, 250));

    // Assert
    expect(rateAdmitted).toBe(50);
    expect(budgetAdmitted).toBe(40);
  });

  it('settles on one instance what was reserved on the other', async () => {
    // Arrange
    instances = [
      instance({ daily_usd: 1, daily_tokens: 1_000, monthly_tokens: 1_000 }, {}),
      instance({ daily_usd: 1, daily_tokens: 1_000, monthly_tokens: 1_000 }, {}),
    ];
    const principal = instances[0]!.authenticate({ 'x-api-key': key });
    const admission = await instances[0]!.checkBudget(principal, 0.5, 800);

    // Act
    await instances[1]!.settle(principal, 0.125, 300, { budget: admission.reservation });

    // Assert
    expect(await instances[1]!.spent(principal)).toEqual({
      daily_usd: 0.125,
      monthly_usd: 0,
      daily_tokens: 300,
      monthly_tokens: 300,
    });
  });

  it('tells estimates in flight on one instance from money spent, on the other', async () => {
    // Arrange: a call in flight on the first instance holds $0.9 of the $1
    instances = [instance({ daily_usd: 1 }, {}), instance({ daily_usd: 1 }, {})];
    const principal = instances[0]!.authenticate({ 'x-api-key': key });
    const admission = await instances[0]!.checkBudget(principal, 0.9, 0);

    // Act
    const whileInFlight = await instances[1]!.checkBudget(principal, 0.2, 0).catch((error: unknown) => error);
    await instances[0]!.settle(principal, 0.9, 0, { budget: admission.reservation });
    const onceSpent = await instances[1]!.checkBudget(principal, 0.2, 0).catch((error: unknown) => error);

    // Assert
    expect(whileInFlight).toMatchObject({
      code: 'budget_exceeded',
      retryAfterSeconds: IN_FLIGHT_RETRY_SECONDS,
    });
    expect(onceSpent).toMatchObject({ code: 'budget_exceeded' });
    expect((onceSpent as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(
      IN_FLIGHT_RETRY_SECONDS,
    );
  });

  /** A rate limiter of `points` per `seconds` on its own connection, whose window is then full. */
  async function fullWindow(name: string, points: number, seconds: number) {
    const client = new Redis({ host: HOST, port: PORT });
    clients.push(client);
    const limiter = new RedisCounterStore(client, prefix).rateLimiter({
      name,
      points,
      durationSeconds: seconds,
    });
    await limiter.consume('search', points);
    const admitted = async (count: number) => {
      const outcomes: boolean[] = [];
      for (let index = 0; index < count; index += 1)
        outcomes.push(
          await limiter.consume('search', 1).then(
            () => true,
            () => false,
          ),
        );
      return outcomes;
    };
    return { limiter, admitted };
  }

  it('gives nothing back to a window that has expired, so the next one admits its limit only', async () => {
    // Arrange: a one-second window, full; a give-back reaches Redis after it expired (a slow store)
    const { limiter, admitted } = await fullWindow('late-give-back', 2, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // Act
    await limiter.reward('search', 1);
    // Assert
    expect(await admitted(3)).toEqual([true, true, false]);
  });

  it('gives nothing back to the next window when another call started it before the give-back arrived', async () => {
    // Arrange: a three-second window, full; it expires and another call starts the next one
    const { limiter, admitted } = await fullWindow('late-give-back-next-window', 2, 3);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    await limiter.consume('search', 1);
    // Act: the first window's give-back, carrying the time that window had left when it was sent (1 s)
    await limiter.reward('search', 2, { customDuration: 1 });
    // Assert: the window that was started holds its limit of 2
    expect(await admitted(2)).toEqual([true, false]);
  });
});
