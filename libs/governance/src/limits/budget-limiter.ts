import type { TenantConfig } from '../config/governance-config.schema';
import { secondsUntil, utcDay, utcMonth, type BudgetWindow } from './budget-window';
import type { CounterEntry, CounterStore } from './counter-store';

export type BudgetDimension = 'daily_usd' | 'monthly_usd' | 'daily_tokens' | 'monthly_tokens';

/** What each budget counts (cost or tokens) and over which UTC window (a day or a calendar month). */
export const BUDGETS: Readonly<
  Record<BudgetDimension, { counts: 'usd' | 'tokens'; period: 'day' | 'month' }>
> = {
  daily_usd: { counts: 'usd', period: 'day' },
  monthly_usd: { counts: 'usd', period: 'month' },
  daily_tokens: { counts: 'tokens', period: 'day' },
  monthly_tokens: { counts: 'tokens', period: 'month' },
};
export const BUDGET_DIMENSIONS = Object.keys(BUDGETS) as readonly BudgetDimension[];

/** What the dimension counts of a call, or of a ledger sum: its cost in USD, or its tokens. */
export function budgetAmountOf(dimension: BudgetDimension, costUsd: number, tokens: number): number {
  return BUDGETS[dimension].counts === 'usd' ? costUsd : tokens;
}

/** The UTC window of `now` the dimension counts in. */
export function budgetWindowOf(dimension: BudgetDimension, now: number): BudgetWindow {
  return BUDGETS[dimension].period === 'day' ? utcDay(now) : utcMonth(now);
}

/** Counters hold integers: USD are kept in micro-dollars so that sums never drift. */
const MICRO_USD = 1_000_000;
/** Counters outlive their window by an hour so that late reconciliations still land. */
const TTL_SLACK_SECONDS = 3_600;
/**
 * Retry-After of a refusal that calls still in flight caused: their estimates hold the budget until they
 * settle on their actual cost, usually within seconds, so the window's end would be far too long a wait.
 */
export const IN_FLIGHT_RETRY_SECONDS = 2;
/**
 * Estimates in flight are counted per minute of reservation, and each minute's count lives this long:
 * longer than any call (`timeout_ms` is at most 300 s), so one that is still in flight is held, and an
 * estimate whose release never came (a process killed mid-call, a release Redis did not answer) stops
 * being taken for one in flight after it, rather than for the rest of the window.
 */
const HELD_SECONDS = 600;
const MINUTE_MS = 60_000;

interface Line {
  dimension: BudgetDimension;
  entry: CounterEntry;
  window: BudgetWindow;
}

/** What a successful check reserved; hand it back to `charge` so that the estimate is reconciled. */
export interface BudgetReservation {
  lines: readonly { dimension: BudgetDimension; key: string; amount: number }[];
  /** The minute whose held counters carry this reservation's estimates (`heldKeyOf`). */
  heldMinute: number;
}

/**
 * A refusal says when to retry, or `retryAfterSeconds: null` when the call's estimate alone is larger
 * than a whole budget: no window would admit it. `inFlight`: what is spent leaves room for the call, and
 * only the estimates of calls still in flight stand in its way.
 */
export type BudgetDecision =
  | { allowed: true; reservation: BudgetReservation; breaches: BudgetDimension[] }
  | {
      allowed: false;
      exceeded: BudgetDimension[];
      retryAfterSeconds: number | null;
      limits: number[];
      inFlight: boolean;
    };

