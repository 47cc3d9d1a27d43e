import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteUsageStore } from '../store/sqlite/sqlite-usage.store';
import { FlakyUsageStore } from '../testing/flaky-usage.store';
import { storedRequestIds } from '../testing/stored-request-ids';
import { makeUsageEvent } from '../testing/usage-event.fixture';
import { nextTurn, waitFor } from '../testing/wait-for';
import { UsageLedger } from './usage-ledger';
import type { UsageLedgerOptions } from './usage-ledger.options';

describe('UsageLedger', () => {
  let dir: string;
  let store: FlakyUsageStore;
  const ledgers: UsageLedger[] = [];

  const ledgerWith = (options: UsageLedgerOptions): UsageLedger => {
    const ledger = new UsageLedger(store, { spillPath: join(dir, 'spill', 'usage.ndjson'), ...options });
    ledgers.push(ledger);
    return ledger;
  };
  const recordMany = (ledger: UsageLedger, prefix: string, count: number): void => {
    for (let index = 0; index < count; index += 1)
      ledger.record(makeUsageEvent({ requestId: `${prefix}-${index}` }));
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'usage-ledger-'));
    store = new FlakyUsageStore(new SqliteUsageStore({ path: join(dir, 'usage.db') }));
    await store.migrate();
  });

  afterEach(async () => {
    store.failing = false;
    await Promise.all(ledgers.splice(0).map((ledger) => ledger.shutdown()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes as soon as a batch is full, without waiting for the timer', async () => {
    // Arrange
    const ledger = ledgerWith({ batchSize: 5, flushIntervalMs: 60_000 });
    recordMany(ledger, 'a', 4);
    await nextTurn();
    const beforeFull = store.batchSizes.length;
    // Act
    recordMany(ledger, 'b', 1);
    await waitFor(() => store.batchSizes.length > 0, 'a size-triggered write');
    // Assert
    expect(beforeFull).toBe(0);
    expect(store.batchSizes).toEqual([5]);
  });

  it('splits a burst into batches of at most batchSize', async () => {
    // Arrange
    const ledger = ledgerWith({ batchSize: 5, flushIntervalMs: 60_000 });
    // Act
    recordMany(ledger, 'a', 12);
    await waitFor(() => ledger.health().bufferedRecords === 0, 'the burst to be written');
    // Assert
    expect(store.batchSizes).toEqual([5, 5, 2]);
  });

  it('writes a partial batch when the flush interval passes', async () => {
    // Arrange
    const ledger = ledgerWith({ batchSize: 500, flushIntervalMs: 30 });
    // Act
    recordMany(ledger, 'a', 3);
    await nextTurn();
    const immediately = store.batchSizes.length;
    await waitFor(() => store.batchSizes.length === 1, 'the timed write');
    // Assert
    expect(immediately).toBe(0);
    expect(store.batchSizes).toEqual([3]);
  });

  it('keeps memory bounded during an outage by spilling to the NDJSON file', async () => {
    // Arrange
    store.failing = true;
    const ledger = ledgerWith({ batchSize: 5, flushIntervalMs: 10, maxBufferedRecords: 10 });
    // Act
    recordMany(ledger, 'a', 25);
    await waitFor(() => ledger.health().recordsSpilled >= 20, 'the overflow to reach the spill file');
    // Assert
    const health = ledger.health();
    expect(health.bufferedRecords).toBeLessThanOrEqual(10);
    expect(health).toMatchObject({ status: 'degraded', storeAvailable: false, spillPending: true });
    expect(health.outageSince).not.toBeNull();
    const lines = readFileSync(join(dir, 'spill', 'usage.ndjson'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(health.recordsSpilled);
  });

  it('loses nothing through an outage in the middle of traffic, replaying the spill file', async () => {
    // Arrange
    const ledger = ledgerWith({
      batchSize: 20,
      flushIntervalMs: 10,
      maxBufferedRecords: 50,
      minRetryDelayMs: 5,
    });
    recordMany(ledger, 'before', 100);
    await waitFor(async () => (await storedRequestIds(store)).length === 100, 'the first writes');
    // Act
    store.failing = true;
    recordMany(ledger, 'during', 300);
    await waitFor(() => ledger.health().recordsSpilled > 0, 'a spill');
    store.failing = false;
    recordMany(ledger, 'after', 100);
    await waitFor(
      () => ledger.health().storeAvailable && !ledger.health().spillPending,
      () => `recovery: ${JSON.stringify(ledger.health())}`,
      5000,
    );
    await ledger.flush();
    // Assert
    const ids = await storedRequestIds(store);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(ledger.health()).toMatchObject({ status: 'ok', bufferedRecords: 0, recordsDropped: 0 });
    expect(existsSync(join(dir, 'spill', 'usage.ndjson.replay'))).toBe(false);
  });

  it('flushes what is buffered on shutdown', async () => {
    // Arrange
    const ledger = ledgerWith({ batchSize: 500, flushIntervalMs: 60_000 });
    recordMany(ledger, 'a', 7);
    // Act
    await ledger.shutdown();
    // Assert
    expect((await storedRequestIds(store)).sort()).toEqual(
      Array.from({ length: 7 }, (_, i) => `a-${i}`).sort(),
    );
  });

  it('leaves records on disk when stopping during an outage, and a restarted ledger stores them once', async () => {
    // Arrange
    store.failing = true;
    const first = ledgerWith({ batchSize: 4, flushIntervalMs: 60_000 });
    recordMany(first, 'a', 10);
    await first.shutdown();
    store.failing = false;
    store.failAfter = 1; // the restarted ledger's replay fails after its first batch, then recovers
    const second = ledgerWith({ batchSize: 4, flushIntervalMs: 60_000 });
    // Act
    await second.flush();
    const afterFailedReplay = (await storedRequestIds(store)).length;
    store.failAfter = null;
    store.failing = false;
    await second.flush();
    // Assert
    expect(first.health().spillPending).toBe(true);
    expect(afterFailedReplay).toBe(4);
    const ids = await storedRequestIds(store);
    expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `a-${i}`).sort());
    expect(second.health()).toMatchObject({ spillPending: false, recordsReplayed: 10 });
  });
});
