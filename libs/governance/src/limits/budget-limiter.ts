import type { TenantConfig } from '../config/governance-config.schema';
import { secondsUntil, utcDay, utcMonth, type BudgetWindow } from './budget-window';
import type { CounterEntry, CounterStore } from './counter-store';

export type BudgetDimension = 'daily_usd' | 'monthly_usd' | 'daily_tokens';

/** Counters hold integers: USD are kept in micro-dollars so that sums never drift. */
const MICRO_USD = 1_000_000;
/** Counters outlive their window by an hour so that late reconciliations still land. */
const TTL_SLACK_SECONDS = 3_600;

interface Line {
  dimension: BudgetDimension;
  entry: CounterEntry;
  window: BudgetWindow;
}

/** What a successful check reserved; hand it back to `charge` so that the estimate is reconciled. */
export interface BudgetReservation {
  lines: readonly { dimension: BudgetDimension; key: string; amount: number }[];
}

/**
 * A refusal says when to retry, or `retryAfterSeconds: null` when the call's estimate alone is larger
 * than a whole budget: no window would admit it.
 */
export type BudgetDecision =
  | { allowed: true; reservation: BudgetReservation; breaches: BudgetDimension[] }
  | { allowed: false; exceeded: BudgetDimension[]; retryAfterSeconds: number | null; limits: number[] };

/**
 * Per-tenant budgets in UTC calendar windows: daily and monthly cost, daily tokens.
 * `check` reserves the call's estimate atomically (deny mode refuses when spent + estimate would pass a
 * limit; warn mode always reserves and reports breaches); `charge` replaces the estimate by the actual.
 */
export class BudgetLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly now: () => number = Date.now,
  ) {}

  async check(
    tenant: TenantConfig,
    estimatedCostUsd: number,
    estimatedTokens: number,
  ): Promise<BudgetDecision> {
    const now = this.now();
    const lines = this.lines(tenant, now, estimatedCostUsd, estimatedTokens);
    if (lines.length === 0) return { allowed: true, reservation: { lines: [] }, breaches: [] };
    const enforce = tenant.budgets?.mode !== 'warn';
    const never = lines.filter((line) => line.entry.amount > line.entry.limit);
    if (enforce && never.length > 0) {
      return {
        allowed: false,
        exceeded: never.map((line) => line.dimension),
        retryAfterSeconds: null,
        limits: never.map((line) => limitOf(tenant, line.dimension) ?? 0),
      };
    }
    const result = await this.store.reserve(
      lines.map((line) => line.entry),
      enforce,
    );
    const over = result.exceeded.flatMap((index) => lines[index] ?? []);
    if (!result.admitted) {
      return {
        allowed: false,
        exceeded: over.map((line) => line.dimension),
        retryAfterSeconds: Math.max(...over.map((line) => secondsUntil(line.window, now))),
        limits: over.map((line) => limitOf(tenant, line.dimension) ?? 0),
      };
    }
    const reservation = {
      lines: lines.map(({ dimension, entry }) => ({ dimension, key: entry.key, amount: entry.amount })),
    };
    return { allowed: true, reservation, breaches: over.map((line) => line.dimension) };
  }

  /** Charges the actual cost and tokens of a call in the windows its reservation was made in. */
  async charge(reservation: BudgetReservation, actualCostUsd: number, actualTokens: number): Promise<void> {
    await this.store.adjust(
      reservation.lines.map((line) => ({
        key: line.key,
        delta:
          (line.dimension === 'daily_tokens' ? toTokens(actualTokens) : toMicroUsd(actualCostUsd)) -
          line.amount,
      })),
    );
  }

  /**
   * Adds what the tenant spent in the current windows before the counters existed (a restart of an
   * instance counting in memory: from the usage ledger). Never refused; windows without a limit are skipped.
   */
  async restore(tenant: TenantConfig, spent: Record<BudgetDimension, number>): Promise<void> {
    const entries = this.lines(tenant, this.now(), 0, 0).map(({ dimension, entry }) => ({
      ...entry,
      amount: dimension === 'daily_tokens' ? toTokens(spent.daily_tokens) : toMicroUsd(spent[dimension]),
    }));
    if (entries.some((entry) => entry.amount > 0)) await this.store.reserve(entries, false);
  }

  /** What the tenant has spent in the current windows (USD and tokens), e.g. for `/usage/me`. */
  async spent(tenant: TenantConfig): Promise<Record<BudgetDimension, number>> {
    const now = this.now();
    const [dailyUsd, monthlyUsd, dailyTokens] = await Promise.all([
      this.store.read(keyOf(tenant, 'daily_usd', utcDay(now))),
      this.store.read(keyOf(tenant, 'monthly_usd', utcMonth(now))),
      this.store.read(keyOf(tenant, 'daily_tokens', utcDay(now))),
    ]);
    return {
      daily_usd: dailyUsd / MICRO_USD,
      monthly_usd: monthlyUsd / MICRO_USD,
      daily_tokens: dailyTokens,
    };
  }

  private lines(tenant: TenantConfig, now: number, costUsd: number, tokens: number): Line[] {
    const budgets = tenant.budgets;
    if (!budgets) return [];
    const day = utcDay(now);
    const month = utcMonth(now);
    const candidates: [BudgetDimension, number | undefined, BudgetWindow, number, number][] = [
      ['daily_usd', budgets.daily_usd, day, toMicroUsd(costUsd), MICRO_USD],
      ['monthly_usd', budgets.monthly_usd, month, toMicroUsd(costUsd), MICRO_USD],
      ['daily_tokens', budgets.daily_tokens, day, toTokens(tokens), 1],
    ];
    return candidates.flatMap(([dimension, limit, window, amount, scale]) =>
      limit === undefined
        ? []
        : [
            {
              dimension,
              window,
              entry: {
                key: keyOf(tenant, dimension, window),
                amount,
                limit: Math.round(limit * scale),
                ttlSeconds: secondsUntil(window, now) + TTL_SLACK_SECONDS,
              },
            },
          ],
    );
  }
}

/** The tenant id is a Redis Cluster hash tag, so one reservation's keys share a slot. */
function keyOf(tenant: TenantConfig, dimension: BudgetDimension, window: BudgetWindow): string {
  return `budget:{${tenant.id}}:${dimension}:${window.id}`;
}

function limitOf(tenant: TenantConfig, dimension: BudgetDimension): number | undefined {
  return tenant.budgets?.[dimension];
}

function toMicroUsd(costUsd: number): number {
  // Rounded to nano-dollars first so that float noise (0.000177 * 1e6 = 177.00000000000003) is not billed.
  return Number.isFinite(costUsd) && costUsd > 0
    ? Math.ceil(Math.round(costUsd * MICRO_USD * 1000) / 1000)
    : 0;
}

function toTokens(tokens: number): number {
  return Number.isFinite(tokens) && tokens > 0 ? Math.ceil(tokens) : 0;
}
