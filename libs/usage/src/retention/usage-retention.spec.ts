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

  it('logs instead of throwing when the scheduled purge fails', async () => {
    // Arrange
    await store.close();
    const retention = new UsageRetention(store, { retentionDays: 1 });
    // Act / Assert
    await expect(retention.scheduledPurge()).resolves.toBeUndefined();
  });
});
