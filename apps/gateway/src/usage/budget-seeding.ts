import {
  GovernanceService,
  utcDay,
  utcMonth,
  type BudgetDimension,
  type GovernanceConfig,
} from '@app/governance';
import { UsageLedger, UsageStore } from '@app/usage';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { withTimeout } from '../common/runtime/with-timeout';

/**
 * The boot or a reload waits this long at most for the ledger's sums (two range scans on the timestamp
 * index; on SQLite they queue on the reader thread behind any report under way); then the budgets
 * concerned count from zero.
 */
const SEED_TIMEOUT_MS = 10_000;

type Spending = Map<string, Record<BudgetDimension, number>>;

/**
 * Budget counters start from what the usage ledger holds for the current UTC day and month, whenever
 * they did not count it themselves:
 * - at boot, counters that do not exist yet: in memory after every restart (a deploy, a crash would
 *   otherwise hand every tenant its budgets again); in Redis when it lost them, or for budgets new since
 *   the last start;
 * - on a reload (SIGHUP), the budgets the new file adds: a daily budget put on a team at 3 pm counts its
 *   morning too.
 * Each window is seeded once, whichever instance comes first (`CounterStore.seed`). The ledger knows
 * priced costs only: a call that kept its estimate counts at its ledger cost, and records not written
 * yet (the last second's) are not counted. Several instances need REDIS_URL: with memory counters each
 * counts for itself, and one that restarts on a shared PostgreSQL ledger starts from the whole fleet's spend.
 */
@Injectable()
export class BudgetSeeding implements OnApplicationBootstrap {
  private readonly logger = new Logger('Governance');

  constructor(
    private readonly governance: GovernanceService,
    private readonly store: UsageStore,
    private readonly ledger: UsageLedger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.governance.hasBudgets) return;
    await this.seed('budgets count from zero', (spent, now) => this.governance.seedSpending(spent, now));
  }

  /** Before a reload puts the budgets it adds in force (`added`); it goes on when the ledger cannot be read. */
  seedAdded(next: GovernanceConfig, added: ReadonlyMap<string, readonly BudgetDimension[]>): Promise<void> {
    return this.seed('the added budgets count from zero', (spent, now) =>
      this.governance.seedAddedBudgets(next, added, spent, now),
    );
  }

  private async seed(
    fallback: string,
    apply: (spent: Spending, now: number) => Promise<void>,
  ): Promise<void> {
    const now = Date.now();
    let spent: Spending;
    try {
      // Records still buffered or in the spill file (a restart after a ledger outage) are stored first,
      // or the sums would leave them out.
      spent = await withTimeout(
        this.ledger.flush().then(() => this.spentSoFar(now)),
        SEED_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.error(
        { err: error },
        `could not read this day and month from the usage ledger: ${fallback}`,
      );
      return;
    }
    try {
      await apply(spent, now);
    } catch (error) {
      this.logger.error({ err: error }, `could not start the budget counters from the ledger: ${fallback}`);
    }
  }

  private async spentSoFar(now: number): Promise<Spending> {
    const [day, month] = [utcDay(now), utcMonth(now)];
    const [today, thisMonth] = await Promise.all([
      this.store.spendingByTenant(new Date(day.startsAt), new Date(day.resetsAt)),
      this.store.spendingByTenant(new Date(month.startsAt), new Date(month.resetsAt)),
    ]);
    const spent: Spending = new Map();
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
