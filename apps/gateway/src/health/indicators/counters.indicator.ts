import { CounterStore } from '@app/governance';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { CachedProbe } from '../cached-probe';
import { HEALTH_PROBE_OPTIONS, type HealthProbeOptions } from '../health.constants';

/**
 * `counters`: up when the store behind budgets and rate limits answers (Redis: a PING, reused for a
 * second). While it does not, every governed call fails closed, so the instance is not ready.
 */
@Injectable()
export class CountersHealthIndicator {
  private readonly probe: CachedProbe;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly store: CounterStore,
    @Inject(HEALTH_PROBE_OPTIONS) options: HealthProbeOptions,
  ) {
    this.probe = new CachedProbe(() => store.ping(), {
      name: 'counters store',
      ttlMs: options.storeCacheMs,
      timeoutMs: options.storeTimeoutMs,
    });
  }

  async check(key = 'counters'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const outcome = await this.probe.outcome();
    const details = { backend: this.store.backend, checked_at: new Date(outcome.checkedAt).toISOString() };
    return outcome.ok ? indicator.up(details) : indicator.down({ ...details, error: outcome.error });
  }
}
