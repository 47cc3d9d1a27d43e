import { governanceConfigSchema, type TenantConfig } from '../config/governance-config.schema';
import { BudgetLimiter, IN_FLIGHT_RETRY_SECONDS } from './budget-limiter';
import { MemoryCounterStore } from './memory-counter-store';

function tenantWith(budgets: Record<string, unknown>): TenantConfig {
  const tenant = governanceConfigSchema.parse({ tenants: [{ id: 'search', budgets }] }).tenants[0];
  if (!tenant) throw new Error('no tenant');
  return tenant;
}

describe('BudgetLimiter', () => {
  let now: number;
  let limiter: BudgetLimiter;

  beforeEach(() => {
    now = Date.UTC(2024, 0, 15, 23, 0, 0); // 23:00 UTC, one hour before the daily reset
    const clock = () => now;
    limiter = new BudgetLimiter(new MemoryCounterStore('test:', clock), clock);
  });

  /** A call admitted and settled at its estimate: money spent, nothing in flight. */
  async function spend(tenant: TenantConfig, usd: number, tokens: number) {
    const decision = await limiter.check(tenant, usd, tokens);
    if (decision.allowed) await limiter.charge(decision.reservation, usd, tokens);
    return decision;
  }

  it('admits while spent + estimate stays within the daily cost, then denies until 00:00 UTC', async () => {
    // Arrange
    const tenant = tenantWith({ daily_usd: 1, mode: 'deny' });

    // Act
    const first = await spend(tenant, 0.6, 0);
    const second = await spend(tenant, 0.4, 0);
    const third = await limiter.check(tenant, 0.01, 0);

    // Assert
    expect(first.allowed).toBe(true);
    expect(second.allowed).toBe(true);
    expect(third).toEqual({
      allowed: false,
      exceeded: ['daily_usd'],
      retryAfterSeconds: 3600,
      limits: [1],
      inFlight: false,
    });
  });

  it('tells a refusal that estimates in flight caused, with a short Retry-After, and admits once they settle', async () => {
    // Arrange: $0.2 spent, a call in flight holds $0.7 of the $1
    const tenant = tenantWith({ daily_usd: 1 });
    await spend(tenant, 0.2, 0);
    const inFlight = await limiter.check(tenant, 0.7, 0);
    if (!inFlight.allowed) throw new Error('expected admission');

    // Act
    const refused = await limiter.check(tenant, 0.3, 0);
    await limiter.charge(inFlight.reservation, 0.05, 0);
    const admitted = await limiter.check(tenant, 0.3, 0);

    // Assert
    expect(refused).toEqual({
      allowed: false,
      exceeded: ['daily_usd'],
      retryAfterSeconds: IN_FLIGHT_RETRY_SECONDS,
      limits: [1],
      inFlight: true,
    });
    expect(admitted.allowed).toBe(true);
  });

  it('stops holding an estimate that stays charged (keep), so it counts as spent', async () => {
    // Arrange: a call whose estimate stays charged (no counts to settle on)
    const tenant = tenantWith({ daily_usd: 1 });
    const kept = await limiter.check(tenant, 0.9, 0);
    if (!kept.allowed) throw new Error('expected admission');

    // Act
    await limiter.keep(kept.reservation);
    const refused = await limiter.check(tenant, 0.2, 0);

    // Assert: spent, so until the window's end
    expect(refused).toMatchObject({ allowed: false, inFlight: false, retryAfterSeconds: 3600 });
    expect((await limiter.spent(tenant)).daily_usd).toBeCloseTo(0.9, 6);
  });

  it('opens a new window after the reset', async () => {
    // Arrange
    const tenant = tenantWith({ daily_usd: 1 });
    await limiter.check(tenant, 1, 0);
    expect((await limiter.check(tenant, 0.5, 0)).allowed).toBe(false);

    // Act
    now = Date.UTC(2024, 0, 16, 0, 0, 1);
    const afterReset = await limiter.check(tenant, 0.5, 0);

    // Assert
    expect(afterReset.allowed).toBe(true);
  });

  it('reconciles the estimate with the actual cost on charge', async () => {
    // Arrange
    const tenant = tenantWith({ daily_usd: 1 });
    const decision = await limiter.check(tenant, 0.9, 0);
    if (!decision.allowed) throw new Error('expected admission');

    // Act
    await limiter.charge(decision.reservation, 0.2, 0);

    // Assert
    expect((await limiter.spent(tenant)).daily_usd).toBeCloseTo(0.2, 6);
    expect((await limiter.check(tenant, 0.8, 0)).allowed).toBe(true);
    expect((await limiter.check(tenant, 0.01, 0)).allowed).toBe(false);
  });

  it('denies on the daily token budget', async () => {
    // Arrange
    const tenant = tenantWith({ daily_tokens: 1000 });

    // Act
    const fits = await limiter.check(tenant, 5, 1000);
    const over = await limiter.check(tenant, 0, 1);

    // Assert
    expect(fits.allowed).toBe(true);
    expect(over).toMatchObject({ allowed: false, exceeded: ['daily_tokens'], limits: [1000] });
  });

  it('denies on the monthly token budget across days, until the 1st of next month', async () => {
    // Arrange: 600 of 1,000 tokens spent on the 30th, 400 more on the 31st
    const tenant = tenantWith({ monthly_tokens: 1000 });
    now = Date.UTC(2024, 0, 30, 12, 0, 0);
    await spend(tenant, 5, 600);
    now = Date.UTC(2024, 0, 31, 12, 0, 0);
    const fits = await spend(tenant, 5, 400);

    // Act
    const over = await limiter.check(tenant, 0, 1);
    now = Date.UTC(2024, 1, 1, 0, 0, 0);
    const february = await limiter.check(tenant, 0, 1000);

    // Assert: the day's reset does not give the month back; the month's does
    expect(fits.allowed).toBe(true);
    expect(over).toEqual({
      allowed: false,
      exceeded: ['monthly_tokens'],
      retryAfterSeconds: 12 * 3600,
      limits: [1000],
      inFlight: false,
    });
    expect(february.allowed).toBe(true);
  });

  it('holds the monthly token budget for calls in flight, with a short Retry-After, and charges actual tokens', async () => {
    // Arrange: 200 tokens spent, a call in flight holds 700 of the 1,000
    const tenant = tenantWith({ monthly_tokens: 1000 });
    await spend(tenant, 0, 200);
    const inFlight = await limiter.check(tenant, 0, 700);
    if (!inFlight.allowed) throw new Error('expected admission');

    // Act
    const refused = await limiter.check(tenant, 0, 300);
    await limiter.charge(inFlight.reservation, 1, 50);
    const spent = await limiter.spent(tenant);
    const admitted = await limiter.check(tenant, 0, 300);

    // Assert
    expect(refused).toEqual({
      allowed: false,
      exceeded: ['monthly_tokens'],
      retryAfterSeconds: IN_FLIGHT_RETRY_SECONDS,
      limits: [1000],
      inFlight: true,
    });
    expect(spent).toEqual({ daily_usd: 0, monthly_usd: 0, daily_tokens: 0, monthly_tokens: 250 });
    expect(admitted.allowed).toBe(true);
  });

  it('reports a monthly token breach in warn mode', async () => {
    // Arrange
    const tenant = tenantWith({ daily_tokens: 10_000, monthly_tokens: 1000, mode: 'warn' });
    await spend(tenant, 0, 1000);

    // Act
    const decision = await limiter.check(tenant, 0, 10);

    // Assert
    expect(decision).toMatchObject({ allowed: true, breaches: ['monthly_tokens'] });
    expect((await limiter.spent(tenant)).monthly_tokens).toBe(1010);
  });

  it("seeds the monthly token counter with the month's tokens, not its cost", async () => {
    // Arrange
    const tenant = tenantWith({ monthly_usd: 100, monthly_tokens: 1000 });

    // Act
    await limiter.seed(tenant, { daily_usd: 1, monthly_usd: 3, daily_tokens: 100, monthly_tokens: 900 }, now);

    // Assert
    expect(await limiter.spent(tenant)).toEqual({
      daily_usd: 0,
      monthly_usd: 3,
      daily_tokens: 0,
      monthly_tokens: 900,
    });
    expect(await limiter.check(tenant, 0, 101)).toMatchObject({
      allowed: false,
      exceeded: ['monthly_tokens'],
    });
  });

  it('waits for the 1st of next month on the monthly budget', async () => {
    // Arrange
    const tenant = tenantWith({ daily_usd: 100, monthly_usd: 2 });
    now = Date.UTC(2024, 0, 31, 12, 0, 0);
    await spend(tenant, 2, 0);

    // Act
    const denied = await limiter.check(tenant, 1, 0);
    now = Date.UTC(2024, 1, 1, 0, 0, 0);
    const february = await limiter.check(tenant, 1, 0);

    // Assert
    expect(denied).toMatchObject({ allowed: false, exceeded: ['monthly_usd'], retryAfterSeconds: 12 * 3600 });
    expect(february.allowed).toBe(true);
  });

  it('lets calls through in warn mode and reports the breach', async () => {
    // Arrange
    const tenant = tenantWith({ daily_usd: 1, mode: 'warn' });
    await spend(tenant, 1, 0);

    // Act
    const decision = await limiter.check(tenant, 0.5, 0);

    // Assert
    expect(decision).toMatchObject({ allowed: true, breaches: ['daily_usd'] });
    expect((await limiter.spent(tenant)).daily_usd).toBeCloseTo(1.5, 6);
  });

  it('reports no warn-mode breach that only estimates in flight make', async () => {
    // Arrange: three calls in flight whose estimates together pass the $1, while nothing is spent
    const tenant = tenantWith({ daily_usd: 1, mode: 'warn' });
    await limiter.check(tenant, 0.4, 0);
    await limiter.check(tenant, 0.4, 0);

    // Act
    const third = await limiter.check(tenant, 0.4, 0);

    // Assert
    expect(third).toMatchObject({ allowed: true, breaches: [] });
  });

  it('does not touch counters for a tenant without budgets', async () => {
    // Act
    const decision = await limiter.check(tenantWith({}), 1e9, 1e9);

    // Assert
    expect(decision).toMatchObject({ allowed: true, reservation: { lines: [] }, breaches: [] });
  });

  it('stops taking an estimate whose release never came for one in flight after ten minutes', async () => {
    // Arrange: a call admitted at 23:00 whose settlement never arrives (its process was killed)
    const tenant = tenantWith({ daily_usd: 1 });
    await limiter.check(tenant, 0.9, 0);
    now += 5 * 60_000;
    const meanwhile = await limiter.check(tenant, 0.2, 0);

    // Act
    now += 6 * 60_000;
    const later = await limiter.check(tenant, 0.2, 0);

    // Assert: held while it could still be running, spent (until midnight) after
    expect(meanwhile).toMatchObject({ allowed: false, inFlight: true });
    expect(later).toMatchObject({ allowed: false, inFlight: false, retryAfterSeconds: 49 * 60 });
  });

  it('keeps a warn-mode reservation and its breach when the counters cannot be read back', async () => {
    // Arrange: a store whose reads fail once the budget has been spent
    const store = new MemoryCounterStore('test:', () => now);
    const flaky = new BudgetLimiter(store, () => now);
    const tenant = tenantWith({ daily_usd: 1, mode: 'warn' });
    await flaky.check(tenant, 1, 0);
    jest.spyOn(store, 'read').mockRejectedValue(new Error('Command timed out'));

    // Act
    const decision = await flaky.check(tenant, 0.5, 0);

    // Assert: admitted, flagged as before held counters existed, and nothing thrown away
    expect(decision).toMatchObject({ allowed: true, breaches: ['daily_usd'] });
  });
});
