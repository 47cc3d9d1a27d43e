import { makeRecords, toRecord, makeUsageEvent } from '../../testing/usage-event.fixture';
import type { StoreFactory, StoreHandle } from './store-factory';

const T0 = Date.UTC(2025, 5, 1);
const ALL = { from: new Date(0), to: new Date(T0 * 2), groupBy: 'tenant' } as const;

export function describeMaintenanceContract(factory: StoreFactory): void {
  describe('writes and maintenance', () => {
    let handle: StoreHandle;

    beforeEach(async () => {
      handle = await factory();
    });
    afterEach(() => handle.dispose());

    it('re-applying migrations is a no-op', async () => {
      // Arrange
      await handle.store.insertBatch([toRecord(makeUsageEvent())]);
      // Act
      await handle.store.migrate();
      // Assert
      expect((await handle.store.summary(ALL)).totals.requests).toBe(1);
    });

    it('ignores a record whose ingest id is already stored (replay is idempotent)', async () => {
      // Arrange
      const records = makeRecords(3, () => ({}));
      await handle.store.insertBatch(records.slice(0, 2));
      // Act
      const inserted = await handle.store.insertBatch(records);
      // Assert
      expect(inserted).toBe(1);
      expect((await handle.store.summary(ALL)).totals.requests).toBe(3);
    });

    it('adds up cost and tokens per tenant over a time range, leaving out unpriced costs and tenantless rows', async () => {
      // Arrange
      await handle.store.insertBatch([
        ...makeRecords(2, () => ({
          tenant: 'a',
          costUsd: 0.25,
          inputTokens: 10,
          outputTokens: 5,
          timestamp: T0 + 999,
        })),
        ...makeRecords(1, () => ({
          tenant: 'a',
          costUsd: null,
          inputTokens: 7,
          outputTokens: 0,
          timestamp: T0 + 999,
        })),
        ...makeRecords(1, () => ({
          tenant: 'b',
          costUsd: 1,
          inputTokens: 1,
          outputTokens: 1,
          timestamp: T0 + 999,
        })),
        ...makeRecords(1, () => ({
          tenant: null,
          costUsd: 9,
          inputTokens: 9,
          outputTokens: 9,
          timestamp: T0 + 999,
        })),
        ...makeRecords(1, () => ({ tenant: 'b', costUsd: 5, timestamp: T0 - 1 })),
        ...makeRecords(1, () => ({ tenant: 'b', costUsd: 5, timestamp: T0 + 1000 })),
      ]);
      // Act
      const spending = await handle.store.spendingByTenant(new Date(T0), new Date(T0 + 1000));
      // Assert: the range is half-open, as every query's
      expect(spending.sort((x, y) => x.tenant.localeCompare(y.tenant))).toEqual([
        { tenant: 'a', costUsd: 0.5, tokens: 37 },
        { tenant: 'b', costUsd: 1, tokens: 2 },
      ]);
    });

    it('inserts an empty batch as a no-op', async () => {
      // Act / Assert
      await expect(handle.store.insertBatch([])).resolves.toBe(0);
    });

    it('purges records strictly older than the cutoff, across several chunks', async () => {
      // Arrange — 7 old records (the test stores purge 2 per chunk), 2 at the cutoff, 1 newer
      const old = makeRecords(7, (index) => ({ timestamp: T0 - 1000 + index }));
      const kept = makeRecords(3, (index) => ({ timestamp: T0 + index }));
      await handle.store.insertBatch([...old, ...kept.slice(0, 2)]);
      await handle.store.insertBatch(kept.slice(2));
      // Act
      const deleted = await handle.store.purgeOlderThan(new Date(T0));
      // Assert
      expect(deleted).toBe(7);
      const { rows } = await handle.store.requests({ from: new Date(0), to: new Date(T0 * 2) });
      expect(rows.map((row) => row.request_id).sort()).toEqual(
        kept.map((record) => record.event.requestId).sort(),
      );
    });

    it('probes a write while open and fails once closed', async () => {
      // Act / Assert
      await expect(handle.store.probeWrite()).resolves.toBeUndefined();
      await handle.store.close();
      await expect(handle.store.probeWrite()).rejects.toThrow();
    });
  });
}
