import type { UsageEvent } from '@app/bedrock';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeUsageStoreContract } from '../contract/usage-store.contract';
import { makeRecords, makeUsageEvent, toRecord } from '../../testing/usage-event.fixture';
import { expectUpgradeFromV1, schemaV1Row } from '../contract/schema-v1.fixture';
import { SqliteUsageStore } from './sqlite-usage.store';
import { SQLITE_MIGRATIONS } from './sqlite.migrations';

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

describe('SqliteUsageStore on a ledger of schema version 1', () => {
  it('adds bedrock_request_id in place: older rows read null, newer rows keep theirs', async () => {
    // Arrange: a ledger as version 1 left it, with one row
    const dir = mkdtempSync(join(tmpdir(), 'usage-sqlite-v1-'));
    const path = join(dir, 'usage.db');
    const v1 = SQLITE_MIGRATIONS.find((migration) => migration.version === 1)!;
    const { columns, values } = schemaV1Row();
    const db = new Database(path);
    db.exec(v1.sql);
    db.exec(`CREATE TABLE usage_schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    db.prepare('INSERT INTO usage_schema_migrations VALUES (1, ?, 0)').run(v1.name);
    db.prepare(
      `INSERT INTO usage_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    ).run(values.map((value) => (typeof value === 'boolean' ? Number(value) : value)));
    db.close();
    const store = new SqliteUsageStore({ path, writes: 'inline' });
    // Act / Assert
    try {
      await expectUpgradeFromV1(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteUsageStore and records spilled before bedrock_request_id', () => {
  it('stores such a record with a null request id', async () => {
    // Arrange: a spill-file line of an earlier version has no such field
    const { bedrockRequestId: _, ...older } = makeUsageEvent({ requestId: 'spilled-earlier' });
    const store = new SqliteUsageStore({ path: ':memory:' });
    await store.migrate();
    try {
      // Act
      await store.insertBatch([toRecord(older as UsageEvent)]);
      const { rows } = await store.requests({ from: new Date(0), to: new Date(8.64e15) });
      // Assert
      expect(rows.map((row) => [row.request_id, row.bedrock_request_id])).toEqual([
        ['spilled-earlier', null],
      ]);
    } finally {
      await store.close();
    }
  });
});
