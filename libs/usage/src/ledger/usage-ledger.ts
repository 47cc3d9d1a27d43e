import { UsageSink, type UsageEvent } from '@app/bedrock';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { StoredUsageRecord } from '../store/usage-record';
import type { UsageStore } from '../store/usage-store';
import { SpillFile } from './spill-file';
import type { UsageLedgerHealth } from './usage-ledger.health';
import {
  resolveLedgerOptions,
  type ResolvedLedgerOptions,
  type UsageLedgerOptions,
} from './usage-ledger.options';

/**
 * The UsageSink of the gateway: `record` only appends to memory; batches are written off the request
 * path, every `flushIntervalMs` or as soon as `batchSize` records wait. While the store fails, records
 * stay in a bounded buffer, then overflow to an append-only spill file replayed once the store answers.
 * Each record carries an ingest id, so a replayed or retried record is stored once.
 */
export class UsageLedger extends UsageSink {
  private readonly options: ResolvedLedgerOptions;
  private readonly spill: SpillFile;
  private readonly logger = new Logger('UsageLedger');
  private readonly timer: NodeJS.Timeout;
  private buffer: StoredUsageRecord[] = [];
  private draining: Promise<void> | null = null;
  private drainScheduled = false;
  private inFlight = 0;
  private outage: { since: number; failures: number; lastError: string } | null = null;
  private nextAttemptAt = 0;
  private readonly counts = { written: 0, spilled: 0, replayed: 0, dropped: 0 };
  private readonly lockLostListeners: ((error: Error) => void)[] = [];

  constructor(
    private readonly store: UsageStore,
    options: UsageLedgerOptions = {},
  ) {
    super();
    this.options = resolveLedgerOptions(options);
    this.spill = new SpillFile(this.options.spillPath, this.options.maxSpillBytes, (error) => {
      this.logger.error(
        `Lost the lock on the spill file (another process may now use it): ${describe(error)}`,
      );
      for (const listener of this.lockLostListeners) listener(error);
    });
    this.timer = setInterval(() => void this.drain(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** Never throws and never waits: the write happens later, off this call stack. */
  override record(event: UsageEvent): void {
    try {
      this.buffer.push({ ingestId: randomUUID(), event });
      if (this.buffer.length > this.options.maxBufferedRecords) void this.spillBuffer();
      else if (this.buffer.length >= this.options.batchSize && this.outage === null) this.scheduleDrain();
    } catch (error) {
      this.logger.error(`Could not buffer a usage record: ${describe(error)}`);
    }
  }

  /**
   * Writes everything now (buffer, then spill file). Records the store refuses are left on disk in the
   * spill file, synced. Resolves when nothing remains in memory.
   */
  async flush(): Promise<void> {
    await this.draining;
    this.nextAttemptAt = 0;
    do {
      await this.drain();
    } while (this.outage === null && (this.buffer.length > 0 || this.spill.hasPending()));
    if (this.buffer.length > 0) await this.spillBuffer();
    await this.spill.sync();
  }

  /**
   * Calls `listener` if this process loses its spill file's lock (its lock folder removed, or taken over
   * after this process stalled): from then on another process may rename and delete the file under it.
   */
  onSpillLockLost(listener: (error: Error) => void): void {
    this.lockLostListeners.push(listener);
  }

  /** For a graceful stop: no more timed writes, then `flush`. */
  async shutdown(): Promise<void> {
    clearInterval(this.timer);
    try {
      await this.flush();
    } finally {
      this.spill.release();
    }
  }

  health(): UsageLedgerHealth {
    return {
      status: this.outage === null ? 'ok' : 'degraded',
      storeAvailable: this.outage === null,
      outageSince: this.outage === null ? null : new Date(this.outage.since).toISOString(),
      lastError: this.outage?.lastError ?? null,
      consecutiveFailures: this.outage?.failures ?? 0,
      bufferedRecords: this.buffer.length,
      inFlightRecords: this.inFlight,
      spillPending: this.spill.hasPending(),
      spillBytes: this.spill.sizeBytes,
      recordsWritten: this.counts.written,
      recordsSpilled: this.counts.spilled,
      recordsReplayed: this.counts.replayed,
      recordsDropped: this.counts.dropped,
    };
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      void this.drain();
    });
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainOnce().finally(() => (this.draining = null));
    return this.draining;
  }

  private async drainOnce(): Promise<void> {
    if (this.outage !== null && Date.now() < this.nextAttemptAt) return;
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.options.batchSize);
      if (!(await this.write(batch))) {
        this.buffer.unshift(...batch);
        if (this.buffer.length > this.options.maxBufferedRecords) await this.spillBuffer();
        return;
      }
      this.counts.written += batch.length;
    }
    if (this.spill.hasPending()) await this.replaySpill();
  }

  private async write(batch: StoredUsageRecord[]): Promise<boolean> {
    this.inFlight = batch.length;
    try {
      await this.store.insertBatch(batch);
      this.outage = null;
      return true;
    } catch (error) {
      this.onFailure(error);
      return false;
    } finally {
      this.inFlight = 0;
    }
  }

  private async replaySpill(): Promise<void> {
    try {
      const result = await this.spill.replay(async (batch) => {
        this.counts.replayed += await this.store.insertBatch(batch);
      }, this.options.batchSize);
      if (result.corrupt > 0) this.logger.warn(`Skipped ${result.corrupt} unreadable spill line(s)`);
    } catch (error) {
      this.onFailure(error);
    }
  }

  private async spillBuffer(): Promise<void> {
    const records = this.buffer;
    this.buffer = [];
    try {
      if (await this.spill.append(records)) this.counts.spilled += records.length;
      else this.drop(records.length, 'the spill file reached its size cap');
    } catch (error) {
      this.drop(records.length, describe(error));
    }
  }

  private drop(count: number, reason: string): void {
    this.counts.dropped += count;
    this.logger.error(`Dropped ${count} usage record(s): ${reason}`);
  }

  private onFailure(error: unknown): void {
    const failures = (this.outage?.failures ?? 0) + 1;
    if (this.outage === null) this.logger.warn(`Usage store write failed, buffering: ${describe(error)}`);
    this.outage = { since: this.outage?.since ?? Date.now(), failures, lastError: describe(error) };
    const delay = Math.min(this.options.maxRetryDelayMs, this.options.minRetryDelayMs * 2 ** (failures - 1));
    this.nextAttemptAt = Date.now() + delay;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
