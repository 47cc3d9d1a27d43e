import { UsageSink, type UsageEvent } from '@app/bedrock';
import { Logger } from '@nestjs/common';
import { GatewayMetrics } from './gateway-metrics';

/**
 * The app's `UsageSink`: updates the metrics, then hands the event to the ledger. One binding, so
 * every recorded call is both counted and stored. Like any sink it never throws into the request.
 */
export class MeteredUsageSink extends UsageSink {
  private readonly logger = new Logger(MeteredUsageSink.name);

  constructor(
    private readonly ledger: UsageSink,
    private readonly metrics: GatewayMetrics,
  ) {
    super();
  }

  override record(event: UsageEvent): void {
    try {
      this.metrics.observeUsage(event);
    } catch (error) {
      this.logger.error(`Could not update usage metrics: ${String(error)}`);
    }
    this.ledger.record(event);
  }
}
