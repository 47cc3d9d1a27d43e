import { GovernanceService, utcDay, utcMonth, type BudgetDimension } from '@app/governance';
import { UsageStore } from '@app/usage';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { withTimeout } from '../common/runtime/with-timeout';

/**
 * The boot waits this long at most for PostgreSQL's sums; then budgets count from zero. (SQLite's run
 * in this process before the wait starts: two range scans on the timestamp index.)
 */
const RESTORE_TIMEOUT_MS = 10_000;

/**
 * In-memory budget counters start from what the usage ledger holds for the current UTC day and month,
 * so a restart (a deploy, a crash) does not hand every tenant its budgets again. Redis counters outlive
 * the process and are left alone. The ledger knows priced costs only: a call that kept its estimate (no
 * counts) counts at its ledger cost, and records the last process had not written yet are not counted.
 * Several instances need REDIS_URL: with memory counters each counts for itself, and one that restarts
 * on a shared PostgreSQL ledger starts from the whole fleet's spend.
 */
@Injectable()
export class RestoreBudgetSpending implements OnApplicationBootstrap {
  private readonly logger = new Logger('Governance');

  constructor(
    private readonly governance: GovernanceService,
    private readonly store: UsageStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.governance.countersBackend !== 'memory' || !this.governance.hasBudgets) return;
    const now = Date.now();
    try {
      const spent = await withTimeout(this.spentSoFar(now), RESTORE_TIMEOUT_MS);
      await this.governance.restoreSpending(spent, now);
    } catch (error) {
      this.logger.error(
        { err: error },
        'could not read this day and month from the usage ledger: budgets count from zero',
      );
    }
  }

  private async spentSoFar(now: number): Promise<Map<string, Record<BudgetDimension, number>>> {
    const [day, month] = [utcDay(now), utcMonth(now)];
    const [today, thisMonth] = await Promise.all([
      this.store.spendingByTenant(new Date(day.startsAt), new Date(day.resetsAt)),
      this.store.spendingByTenant(new Date(month.startsAt), new Date(month.resetsAt)),
    ]);
    const spent = new Map<string, Record<BudgetDimension, number>>();
    for (const { tenant, costUsd } of thisMonth) {
      spent.set(tenant, { daily_usd: 0, monthly_usd: costUsd, daily_tokens: 0 });
    }
    for (const { tenant, costUsd, tokens } of today) {
      const monthly = spent.get(tenant)?.monthly_usd ?? costUsd;
      spent.set(tenant, { daily_usd: costUsd, monthly_usd: monthly, daily_tokens: tokens });
    }
    return spent;
  }
}
