import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DrainState } from '../drain-state';

/** `shutdown`: down from SIGTERM on, so the load balancer stops routing here while requests finish. */
@Injectable()
export class DrainingHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly drain: DrainState,
  ) {}

  check(key = 'shutdown'): HealthIndicatorResult {
    const indicator = this.indicators.check(key);
    return this.drain.draining
      ? indicator.down({ draining: true, since: this.drain.since })
      : indicator.up({ draining: false });
  }
}
