import { UsageLedger, UsageStore } from '@app/usage';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { CachedProbe } from '../cached-probe';
import { HEALTH_PROBE_OPTIONS, type HealthProbeOptions } from '../health.constants';

/** `usage_store`: up when the store accepted a write (probe reused for a second, bounded by a deadline). */
@Injectable()
export class UsageStoreHealthIndicator {
  private readonly probe: CachedProbe;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly ledger: UsageLedger,
    store: UsageStore,
    @Inject(HEALTH_PROBE_OPTIONS) options: HealthProbeOptions,
  ) {
    this.probe = new CachedProbe(() => store.probeWrite(), {
      name: 'usage store',
      ttlMs: options.storeCacheMs,
      timeoutMs: options.storeTimeoutMs,
    });
  }

  async check(key = 'usage_store'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const outcome = await this.probe.outcome();
    const ledger = this.ledger.health();
    const details = {
      checked_at: new Date(outcome.checkedAt).toISOString(),
      ledger: ledger.status,
      buffered_records: ledger.bufferedRecords,
    };
    return outcome.ok ? indicator.up(details) : indicator.down({ ...details, error: outcome.error });
  }
}
