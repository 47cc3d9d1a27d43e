import { Logger } from '@nestjs/common';
import { IN_FLIGHT_RETRY_SECONDS } from './limits/budget-limiter';
import type { CounterEntry, ReserveResult } from './limits/counter-store';
import { governanceConfigSchema } from './config/governance-config.schema';
import { GovernanceService } from './governance.service';
import { generateApiKey, hashApiKey } from './keys/api-key';
import { MemoryCounterStore } from './limits/memory-counter-store';
import { CountersUnavailableError } from './policy/counters-unavailable.error';
import { PolicyDenial } from './policy/policy-denial.error';

/** Memory counters whose budget reservations fail while `down` (a Redis outage, as the service sees it). */
class FailingReserveStore extends MemoryCounterStore {
  down = false;

  override reserve(entries: readonly CounterEntry[], enforce: boolean): Promise<ReserveResult> {
    if (this.down) return Promise.reject(new Error("Stream isn't writeable"));
    return super.reserve(entries, enforce);
  }
}

const adminKey = generateApiKey();
const userKey = generateApiKey();
const revokedKey = generateApiKey();

const config = governanceConfigSchema.parse({
  tenants: [
    {
      id: 'platform',
      keys: [{ id: 'ops', hash: hashApiKey(adminKey), role: 'admin' }],
      pii: { mode: 'off' },
    },
    {
      id: 'search',
      keys: [
        { id: 'ci', hash: hashApiKey(userKey) },
        { id: 'old', hash: hashApiKey(revokedKey), revoked: true },
      ],
      allowed_models: ['claude-3-haiku', 'anthropic.claude-3-5-*'],
      allowed_knowledge_bases: ['general'],
      budgets: { daily_usd: 1, mode: 'deny' },
      rates: { requests_per_minute: 2 },
      pii: { mode: 'deny', types: ['SSN', 'CREDIT_CARD'] },
    },
  ],
});

/** Runs `action` and returns the PolicyDenial it throws (fails when it does not throw one). */
async function denialOf(action: () => unknown): Promise<PolicyDenial> {
  try {
    await action();
  } catch (error) {
    if (error instanceof PolicyDenial) return error;
    throw error;
  }
  throw new Error('expected a PolicyDenial');
}