/**
 * Per-tenant budgets in UTC calendar windows: daily and monthly cost, daily and monthly tokens (`BUDGETS`).
 * `check` reserves the call's estimate atomically (deny mode refuses when spent + estimate would pass a
 * limit; warn mode always reserves and reports breaches); `charge` replaces the estimate by the actual.
 * Beside each budget's counter, per-minute ones (`…:held:<minute>`, HELD_SECONDS) hold the estimates of
 * calls in flight, so a refusal or a warn-mode breach can tell money spent from money only reserved.
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
    const heldMinute = Math.floor(now / MINUTE_MS);
    if (lines.length === 0) return { allowed: true, reservation: { lines: [], heldMinute }, breaches: [] };
    const enforce = tenant.budgets?.mode !== 'warn';
    const never = lines.filter((line) => line.entry.amount > line.entry.limit);
    if (enforce && never.length > 0) {
      return {
        allowed: false,
        exceeded: never.map((line) => line.dimension),
        retryAfterSeconds: null,
        limits: never.map((line) => limitOf(tenant, line.dimension) ?? 0),
        inFlight: false,
      };
    }
    // The held counters never refuse: exceeded indexes are those of the budget counters, first.
    const result = await this.store.reserve(
      [...lines.map((line) => line.entry), ...lines.map((line) => heldEntry(line.entry, heldMinute))],
      enforce,
    );
    const over = await this.spentOver(
      result.exceeded.flatMap((index) => lines[index] ?? []),
      heldMinute,
    );
    if (!result.admitted) {
      // Over only because of estimates in flight: they settle within seconds, not at the window's end.
      const inFlight = over.spent.length === 0;
      const refused = inFlight ? over.all : over.spent;
      return {
        allowed: false,
        exceeded: refused.map((line) => line.dimension),
        retryAfterSeconds: inFlight
          ? IN_FLIGHT_RETRY_SECONDS
          : Math.max(...refused.map((line) => secondsUntil(line.window, now))),
        limits: refused.map((line) => limitOf(tenant, line.dimension) ?? 0),
        inFlight,
      };
    }
    const reservation = {
      lines: lines.map(({ dimension, entry }) => ({ dimension, key: entry.key, amount: entry.amount })),
      heldMinute,
    };
    return { allowed: true, reservation, breaches: over.spent.map((line) => line.dimension) };
  }

  /** Charges the actual cost and tokens of a call in the windows its reservation was made in. */
  async charge(reservation: BudgetReservation, actualCostUsd: number, actualTokens: number): Promise<void> {
    await this.store.adjust([
      ...reservation.lines.map((line) => ({
        key: line.key,
        delta:
          toCounter(line.dimension, budgetAmountOf(line.dimension, actualCostUsd, actualTokens)) -
          line.amount,
      })),
      ...released(reservation),
    ]);
  }

  /** Ends a call whose estimate stays charged (no counts to settle on): it no longer holds it in flight. */
  async keep(reservation: BudgetReservation): Promise<void> {
    await this.store.adjust(released(reservation));
  }

  /**
   * Raises the tenant's budget counters (`CounterStore.seed`: never lowered, never added to) to what it
   * spent in their windows (from the usage ledger): at boot, and for the `dimensions` a reload adds.
   * Never refused; windows without a limit are skipped.
   */
  async seed(
    tenant: TenantConfig,
    spent: Record<BudgetDimension, number>,
    now: number,
    dimensions?: readonly BudgetDimension[],
  ): Promise<void> {
    const entries = this.lines(tenant, now, 0, 0)
      .filter(({ dimension }) => dimensions?.includes(dimension) ?? true)
      .map(({ dimension, entry }) => ({
        key: entry.key,
        ttlSeconds: entry.ttlSeconds,
        amount: toCounter(dimension, spent[dimension]),
      }));
    await this.store.seed(entries);
  }

  /** What the tenant has spent in the current windows (USD and tokens), e.g. for `/usage/me`. */
  async spent(tenant: TenantConfig): Promise<Record<BudgetDimension, number>> {
    const now = this.now();
    const counted = await Promise.all(
      BUDGET_DIMENSIONS.map((dimension) =>
        this.store.read(keyOf(tenant, dimension, budgetWindowOf(dimension, now))),
      ),
    );
    return Object.fromEntries(
      BUDGET_DIMENSIONS.map((dimension, index) => [dimension, (counted[index] ?? 0) / scaleOf(dimension)]),
    ) as Record<BudgetDimension, number>;
  }

  /**
   * Of the lines a reservation passed the limit on, those that pass it on money spent (settled calls),
   * estimates in flight left out. The call's own amount is on both counters after a warn-mode reservation
   * and on neither after a refusal, so spent = counter − held either way. When the counters cannot be
   * read, every line counts as spent: the answer is then what it was before held counters existed, and
   * a warn-mode reservation already made is not lost to a thrown error.
   */
  private async spentOver(over: Line[], minute: number): Promise<{ all: Line[]; spent: Line[] }> {
    if (over.length === 0) return { all: over, spent: over };
    try {
      const spent = await Promise.all(
        over.map(async (line) => {
          const [value, ...held] = await Promise.all([
            this.store.read(line.entry.key),
            ...heldMinutes(minute).map((past) => this.store.read(heldKeyOf(line.entry.key, past))),
          ]);
          const inFlight = held.reduce((sum, amount) => sum + amount, 0);
          return value - inFlight + line.entry.amount > line.entry.limit;
        }),
      );
      return { all: over, spent: over.filter((_, index) => spent[index]) };
    } catch {
      return { all: over, spent: over };
    }
  }

  private lines(tenant: TenantConfig, now: number, costUsd: number, tokens: number): Line[] {
    const budgets = tenant.budgets;
    if (!budgets) return [];
    return BUDGET_DIMENSIONS.flatMap((dimension) => {
      const limit = budgets[dimension];
      if (limit === undefined) return [];
      const window = budgetWindowOf(dimension, now);
      const entry = {
        key: keyOf(tenant, dimension, window),
        amount: toCounter(dimension, budgetAmountOf(dimension, costUsd, tokens)),
        limit: Math.round(limit * scaleOf(dimension)),
        ttlSeconds: secondsUntil(window, now) + TTL_SLACK_SECONDS,
      };
      return [{ dimension, window, entry }];
    });
  }
}

