import {
  BUDGET_DIMENSIONS,
  BUDGETS,
  budgetAmountOf,
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
 * How long a seed waits for the ledger to store what it buffered or spilled (a spill file an outage left
 * can hold far more than this allows): then the sums are read without what is left in it.
 */
const FLUSH_TIMEOUT_MS = 5_000;
/**
 * How long a seed waits for the ledger's sums (two range scans on the timestamp index; on SQLite they
 * queue on the reader thread behind any report under way): then the counters are left as they are.
 */
const SUMS_TIMEOUT_MS = 10_000;

type Spending = Map<string, Record<BudgetDimension, number>>;

/**
 * Budget counters are raised to what the usage ledger holds for the current UTC day and month
 * (`CounterStore.seed`: never lowered, never added to), so that they count what was spent before them:
 * - at boot, every budget counter: in memory after every restart (a deploy, a crash would otherwise hand
 *   every tenant its budgets again); in Redis when it lost its data, or for budgets new since the last
 *   start, or left short by an earlier seed that failed;
 * - on a reload (SIGHUP), the budgets the new file adds: a daily budget put on a team at 3 pm counts its
 *   morning too.
 * The ledger knows priced costs only: a call that kept its estimate counts at its ledger cost. Several
 * instances need REDIS_URL: with memory counters each counts for itself, and one that restarts on a
 * shared PostgreSQL ledger starts from the whole fleet's spend.
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
    await this.seed('the budget counters stay as they are', (spent, now) =>
      this.governance.seedSpending(spent, now),
    );
  }

  /** Before a reload puts the budgets it adds in force (`added`); it goes on when the ledger cannot be read. */
  seedAdded(next: GovernanceConfig, added: ReadonlyMap<string, readonly BudgetDimension[]>): Promise<void> {
    return this.seed('the added budgets count from their counters as they are', (spent, now) =>
      this.governance.seedAddedBudgets(next, added, spent, now),
    );
  }

  private async seed(
    fallback: string,
    apply: (spent: Spending, now: number) => Promise<void>,
  ): Promise<void> {
    const now = Date.now();
    // Records still buffered or in the spill file (a restart after a ledger outage) are stored first, or
    // the sums would leave them out; as many as the bound allows.
    await withTimeout(this.ledger.flush(), FLUSH_TIMEOUT_MS).catch((error: unknown) =>
      this.logger.warn(
        { err: error },
        'budget seed: the ledger could not store its buffered and spilled records first; the sums leave out what is left',
      ),
    );
    let spent: Spending;
    try {
      spent = await withTimeout(this.spentSoFar(now), SUMS_TIMEOUT_MS);
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
    const byDay = new Map(today.map((sum) => [sum.tenant, sum]));
    const byMonth = new Map(thisMonth.map((sum) => [sum.tenant, sum]));
    const spent: Spending = new Map();
    for (const tenant of new Set([...byMonth.keys(), ...byDay.keys()])) {
      // A record stored between the two reads can be in the day's sums only: it is in the month too.
      const sums = { day: byDay.get(tenant), month: byMonth.get(tenant) ?? byDay.get(tenant) };
      const byDimension = BUDGET_DIMENSIONS.map((dimension): [BudgetDimension, number] => {
        const sum = sums[BUDGETS[dimension].period];
        return [dimension, sum === undefined ? 0 : budgetAmountOf(dimension, sum.costUsd, sum.tokens)];
      });
      spent.set(tenant, Object.fromEntries(byDimension) as Record<BudgetDimension, number>);
    }
    return spent;
  }
}
