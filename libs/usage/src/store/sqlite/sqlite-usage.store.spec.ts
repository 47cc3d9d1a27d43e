import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeUsageStoreContract } from '../contract/usage-store.contract';
import { makeRecords } from '../../testing/usage-event.fixture';
import { SqliteUsageStore } from './sqlite-usage.store';

describe('SqliteUsageStore', () => {
  describeUsageStoreContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-sqlite-'));
    const store = new SqliteUsageStore({ path: join(dir, 'nested', 'usage.db'), purgeChunkSize: 2 });
    await store.migrate();
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describe('SqliteUsageStore summaries during writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'usage-sqlite-'));
  const store = new SqliteUsageStore({ path: join(dir, 'usage.db') });
  const now = Date.now();
  const range = { from: new Date(now - 3_600_000), to: new Date(now + 60_000) };
  const batch = (size: number, offsetMs: number) =>
    makeRecords(size, (i) => ({ timestamp: now - offsetMs - i, modelId: `model-${i % 7}` }));

  // 100,000 rows make a summary slow enough for the writer thread to commit between its queries; inserting
  // them takes seconds on a loaded machine, past jest's default 5 s hook timeout.
  beforeAll(async () => {
    await store.migrate();
    for (let round = 0; round < 20; round += 1) await store.insertBatch(batch(5_000, 1_000));
  }, 60_000);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the same rows in its groups and its totals while the writer thread commits', async () => {
    // Arrange
    const mismatches: string[] = [];
    // Act: eight summaries, each racing a 2,000-row batch
    for (let round = 0; round < 8; round += 1) {
      const writes = store.insertBatch(batch(2_000, 500));
      await new Promise((resolve) => setTimeout(resolve, round));
      const summary = await store.summary({ ...range, groupBy: 'model' });
      const grouped = summary.rows.reduce((total, row) => total + row.requests, 0);
      if (grouped !== summary.totals.requests) mismatches.push(`${grouped} vs ${summary.totals.requests}`);
      await writes;
    }
    // Assert
    expect(mismatches).toEqual([]);
  }, 30_000); // ~2 s idle, over 100,000 rows; as slow as the hook on a loaded machine
});