/** The estimates reserved in one minute on a budget counter, while in flight (same hash tag, same slot). */
function heldKeyOf(key: string, minute: number): string {
  return `${key}:held:${minute}`;
}

/** The minutes whose held counters may still be alive at `minute`. */
function heldMinutes(minute: number): number[] {
  return Array.from({ length: HELD_SECONDS / 60 + 1 }, (_, index) => minute - index);
}

/** A held counter never refuses (its limit is out of reach) and lives HELD_SECONDS. */
function heldEntry(entry: CounterEntry, minute: number): CounterEntry {
  const key = heldKeyOf(entry.key, minute);
  return { ...entry, key, limit: Number.MAX_SAFE_INTEGER, ttlSeconds: HELD_SECONDS };
}

function released(reservation: BudgetReservation): { key: string; delta: number }[] {
  return reservation.lines.map((line) => ({
    key: heldKeyOf(line.key, reservation.heldMinute),
    delta: -line.amount,
  }));
}

/** The tenant id is a Redis Cluster hash tag, so one reservation's keys share a slot. */
function keyOf(tenant: TenantConfig, dimension: BudgetDimension, window: BudgetWindow): string {
  return `budget:{${tenant.id}}:${dimension}:${window.id}`;
}

function limitOf(tenant: TenantConfig, dimension: BudgetDimension): number | undefined {
  return tenant.budgets?.[dimension];
}

/** A counter's units per unit of its limit: micro-dollars per dollar, or one per token. */
function scaleOf(dimension: BudgetDimension): number {
  return BUDGETS[dimension].counts === 'usd' ? MICRO_USD : 1;
}

/** An amount in the dimension's own unit (USD or tokens) as its counter holds it (`scaleOf`). */
function toCounter(dimension: BudgetDimension, amount: number): number {
  return BUDGETS[dimension].counts === 'usd' ? toMicroUsd(amount) : toTokens(amount);
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
