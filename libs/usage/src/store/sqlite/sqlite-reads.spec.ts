import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBulkSqliteLedger } from '../../testing/sqlite-bulk-ledger';
import { makeRecords } from '../../testing/usage-event.fixture';
import { SqliteThread } from './sqlite-thread';
import { SqliteThreadError } from './sqlite-thread.error';
import { SqliteUsageStore } from './sqlite-usage.store';

describe('SqliteUsageStore reports and the event loop', () => {
  const ROWS = 300_000;
  const start = Date.UTC(2025, 0, 1);
  const range = { from: new Date(start), to: new Date(start + 20 * 86_400_000) };
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'usage-reads-'));
    path = join(dir, 'usage.db');
    await createBulkSqliteLedger(path, ROWS, start, 20);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What happened first: the summary's answer, or a callback queued on the event loop just after it was asked. */
  async function firstDuringSummary(reads: 'thread' | 'inline'): Promise<string[]> {
    const store = new SqliteUsageStore({ path, reads });
    const order: string[] = [];
    try {
      await store.spendingByTenant(new Date(0), new Date(1)); // the reader thread is up
      const summary = store.summary({ ...range, groupBy: 'day' }).then((answer) => {
        order.push('summary');
        return answer;
      });
      setImmediate(() => order.push('immediate'));
      setTimeout(() => order.push('timer'), 0);
      const answer = await summary;
      expect(answer.totals.requests).toBe(ROWS);
      expect(answer.rows).toHaveLength(20);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return order;
    } finally {
      await store.close();
    }
  }

  it('answers the event loop while the reader thread runs a summary over 300,000 records', async () => {
    // Arrange, Act
    const order = await firstDuringSummary('thread');
    // Assert
    expect(order.indexOf('immediate')).toBeLessThan(order.indexOf('summary'));
    expect(order.indexOf('timer')).toBeLessThan(order.indexOf('summary'));
  }, 30_000);

  it('holds the event loop for the whole summary with inline reads (why the thread is the default)', async () => {
    // Arrange, Act
    const order = await firstDuringSummary('inline');
    // Assert
    expect(order[0]).toBe('summary');
  }, 30_000);

  it('closes without waiting for a summary still running, which then fails', async () => {
    // Arrange
    const store = new SqliteUsageStore({ path, closeTimeoutMs: 0 });
    const summary = expect(store.summary({ ...range, groupBy: 'day' })).rejects.toThrow(SqliteThreadError);
    // Act
    await store.close();
    // Assert
    await summary;
    await expect(store.requests(range)).rejects.toThrow('closed');
  });
});

describe('SqliteUsageStore reader thread', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'usage-reader-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sees every write committed before the read, on a thread already reading', async () => {
    // Arrange
    const store = new SqliteUsageStore({ path: join(dir, 'usage.db') });
    await store.migrate();
    const range = { from: new Date(0), to: new Date(8.64e15) };
    const before = await store.summary({ ...range, groupBy: 'model' });
    // Act
    await store.insertBatch(makeRecords(3, (index) => ({ requestId: `req-${index}` })));
    const after = await store.summary({ ...range, groupBy: 'model' });
    const page = await store.requests(range);
    // Assert
    expect(before.totals.requests).toBe(0);
    expect(after.totals.requests).toBe(3);
    expect(page.rows).toHaveLength(3);
    await store.close();
  });

  it('fails a read with the SQLite error and its code, and keeps serving', async () => {
    // Arrange: not migrated, so there is no table to read
    const store = new SqliteUsageStore({ path: join(dir, 'usage.db') });
    const range = { from: new Date(0), to: new Date(8.64e15) };
    // Act
    const failed = store.requests(range);
    // Assert
    await expect(failed).rejects.toBeInstanceOf(SqliteThreadError);
    await expect(failed).rejects.toMatchObject({
      code: 'SQLITE_ERROR',
      message: expect.stringContaining('usage_events'),
    });
    await store.migrate();
    await expect(store.requests(range)).resolves.toMatchObject({ rows: [] });
    await store.close();
  });

  it('refuses to write through its read-only connection', async () => {
    // Arrange
    const path = join(dir, 'usage.db');
    const store = new SqliteUsageStore({ path });
    await store.migrate();
    const reader = new SqliteThread(path, { readOnly: true });
    // Act
    const write = reader.run('DELETE FROM usage_events', []);
    // Assert
    await expect(write).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    await reader.close();
    await store.close();
  });
});
