import { governanceConfigSchema, type TenantConfig } from '../config/governance-config.schema';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimiterSpec } from './counter-store';
import { MemoryCounterStore } from './memory-counter-store';
import { GIVE_BACK_MARGIN_MS, RateLimits } from './rate-limits';

/** Memory counters whose give-backs (`reward`) reach the store only after `beforeReward` ran: a slow store. */
class SlowRewardStore extends MemoryCounterStore {
  beforeReward: () => void = () => undefined;
  rewards = 0;
  private readonly slowed = new WeakSet<RateLimiterAbstract>();

  override rateLimiter(spec: RateLimiterSpec): RateLimiterAbstract {
    const limiter = super.rateLimiter(spec);
    if (this.slowed.has(limiter)) return limiter;
    this.slowed.add(limiter);
    const reward = limiter.reward.bind(limiter);
    limiter.reward = (key, points, options) => {
      this.rewards += 1;
      this.beforeReward();
      return reward(key, points, options);
    };
    return limiter;
  }
}

function tenantWith(rates: Record<string, number>): TenantConfig {
  const tenant = governanceConfigSchema.parse({ tenants: [{ id: `t-${Math.random()}`, rates }] }).tenants[0];
  if (!tenant) throw new Error('no tenant');
  return tenant;
}

describe('RateLimits', () => {
  let limits: RateLimits;

  beforeEach(() => {
    limits = new RateLimits(new MemoryCounterStore());
  });

  it('admits requests_per_minute requests, then refuses with a Retry-After within the minute', async () => {
    // Arrange
    const tenant = tenantWith({ requests_per_minute: 3 });

    // Act
    const decisions = [];
    for (let index = 0; index < 5; index += 1) decisions.push(await limits.consume(tenant, 10));

    // Assert
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false]);
    const refused = decisions[3];
    expect(refused).toMatchObject({ allowed: false, dimension: 'requests_per_minute', limit: 3 });
    if (refused?.allowed === false) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it('refuses on tokens_per_minute and gives the request back', async () => {
    // Arrange
    const tenant = tenantWith({ requests_per_minute: 2, tokens_per_minute: 100 });
    await limits.consume(tenant, 80);

    // Act
    const tooMany = await limits.consume(tenant, 30);
    const fits = await limits.consume(tenant, 20);

    // Assert
    expect(tooMany).toMatchObject({ allowed: false, dimension: 'tokens_per_minute', limit: 100 });
    expect(fits.allowed).toBe(true);
  });

  it('counts only admitted calls when the steps of concurrent calls interleave, as they do over Redis', async () => {
    // Arrange: every request of a burst is counted before any token check runs
    const tenant = tenantWith({ requests_per_minute: 9, tokens_per_minute: 2000 });

    // Act: 20 at once, 700 tokens each (2 fit the minute's tokens), then 7 small ones
    const burst = await Promise.all(Array.from({ length: 20 }, () => limits.consume(tenant, 700)));
    const later = [];
    for (let index = 0; index < 7; index += 1) later.push((await limits.consume(tenant, 10)).allowed);

    // Assert: 2 + 7 = 9 admitted; refused calls kept no request
    expect(burst.filter((decision) => decision.allowed)).toHaveLength(2);
    expect(later).toEqual([true, true, true, true, true, true, true]);
    expect((await limits.consume(tenant, 10)).allowed).toBe(false);
  });

  it('gives back the request and tokens of a call refused after its rates admitted it', async () => {
    // Arrange
    const tenant = tenantWith({ requests_per_minute: 1, tokens_per_minute: 100 });
    const admitted = await limits.consume(tenant, 100);
    if (!admitted.allowed) throw new Error('not admitted');

    // Act
    await limits.release(tenant, admitted.reservation);

    // Assert: the minute is whole again
    expect((await limits.consume(tenant, 100)).allowed).toBe(true);
  });

  it('replaces the token estimate with the actual count', async () => {
    // Arrange
    const tenant = tenantWith({ tokens_per_minute: 100 });
    const first = await limits.consume(tenant, 90);
    if (!first.allowed) throw new Error('expected admission');

    // Act
    await limits.reconcile(tenant, first.reservation, 10);

    // Assert
    expect((await limits.consume(tenant, 90)).allowed).toBe(true);
    expect((await limits.consume(tenant, 1)).allowed).toBe(false);
  });

  it('charges the tokens a call used beyond its estimate to the minute it was admitted in', async () => {
    // Arrange: 10 tokens estimated and taken, 70 actually used
    const tenant = tenantWith({ tokens_per_minute: 100 });
    const first = await limits.consume(tenant, 10);
    if (!first.allowed) throw new Error('expected admission');

    // Act
    await limits.reconcile(tenant, first.reservation, 70);
    const wouldFitTheEstimate = await limits.consume(tenant, 40);
    const fitsTheActual = await limits.consume(tenant, 30);

    // Assert: 70 of 100 are taken, so 40 more (fine after the estimate's 10) are refused, and exactly 30 fit
    expect(wouldFitTheEstimate).toMatchObject({ allowed: false, dimension: 'tokens_per_minute', limit: 100 });
    expect(fitsTheActual.allowed).toBe(true);
    expect((await limits.consume(tenant, 1)).allowed).toBe(false);
  });

  it('leaves the next minute alone when a call is settled after its own minute ended', async () => {
    // Arrange: 90 of 100 tokens taken, then the minute ends before the call is settled.
    const tenant = tenantWith({ tokens_per_minute: 100 });
    const first = await limits.consume(tenant, 90);
    if (!first.allowed) throw new Error('expected admission');
    expect(first.reservation.windowEndsAt).toBeGreaterThan(Date.now());
    const late = { ...first.reservation, windowEndsAt: Date.now() - 1 };

    // Act: the call used nothing (a 504 after a long stall), so a correction would hand back 90 tokens.
    await limits.reconcile(tenant, late, 0);

    // Assert: the current window keeps what was taken from it, so 90 more do not fit.
    expect((await limits.consume(tenant, 20)).allowed).toBe(false);
  });

  it('refuses a request larger than a whole minute of tokens without taking anything, and says no wait helps', async () => {
    const tenant = tenantWith({ requests_per_minute: 1, tokens_per_minute: 100 });

    const tooLarge = await limits.consume(tenant, 101);
    const fits = await limits.consume(tenant, 100);

    expect(tooLarge).toEqual({
      allowed: false,
      dimension: 'tokens_per_minute',
      limit: 100,
      retryAfterSeconds: null,
      needed: 101,
    });
    expect(fits.allowed).toBe(true);
  });

  it('admits everything for a tenant without rates', async () => {
    // Act
    const decision = await limits.consume(tenantWith({}), 1e9);

    // Assert
    expect(decision).toEqual({ allowed: true, reservation: { tenantId: expect.any(String), tokens: 0 } });
  });

  describe('at the end of a minute (give-backs must not reach the next one)', () => {
    const start = 1_700_000_000_000;
    let store: SlowRewardStore;

    beforeEach(() => {
      jest.useFakeTimers({ now: start });
      store = new SlowRewardStore();
      limits = new RateLimits(store);
    });
    afterEach(() => jest.useRealTimers());

    it('keeps a request refused in the last moments of a minute counted, so the next minute admits its limit only', async () => {
      // Arrange: the minute is full and about to end; a give-back would land after it ended
      const tenant = tenantWith({ requests_per_minute: 2 });
      await limits.consume(tenant, 0);
      await limits.consume(tenant, 0);
      jest.setSystemTime(start + 60_000 - GIVE_BACK_MARGIN_MS / 2);
      store.beforeReward = () => jest.setSystemTime(start + 61_000);

      // Act
      const refused = await limits.consume(tenant, 0);
      const rewardsAtTheEnd = store.rewards;
      jest.setSystemTime(start + 61_000);
      const next = [];
      for (let index = 0; index < 3; index += 1) next.push((await limits.consume(tenant, 0)).allowed);

      // Assert
      expect(refused.allowed).toBe(false);
      expect(next).toEqual([true, true, false]);
      expect(rewardsAtTheEnd).toBe(0);
    });

    it('keeps refused tokens taken in the last moments of a minute rather than crediting the next', async () => {
      // Arrange: 80 of 100 tokens taken; the refusal comes less than the margin before the minute ends
      const tenant = tenantWith({ tokens_per_minute: 100 });
      await limits.consume(tenant, 80);
      jest.setSystemTime(start + 60_000 - GIVE_BACK_MARGIN_MS / 2);
      store.beforeReward = () => jest.setSystemTime(start + 60_100);

      // Act
      const refused = await limits.consume(tenant, 30);
      jest.setSystemTime(start + 60_100);
      const whole = await limits.consume(tenant, 100);
      const more = await limits.consume(tenant, 1);

      // Assert: the new minute holds exactly its 100 tokens
      expect([refused.allowed, whole.allowed, more.allowed]).toEqual([false, true, false]);
    });

    it('still gives refused tokens back while the minute has time left', async () => {
      const tenant = tenantWith({ tokens_per_minute: 100 });
      await limits.consume(tenant, 80);

      const refused = await limits.consume(tenant, 30);
      const fits = await limits.consume(tenant, 20);

      expect([refused.allowed, fits.allowed]).toEqual([false, true]);
      expect(store.rewards).toBe(1);
    });
  });
});
