import { Logger, ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult, HealthCheckService, HealthIndicatorResult } from '@nestjs/terminus';
import { ReadinessService } from './readiness.service';

/** A terminus stand-in answering with the indicators' results as terminus would shape them. */
function readinessWith(results: () => HealthIndicatorResult[]) {
  const health = {
    check: async () => {
      const all = Object.assign({}, ...results()) as HealthIndicatorResult;
      const error = Object.fromEntries(Object.entries(all).filter(([, value]) => value.status === 'down'));
      const body = {
        status: Object.keys(error).length ? 'error' : 'ok',
        error,
        details: all,
      } as HealthCheckResult;
      if (body.status === 'error') throw new ServiceUnavailableException(body);
      return body;
    },
  } as unknown as HealthCheckService;
  // The indicators are terminus's to call; this stand-in answers for them.
  const none = {} as never;
  return new ReadinessService(health, none, none, none, none);
}

describe('ReadinessService', () => {
  const up = (key: string): HealthIndicatorResult => ({ [key]: { status: 'up' } });
  const down = (key: string, error: string): HealthIndicatorResult => ({ [key]: { status: 'down', error } });
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs when dependencies go down and come back, not on every probe', async () => {
    // Arrange
    let results = [up('shutdown'), up('usage_store'), up('counters')];
    const readiness = readinessWith(() => results);
    // Act
    const statuses = [(await readiness.check()).status];
    results = [up('shutdown'), down('usage_store', 'disk full'), up('counters')];
    for (let probe = 0; probe < 3; probe += 1) statuses.push((await readiness.check()).status);
    results = [up('shutdown'), down('usage_store', 'disk full'), down('counters', 'ECONNREFUSED')];
    statuses.push((await readiness.check()).status);
    results = [up('shutdown'), up('usage_store'), up('counters')];
    statuses.push((await readiness.check()).status);
    // Assert
    expect(statuses).toEqual([200, 503, 503, 503, 503, 200]);
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      'not ready: usage_store: disk full',
      'not ready: usage_store: disk full; counters: ECONNREFUSED',
    ]);
    expect(log.mock.calls.map(([message]) => message)).toEqual(['every dependency answers again']);
  });

  it('does not log the 503 of a draining instance', async () => {
    // Arrange
    const readiness = readinessWith(() => [
      { shutdown: { status: 'down', draining: true } },
      up('usage_store'),
    ]);
    // Act
    const { status } = await readiness.check();
    await readiness.check();
    // Assert
    expect(status).toBe(503);
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });
});
