import { Injectable, ServiceUnavailableException } from '@nestjs/common';
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
      return { status: 200, body };
    } catch (error) {
      // Terminus throws its 503 with the body; the API keeps terminus's body rather than the error envelope.
      if (error instanceof ServiceUnavailableException) {
        return { status: 503, body: error.getResponse() as HealthCheckResult };
      }
      throw error;
    }
  }
}
