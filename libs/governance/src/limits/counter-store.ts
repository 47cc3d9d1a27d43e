import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** One counter to add to, with the limit it must not pass. Amounts are integers (tokens, micro-USD). */
export interface CounterEntry {
  key: string;
  amount: number;
  limit: number;
  /** The counter expires this long after its first write (its window plus some slack). */
  ttlSeconds: number;
}

/** What a counter's window had spent before the counter counted it (`CounterStore.seed`). */
export interface SeedEntry {
  key: string;
  amount: number;
  /** The counter's lifetime: its window plus some slack. */
  ttlSeconds: number;
}

export interface ReserveResult {
  /** False only when enforcing and some entry would have passed its limit; then nothing was added. */
  admitted: boolean;
  /** Indexes of the entries whose counter plus amount passes the limit. */
  exceeded: number[];
}

export interface RateLimiterSpec {
  /** Distinguishes limiters in the store, e.g. `requests:60`. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Port for the shared counters behind budgets and rate limits: in process memory by default,
 * in Redis when several gateway instances must share one budget and one rate.
 */
export abstract class CounterStore {
  /**
   * Atomically, across every client of the store: when `enforce` and any entry's counter plus amount
   * would pass its limit, change nothing; otherwise add every amount. Reports the entries over limit.
   */
  abstract reserve(entries: readonly CounterEntry[], enforce: boolean): Promise<ReserveResult>;

  /** Adds a (possibly negative) delta to counters that still exist; expired windows are left alone. */
  abstract adjust(adjustments: readonly { key: string; delta: number }[]): Promise<void>;

  /**
   * Raises each counter to at least `amount` (what its window spent, from the usage ledger), creating it
   * when absent, atomically across every client of the store. Never adds: the counter and the ledger each
   * fall short of the window's true spend (the ledger by records not written yet, the counter by what was
   * spent before it counted), so the larger of the two is the better figure and nothing is counted twice.
   */
  abstract seed(entries: readonly SeedEntry[]): Promise<void>;

  /** Current value of a counter; 0 when absent. */
  abstract read(key: string): Promise<number>;

  /** A rate-limiter-flexible limiter backed by this store. */
  abstract rateLimiter(spec: RateLimiterSpec): RateLimiterAbstract;

  /** Resolves when the store answers (readiness); Redis: a PING, memory: always. */
  abstract ping(): Promise<void>;

  /** `redis` or `memory`, for readiness details. */
  abstract readonly backend: 'redis' | 'memory';

  abstract close(): Promise<void>;
}
