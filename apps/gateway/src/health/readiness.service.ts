import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { BedrockHealthIndicator } from './indicators/bedrock.indicator';
import { CountersHealthIndicator } from './indicators/counters.indicator';
import { DrainingHealthIndicator } from './indicators/draining.indicator';
import { UsageStoreHealthIndicator } from './indicators/usage-store.indicator';

export interface Readiness {
  status: 200 | 503;
  /** Terminus's body: `status`, `info`, `error`, `details`. */
  body: HealthCheckResult;
}

/**
 * Readiness from terminus's indicators: draining state, usage store write, the budget and rate counters
 * (Redis when configured), Bedrock reachability. Every
 * indicator answers from memory or a short cached probe, so this stays fast under load.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  /** Keys of the indicators down at the last check (`shutdown` left out). */
  private lastDown = '';

  constructor(
    private readonly health: HealthCheckService,
    private readonly draining: DrainingHealthIndicator,
    private readonly usageStore: UsageStoreHealthIndicator,
    private readonly bedrock: BedrockHealthIndicator,
    private readonly counters: CountersHealthIndicator,
  ) {}

  async check(): Promise<Readiness> {
    try {
      const body = await this.health.check([
        () => this.draining.check(),
        () => this.usageStore.check(),
        () => this.counters.check(),
        () => this.bedrock.check(),
      ]);
      this.logChange(body);
      return { status: 200, body };
    } catch (error) {
      // Terminus throws its 503 with the body; the API keeps terminus's body rather than the error envelope.
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as HealthCheckResult;
        this.logChange(body);
        return { status: 503, body };
      }
      throw error;
    }
  }

  /**
   * Logs when the set of indicators that are down changes, not on every probe (load balancers probe every
   * few seconds; terminus's own logger, switched off in HealthModule, wrote an error each time, draining
   * included). `shutdown` is left out: draining is intended, and the shutdown logs it.
   */
  private logChange(body: HealthCheckResult): void {
    const down = Object.entries(body.error ?? {}).filter(([key]) => key !== 'shutdown');
    const keys = down.map(([key]) => key).join(',');
    if (keys === this.lastDown) return;
    this.lastDown = keys;
    if (keys === '') {
      this.logger.log('every dependency answers again');
      return;
    }
    const reasons = down.map(([key, details]) => {
      const { error } = details as { error?: unknown };
      return `${key}: ${typeof error === 'string' ? error : JSON.stringify(details).slice(0, 300)}`;
    });
    this.logger.warn(`not ready: ${reasons.join('; ')}`);
  }
}
