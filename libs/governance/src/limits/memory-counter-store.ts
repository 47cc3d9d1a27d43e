import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import {
  CounterStore,
  type CounterEntry,
  type RateLimiterSpec,
  type ReserveResult,
  type SeedEntry,
} from './counter-store';

interface Counter {
  value: number;
  expiresAt: number;
}

const SWEEP_EVERY = 1_000;

/**
 * Counters in this process's memory. Atomic because each call runs to completion on the event loop;
 * correct for one gateway instance only. Expired counters are swept every thousand reservations.
 */
export class MemoryCounterStore extends CounterStore {
  private readonly counters = new Map<string, Counter>();
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private writes = 0;

  constructor(
    private readonly keyPrefix = 'bgw:',
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async reserve(entries: readonly CounterEntry[], enforce: boolean): Promise<ReserveResult> {
    const now = this.now();
    if (++this.writes % SWEEP_EVERY === 0) this.sweep(now);
    const exceeded: number[] = [];
    entries.forEach((entry, index) => {
      if (this.value(entry.key, now) + entry.amount > entry.limit) exceeded.push(index);
    });
    if (enforce && exceeded.length > 0) return { admitted: false, exceeded };
    for (const entry of entries) {
      const counter = this.live(entry.key, now);
      if (counter) counter.value += entry.amount;
      else this.counters.set(entry.key, { value: entry.amount, expiresAt: now + entry.ttlSeconds * 1000 });
    }
    return { admitted: true, exceeded };
  }

  async adjust(adjustments: readonly { key: string; delta: number }[]): Promise<void> {
    const now = this.now();
    for (const { key, delta } of adjustments) {
      const counter = this.live(key, now);
      if (counter) counter.value += delta;
    }
  }

  async seed(entries: readonly SeedEntry[]): Promise<void> {
    const now = this.now();
    for (const { key, amount, ttlSeconds } of entries) {
      const counter = this.live(key, now);
      if (counter) counter.value = Math.max(counter.value, amount);
      else this.counters.set(key, { value: amount, expiresAt: now + ttlSeconds * 1000 });
    }
  }

  async read(key: string): Promise<number> {
    return this.value(key, this.now());
  }

  rateLimiter(spec: RateLimiterSpec): RateLimiterAbstract {
    const name = `${spec.name}:${spec.points}:${spec.durationSeconds}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterMemory({
        keyPrefix: `${this.keyPrefix}rate:${spec.name}`,
        points: spec.points,
        duration: spec.durationSeconds,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  readonly backend = 'memory' as const;

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.counters.clear();
    this.limiters.clear();
  }

  private value(key: string, now: number): number {
    return this.live(key, now)?.value ?? 0;
  }

  private live(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    return counter && counter.expiresAt > now ? counter : undefined;
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }
}
