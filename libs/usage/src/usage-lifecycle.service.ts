import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { UsageLedger } from './ledger/usage-ledger';
import { UsageStore } from './store/usage-store';

/**
 * Flushes the ledger then closes the store when the app stops. It runs in onApplicationShutdown,
 * after the HTTP server has closed, so the records of the last in-flight requests are included.
 */
@Injectable()
export class UsageLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly ledger: UsageLedger,
    private readonly store: UsageStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.ledger.shutdown();
    } finally {
      await this.store.close();
    }
  }
}
