import { CachedProbe } from './cached-probe';

describe('CachedProbe', () => {
  afterEach(() => jest.useRealTimers());

  it('reuses an outcome within the TTL and runs the probe again after it', async () => {
    // Arrange
    jest.useFakeTimers({ now: 0 });
    const probe = jest.fn().mockResolvedValue(undefined);
    const cached = new CachedProbe(probe, { name: 'store', ttlMs: 1000, timeoutMs: 500 });
    // Act
    await cached.outcome();
    await cached.outcome();
    jest.setSystemTime(1001);
    const later = await cached.outcome();
    // Assert
    expect(probe).toHaveBeenCalledTimes(2);
    expect(later).toEqual({ ok: true, checkedAt: 1001, error: null });
  });

  it('shares one run between concurrent callers', async () => {
    // Arrange
    const probe = jest.fn().mockResolvedValue(undefined);
    const cached = new CachedProbe(probe, { name: 'store', ttlMs: 0, timeoutMs: 500 });
    // Act
    const outcomes = await Promise.all([cached.outcome(), cached.outcome(), cached.outcome()]);
    // Assert
    expect(probe).toHaveBeenCalledTimes(1);
    expect(new Set(outcomes).size).toBe(1);
  });

  it.each([
    [
      "the SQLSTATE of a PostgreSQL error (pg names it 'error')",
      Object.assign(new Error('database "x" does not exist'), { name: 'error', code: '3D000' }),
      '3D000',
    ],
    ['the code of a connection that failed', new Error('connect ECONNREFUSED 10.0.4.7:5432'), 'ECONNREFUSED'],
    [
      'its name',
      Object.assign(new Error('Access denied for arn:aws:iam::1234'), { name: 'AccessDenied' }),
      'AccessDenied',
    ],
    [
      'no more than Error for a bare message',
      new Error('password authentication failed for user "ops"'),
      'Error',
    ],
  ])(
    'reports a failing probe with %s, never its message (the probes answer anyone)',
    async (_c, error, shown) => {
      // Arrange
      const cached = new CachedProbe(() => Promise.reject(error), {
        name: 'store',
        ttlMs: 0,
        timeoutMs: 500,
      });
      // Act
      const outcome = await cached.outcome();
      // Assert
      expect(outcome).toEqual({ ok: false, checkedAt: expect.any(Number), error: shown });
    },
  );

  it('fails a probe that does not settle before the deadline', async () => {
    // Arrange
    jest.useFakeTimers();
    const cached = new CachedProbe(() => new Promise<void>(() => undefined), {
      name: 'store',
      ttlMs: 0,
      timeoutMs: 250,
    });
    // Act
    const pending = cached.outcome();
    await jest.advanceTimersByTimeAsync(250);
    // Assert
    await expect(pending).resolves.toMatchObject({ ok: false, error: 'TimeoutError' });
  });
});