describe('GovernanceService', () => {
  const now = Date.UTC(2024, 0, 15, 20, 0, 0);
  let service: GovernanceService;

  beforeEach(() => {
    service = new GovernanceService(config, new MemoryCounterStore('test:', () => now), () => now);
  });

  describe('reload', () => {
    it('refuses revoked keys from the next request, and keeps a removed tenant to the lists it had', () => {
      // Arrange: a principal authenticated before the reload
      const before = service.authenticate({ authorization: `Bearer ${userKey}` });
      const withoutSearch = governanceConfigSchema.parse({ tenants: [config.tenants[0]] });

      // Act
      service.reload(withoutSearch);

      // Assert
      expect(() => service.authenticate({ authorization: `Bearer ${userKey}` })).toThrow(PolicyDenial);
      expect(() => service.authorizeModel(before, ['claude-3-haiku'])).not.toThrow();
      expect(() => service.authorizeModel(before, ['llama-3-1'])).toThrow(PolicyDenial);
    });

    it('starts the budgets a reload adds from what was spent before, once, and leaves the others', async () => {
      // Arrange: search has a daily budget and spent $0.25 under it; platform has none and spent $0.6
      const user = service.authenticate({ 'x-api-key': userKey });
      const { reservation } = await service.checkBudget(user, 0.25, 10);
      await service.settle(user, 0.25, 10, { budget: reservation });
      const withBudgets = governanceConfigSchema.parse({
        tenants: [
          { ...config.tenants[0], budgets: { daily_usd: 1, daily_tokens: 5_000, monthly_tokens: 50_000 } },
          { ...config.tenants[1], budgets: { daily_usd: 1, monthly_usd: 10 } },
        ],
      });
      const ledger = new Map([
        ['platform', { daily_usd: 0.6, monthly_usd: 2, daily_tokens: 3_000, monthly_tokens: 40_000 }],
        ['search', { daily_usd: 0.25, monthly_usd: 4, daily_tokens: 10, monthly_tokens: 900 }],
      ]);

      // Act: seeded before the reload, and again (a second SIGHUP, another instance's seed)
      const added = service.budgetsAddedBy(withBudgets);
      await service.seedAddedBudgets(withBudgets, added, ledger, now);
      await service.seedAddedBudgets(withBudgets, added, ledger, now);
      service.reload(withBudgets);

      // Assert: platform's three new budgets count its spend once; search's new monthly one counts its
      // month, and its daily one (not new) is not seeded again
      expect(Object.fromEntries(added)).toEqual({
        platform: ['daily_usd', 'daily_tokens', 'monthly_tokens'],
        search: ['monthly_usd'],
      });
      const admin = service.authenticate({ 'x-api-key': adminKey });
      expect(await service.spent(admin)).toEqual({
        daily_usd: 0.6,
        monthly_usd: 0,
        daily_tokens: 3_000,
        monthly_tokens: 40_000,
      });
      expect(await service.spent(user)).toEqual({
        daily_usd: 0.25,
        monthly_usd: 4,
        daily_tokens: 0,
        monthly_tokens: 0,
      });
      const refused = await denialOf(() => service.checkBudget(admin, 0.5, 10));
      expect(refused.code).toBe('budget_exceeded');
    });
  });

  describe('seedSpending (boot)', () => {
    it("raises counters to the ledger's figure, creating the missing ones, and never adds to them", async () => {
      // Arrange: search's daily counter exists and holds $0.5 (a call the ledger has not written yet)
      const user = service.authenticate({ 'x-api-key': userKey });
      const { reservation } = await service.checkBudget(user, 0.5, 10);
      await service.settle(user, 0.5, 10, { budget: reservation });
      const restarted = new GovernanceService(config, new MemoryCounterStore('test:', () => now), () => now);
      const lagging = new Map([
        ['search', { daily_usd: 0.3, monthly_usd: 0.3, daily_tokens: 30, monthly_tokens: 30 }],
      ]);
      const ahead = new Map([
        ['search', { daily_usd: 0.8, monthly_usd: 0.8, daily_tokens: 80, monthly_tokens: 80 }],
      ]);

      // Act
      await service.seedSpending(lagging, now);
      const kept = (await service.spent(user)).daily_usd;
      await service.seedSpending(ahead, now);
      await service.seedSpending(ahead, now); // another instance booting
      const raised = (await service.spent(user)).daily_usd;
      await restarted.seedSpending(lagging, now);

      // Assert
      expect(kept).toBeCloseTo(0.5, 9);
      expect(raised).toBeCloseTo(0.8, 9);
      expect((await restarted.spent(user)).daily_usd).toBeCloseTo(0.3, 9);
    });
  });

  describe('authenticate', () => {
    it('resolves Bearer and x-api-key keys to their tenant', () => {
      // Act
      const viaBearer = service.authenticate({ authorization: `Bearer ${userKey}` });
      const viaHeader = service.authenticate({ 'x-api-key': adminKey });

      // Assert
      expect(service.authEnabled).toBe(true);
      expect(viaBearer).toMatchObject({ keyId: 'ci', role: 'user', tenant: { id: 'search' } });
      expect(viaHeader).toMatchObject({ keyId: 'ops', role: 'admin', tenant: { id: 'platform' } });
    });

    it.each([
      ['missing', {}, 'missing_key'],
      ['unknown', { 'x-api-key': generateApiKey() }, 'invalid_key'],
      ['revoked', { authorization: `Bearer ${revokedKey}` }, 'revoked_key'],
    ])('refuses a %s key as unauthorized, never echoing it', async (_, headers, reason) => {
      // Act
      const denial = await denialOf(() => service.authenticate(headers));

      // Assert
      expect(denial.code).toBe('unauthorized');
      expect(denial.details.reason).toBe(reason);
      expect(denial.message).not.toContain('bgw_');
    });

    it('lets everyone in as the anonymous admin when no key is configured', () => {
      // Arrange
      const open = new GovernanceService(governanceConfigSchema.parse({}), new MemoryCounterStore());

      // Act
      const principal = open.authenticate({});

      // Assert
      expect(open.authEnabled).toBe(false);
      expect(principal).toMatchObject({ keyId: null, role: 'admin', tenant: { id: 'anonymous' } });
    });
  });

  it('keeps admin routes to admin keys', async () => {
    // Arrange
    const admin = service.authenticate({ 'x-api-key': adminKey });
    const user = service.authenticate({ 'x-api-key': userKey });

    // Act
    const denial = await denialOf(() => service.requireAdmin(user));

    // Assert
    expect(() => service.requireAdmin(admin)).not.toThrow();
    expect(denial).toMatchObject({ code: 'forbidden', details: { reason: 'admin_required' } });
  });

  it('allows models by alias, id or glob, and forbids the rest', async () => {
    // Arrange
    const user = service.authenticate({ 'x-api-key': userKey });
    const admin = service.authenticate({ 'x-api-key': adminKey });

    // Act
    const denial = await denialOf(() =>
      service.authorizeModel(user, ['llama3-8b', 'meta.llama3-8b-instruct-v1:0']),
    );

    // Assert
    expect(() => service.authorizeModel(user, ['claude-3-haiku', null])).not.toThrow();
    expect(() =>
      service.authorizeModel(user, ['claude-3-5-sonnet', 'anthropic.claude-3-5-sonnet-20240620-v1:0']),
    ).not.toThrow();
    expect(() => service.authorizeModel(admin, ['llama3-8b', null])).not.toThrow();
    expect(denial).toMatchObject({ code: 'forbidden', details: { reason: 'model_not_allowed' } });
    expect(denial.message).toContain('llama3-8b');
  });

  it('allows knowledge bases on the list only', async () => {
    // Arrange
    const user = service.authenticate({ 'x-api-key': userKey });

    // Act
    const denial = await denialOf(() => service.authorizeKnowledgeBase(user, 'hr-policies', 'KBHR0001'));

    // Assert
    expect(() => service.authorizeKnowledgeBase(user, 'general', 'KBGENERAL1')).not.toThrow();
    expect(denial).toMatchObject({ code: 'forbidden', details: { reason: 'knowledge_base_not_allowed' } });
  });

  it('refuses past the request rate with rate_limited and a Retry-After', async () => {
    // Arrange
    const user = service.authenticate({ 'x-api-key': userKey });
    await service.checkRate(user, 10);
    await service.checkRate(user, 10);

    // Act
    const denial = await denialOf(() => service.checkRate(user, 10));

    // Assert
    expect(denial).toMatchObject({
      code: 'rate_limited',
      details: { reason: 'requests_per_minute', limit: 2 },
    });
    expect(denial.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(denial.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('refuses past a spent budget with budget_exceeded until 00:00 UTC', async () => {
    // Arrange: $0.9 of the $1 spent
    const user = service.authenticate({ 'x-api-key': userKey });
    const spent = await service.checkBudget(user, 0.9, 1000);
    await service.settle(user, 0.9, 1000, { budget: spent.reservation });

    // Act
    const denial = await denialOf(() => service.checkBudget(user, 0.2, 1000));

    // Assert
    expect(denial).toMatchObject({ code: 'budget_exceeded', retryAfterSeconds: 4 * 3600 });
    expect(denial.message).toContain('daily_usd budget is spent');
    expect(denial.details).toEqual({ reason: 'daily_usd', limit: 1 });
  });

  it('refuses for estimates still in flight with a Retry-After of seconds, and admits once they settle', async () => {
    // Arrange: a call in flight holds $0.9 of the $1
    const user = service.authenticate({ 'x-api-key': userKey });
    const admission = await service.checkBudget(user, 0.9, 1000);

    // Act
    const denial = await denialOf(() => service.checkBudget(user, 0.2, 1000));
    await service.settle(user, 0.1, 500, { budget: admission.reservation });
    const afterSettle = await service.checkBudget(user, 0.2, 1000);

    // Assert
    expect(denial).toMatchObject({ code: 'budget_exceeded', retryAfterSeconds: IN_FLIGHT_RETRY_SECONDS });
    expect(denial.message).toContain('held by the estimates of calls still in flight');
    expect(afterSettle.breaches).toEqual([]);
  });

  it('denies PII of the selected types with pii_blocked listing the types, not the values', async () => {
    // Arrange
    const user = service.authenticate({ 'x-api-key': userKey });

    // Act
    const denial = await denialOf(() =>
      service.applyPii(user, ['card 4111 1111 1111 1111', 'ssn 123-45-6789']),
    );
    const passed = service.applyPii(user, ['mail me at jane@example.com']);

    // Assert
    expect(denial).toMatchObject({ code: 'pii_blocked', details: { types: ['SSN', 'CREDIT_CARD'] } });
    expect(denial.message).not.toContain('4111');
    expect(passed).toEqual({ texts: ['mail me at jane@example.com'], redactions: [] });
  });

  it('redacts PII under the default policy and passes it with pii off', () => {
    // Arrange
    const open = new GovernanceService(governanceConfigSchema.parse({}), new MemoryCounterStore());
    const texts = ['mail jane@example.com', 'system: call 415-555-0132 or bob@example.org'];

    // Act
    const redacted = open.applyPii(open.authenticate({}), texts);
    const untouched = service.applyPii(service.authenticate({ 'x-api-key': adminKey }), texts);

    // Assert
    expect(redacted).toEqual({
      texts: ['mail [REDACTED:EMAIL]', 'system: call [REDACTED:PHONE] or [REDACTED:EMAIL]'],
      redactions: [
        { type: 'EMAIL', count: 2 },
        { type: 'PHONE', count: 1 },
      ],
    });
    expect(untouched).toEqual({ texts, redactions: [] });
  });
  it('logs a counter outage once, however many calls of tenants without limits pass during it', async () => {
    // Arrange
    const store = new FailingReserveStore('test:', () => now);
    const governed = new GovernanceService(config, store, () => now);
    const limited = governed.authenticate({ authorization: `Bearer ${userKey}` });
    const unlimited = governed.authenticate({ 'x-api-key': adminKey });
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    store.down = true;

    try {
      // Act
      for (let call = 0; call < 3; call += 1) {
        await expect(governed.checkBudget(limited, 0.01, 100)).rejects.toBeInstanceOf(
          CountersUnavailableError,
        );
        await governed.checkRate(unlimited, 100);
        await governed.checkBudget(unlimited, 0.01, 100);
      }
      store.down = false;
      await governed.checkBudget(limited, 0.01, 100);

      // Assert
      expect(errors).toHaveBeenCalledTimes(1);
      expect(logs.mock.calls).toEqual([['the rate and budget counters answer again']]);
    } finally {
      errors.mockRestore();
      logs.mockRestore();
    }
  });
});
