import { governanceConfigSchema, type TenantConfig } from '../config/governance-config.schema';
import { MemoryCounterStore } from './memory-counter-store';
import { RateLimits } from './rate-limits';

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
});
