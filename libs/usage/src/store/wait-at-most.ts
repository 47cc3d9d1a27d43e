import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits for `work`, `ms` at most (undefined: as long as it takes), and goes on either way: a store's
 * `close()` does not wait out a statement that a stalled server or SQLite itself cannot interrupt. The
 * timer does not keep the process alive.
 */
export async function waitAtMost(work: Promise<unknown>, ms: number | undefined): Promise<void> {
  await (ms === undefined ? work : Promise.race([work, delay(ms, undefined, { ref: false })]));
}
