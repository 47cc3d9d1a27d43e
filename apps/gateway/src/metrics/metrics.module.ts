import { ResilienceObserver, UsageSink } from '@app/bedrock';
import { UsageLedger } from '@app/usage';
import { Global, Module } from '@nestjs/common';
import { CircuitStateGauge } from './circuit-state.gauge';
import { GatewayMetrics } from './gateway-metrics';
import { InFlightCallsGauge } from './in-flight-calls.gauge';
import { MeteredUsageSink } from './metered-usage.sink';
import { metricsRegistryProvider } from './metrics-registry.provider';
import { MetricsController } from './metrics.controller';
import { PrometheusResilienceObserver } from './prometheus-resilience.observer';

/**
 * Prometheus metrics. Global because it binds two ports used elsewhere: `UsageSink` (metrics first,
 * then the usage ledger, so every recorded call is counted and stored) and `ResilienceObserver`
 * (picked up by UpstreamPolicy in the Bedrock module).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    metricsRegistryProvider,
    GatewayMetrics,
    CircuitStateGauge,
    InFlightCallsGauge,
    { provide: ResilienceObserver, useClass: PrometheusResilienceObserver },
    {
      provide: UsageSink,
      useFactory: (ledger: UsageLedger, metrics: GatewayMetrics) => new MeteredUsageSink(ledger, metrics),
      inject: [UsageLedger, GatewayMetrics],
    },
  ],
  exports: [ResilienceObserver, UsageSink],
})
export class MetricsModule {}
