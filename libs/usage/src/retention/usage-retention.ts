import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { UsageStore } from '../store/usage-store';
import { USAGE_MODULE_OPTIONS } from '../usage.constants';
import type { UsageModuleOptions } from '../usage-module.options';

const DAY_MS = 86_400_000;

/**
 * Deletes ledger records older than `retentionDays`. `purge` can be called by anything; the daily
 * cron runs only when the app imports `ScheduleModule.forRoot()` and `retentionDays` is set.
 */
@Injectable()
export class UsageRetention {
  private readonly logger = new Logger(UsageRetention.name);

  constructor(
    private readonly store: UsageStore,
    @Inject(USAGE_MODULE_OPTIONS) private readonly options: UsageModuleOptions,
  ) {}

  /** Returns the number of records deleted; 0 when no retention is configured. */
  async purge(now: Date = new Date()): Promise<number> {
    const days = this.options.retentionDays;
    if (days === undefined) return 0;
    return this.store.purgeOlderThan(new Date(now.getTime() - days * DAY_MS));
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'usage-retention' })
  async scheduledPurge(): Promise<void> {
    try {
      const deleted = await this.purge();
      if (deleted > 0) this.logger.log(`Purged ${deleted} usage record(s) past retention`);
    } catch (error) {
      this.logger.error(
        `Usage retention purge failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
