import { GovernanceService, type BudgetDimension } from '@app/governance';
import { UsageStore } from '@app/usage';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * In-memory budget counters start from what the usage ledger holds for the current UTC day and month,
 * so a restart (a deploy, a crash) does not hand every tenant its budgets again. Redis counters outlive
 * the process and are left alone. The ledger knows priced costs only: calls still in flight when the
 * last process stopped, or that kept their estimate (no counts), are not counted again.
 */
@Injectable()
export class RestoreBudgetSpending implements OnApplicationBootstrap {
  private readonly logger = new Logger('Governance');

  constructor(
    private readonly governance: GovernanceService,
    private readonly store: UsageStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.governance.countersBackend !== 'memory') return;
    try {
      await this.governance.restoreSpending(await this.spentSoFar(Date.now()));
    } catch (error) {
      this.logger.error(
        { err: error },
        'could not read this day and month from the usage ledger: budgets count from zero',
      );
    }
  }

  private async spentSoFar(now: number): Promise<Map<string, Record<BudgetDimension, number>>> {
    const date = new Date(now);
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
    const [today, thisMonth] = await Promise.all([
      this.store.spendingByTenant(
        new Date(Date.UTC(year, month, day)),
        new Date(Date.UTC(year, month, day + 1)),
      ),
      this.store.spendingByTenant(new Date(Date.UTC(year, month, 1)), new Date(Date.UTC(year, month + 1, 1))),
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
