import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BedrockReachability } from './bedrock-reachability.service';
import { DrainState } from './drain-state';
import { DEFAULT_HEALTH_PROBE_OPTIONS, HEALTH_PROBE_OPTIONS } from './health.constants';
import { HealthController } from './health.controller';
import { BedrockHealthIndicator } from './indicators/bedrock.indicator';
import { CountersHealthIndicator } from './indicators/counters.indicator';
import { DrainingHealthIndicator } from './indicators/draining.indicator';
import { UsageStoreHealthIndicator } from './indicators/usage-store.indicator';
import { ReadinessService } from './readiness.service';

/**
 * `/health/live`, `/health/ready` and `/health`. `DrainState` is exported for main.ts, which sets it on
 * SIGTERM. `UsageStore` and `UsageLedger` come from the global usage module, `CounterStore` from the global
 * governance module.
 */
@Module({
  // ReadinessService logs readiness changes itself (terminus logged an error on every failed probe).
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [
    { provide: HEALTH_PROBE_OPTIONS, useValue: DEFAULT_HEALTH_PROBE_OPTIONS },
    DrainState,
    BedrockReachability,
    BedrockHealthIndicator,
    CountersHealthIndicator,
    DrainingHealthIndicator,
    UsageStoreHealthIndicator,
    ReadinessService,
  ],
  exports: [DrainState, BedrockReachability],
})
export class HealthModule {}
