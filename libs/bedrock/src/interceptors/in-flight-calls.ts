import { Injectable } from '@nestjs/common';

/**
 * Calls whose usage record is not yet handed to the sink. A graceful stop that had to cut connections
 * waits for them (bounded) before it flushes the ledger: a cut call still ends, aborted, and records
 * itself a few ticks later.
 */
@Injectable()
export class InFlightCalls {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  enter(): void {
    this.count += 1;
  }

  leave(): void {
    this.count -= 1;
    if (this.count > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves true once no call is in flight, false if some still are after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
