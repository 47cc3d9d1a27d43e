import { Logger } from '@nestjs/common';
import { SqliteUsageStore } from '../store/sqlite/sqlite-usage.store';
import { storedRequestIds } from '../testing/stored-request-ids';
import { makeUsageEvent, toRecord } from '../testing/usage-event.fixture';
import { UsageRetention } from './usage-retention';

const NOW = new Date(Date.UTC(2025, 6, 1));
const DAY = 86_400_000;

describe('UsageRetention', () => {
  let store: SqliteUsageStore;

  beforeEach(async () => {
    store = new SqliteUsageStore({ path: ':memory:' });
    await store.migrate();
    await store.insertBatch([
      toRecord(makeUsageEvent({ requestId: 'old', timestamp: NOW.getTime() - 31 * DAY })),
      toRecord(makeUsageEvent({ requestId: 'edge', timestamp: NOW.getTime() - 30 * DAY })),
      toRecord(makeUsageEvent({ requestId: 'new', timestamp: NOW.getTime() - DAY })),
    ]);
  });
  afterEach(() => store.close());

  it('purges records older than retentionDays', async () => {
    // Arrange
    const retention = new UsageRetention(store, { retentionDays: 30 });
    // Act
    const deleted = await retention.purge(NOW);
    // Assert
    expect(deleted).toBe(1);
    expect((await storedRequestIds(store)).sort()).toEqual(['edge', 'new']);
  });

  it('keeps everything when no retention is configured', async () => {
    // Arrange
    const retention = new UsageRetention(store, {});
    // Act
    const deleted = await retention.purge(NOW);
    // Assert
    expect(deleted).toBe(0);
    expect(await storedRequestIds(store)).toHaveLength(3);
  });

  it('the scheduled purge deletes what is past retention today and logs how many', async () => {
    // Arrange: records relative to now, as the cron sees them
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await store.insertBatch([
      toRecord(makeUsageEvent({ requestId: 'stale', timestamp: Date.now() - 2 * DAY })),
      toRecord(makeUsageEvent({ requestId: 'fresh', timestamp: Date.now() - 60_000 })),
    ]);
    const retention = new UsageRetention(store, { retentionDays: 1 });
    // Act
    await retention.scheduledPurge();
    // Assert: the fixtures of 2025 are older than a day too
    expect((await storedRequestIds(store)).sort()).toEqual(['fresh']);
    expect(log).toHaveBeenCalledWith('Purged 4 usage record(s) past retention');
    log.mockRestore();
  });

  it('logs instead of throwing when the scheduled purge fails', async () => {
    // Arrange
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await store.close();
    const retention = new UsageRetention(store, { retentionDays: 1 });
    // Act / Assert
    await expect(retention.scheduledPurge()).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^Usage retention purge failed: .+/));
    logged.mockRestore();
  });
});
