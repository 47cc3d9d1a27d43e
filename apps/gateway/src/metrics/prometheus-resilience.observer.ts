import { ResilienceObserver } from '@app/bedrock';
import { Injectable } from '@nestjs/common';
import { GatewayMetrics } from './gateway-metrics';

/** Bound as `ResilienceObserver`, so UpstreamPolicy reports its retries, failovers and circuit changes. */
@Injectable()
export class PrometheusResilienceObserver extends ResilienceObserver {
  constructor(private readonly metrics: GatewayMetrics) {
    super();
  }

  retry(event: { modelId: string; region: string; code: string }): void {
    this.metrics.observeRetry(event.modelId, event.region, event.code);
  }

  failover(event: { modelId: string; from: string; to: string }): void {
    this.metrics.observeFailover(event.modelId, event.from, event.to);
  }

  circuitState(event: { modelId: string; region: string; state: 'open' | 'half_open' | 'closed' }): void {
    this.metrics.observeCircuitTransition(event.modelId, event.region, event.state);
  }
}
