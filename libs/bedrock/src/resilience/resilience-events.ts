/** What the resilience layer reports, for metrics (libs/bedrock stays free of any metrics library). */
export abstract class ResilienceObserver {
  abstract retry(event: { modelId: string; region: string; code: string }): void;
  abstract failover(event: { modelId: string; from: string; to: string }): void;
  abstract circuitState(event: {
    modelId: string;
    region: string;
    state: 'open' | 'half_open' | 'closed';
  }): void;
}

/** Default observer: reports nowhere. */
export class NoopResilienceObserver extends ResilienceObserver {
  retry(): void {}
  failover(): void {}
  circuitState(): void {}
}
