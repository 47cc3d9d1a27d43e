import { governanceConfigSchema, type TenantConfig } from '../config/governance-config.schema';
import { BudgetLimiter } from './budget-limiter';
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

  it('admits while spent + estimate stays within the daily cost, then denies until 00:00 UTC', async () => {
    // Arrange
    const tenant = tenantWith({ daily_usd: 1, mode: 'deny' });

    // Act
    const first = await limiter.check(tenant, 0.6, 0);
    const second = await limiter.check(tenant, 0.4, 0);
    const third = await limiter.check(tenant, 0.01, 0);

    // Assert
    expect(first.allowed).toBe(true);
    expect(second.allowed).toBe(true);
    expect(third).toEqual({ allowed: false, exceeded: ['daily_usd'], retryAfterSeconds: 3600, limits: [1] });
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

  it('waits for the 1st of next month on the monthly budget', async () => {
    // Arrange
    const tenant = tenantWith({ daily_usd: 100, monthly_usd: 2 });
    now = Date.UTC(2024, 0, 31, 12, 0, 0);
    await limiter.check(tenant, 2, 0);

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
    await limiter.check(tenant, 1, 0);

    // Act
    const decision = await limiter.check(tenant, 0.5, 0);

    // Assert
    expect(decision).toMatchObject({ allowed: true, breaches: ['daily_usd'] });
    expect((await limiter.spent(tenant)).daily_usd).toBeCloseTo(1.5, 6);
  });

  it('does not touch counters for a tenant without budgets', async () => {
    // Act
    const decision = await limiter.check(tenantWith({}), 1e9, 1e9);

    // Assert
    expect(decision).toEqual({ allowed: true, reservation: { lines: [] }, breaches: [] });
  });
});
