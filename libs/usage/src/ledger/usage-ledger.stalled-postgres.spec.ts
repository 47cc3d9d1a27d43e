import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresUsageStore } from '../store/postgres/postgres-usage.store';
import { dropSchema, findPostgresTestUrl, uniqueSchema } from '../testing/postgres-test-target';
import { StallingProxy } from '../testing/stalling-proxy';
import { storedRequestIds } from '../testing/stored-request-ids';
import { makeUsageEvent } from '../testing/usage-event.fixture';
import { UsageLedger } from './usage-ledger';

const url = findPostgresTestUrl('UsageLedger on a stalled PostgreSQL');

// A graceful stop while PostgreSQL holds its connections open without answering (paused, partitioned):
// the stop must end, with what it could not write synced to the spill file, and lose nothing.
(url === null ? describe.skip : describe)('UsageLedger on a PostgreSQL that stops answering', () => {
  const connectionString = url as string;
  const schema = uniqueSchema();
  let dir: string;
  let proxy: StallingProxy;
  const stores: PostgresUsageStore[] = [];

  const storeThroughProxy = async (): Promise<PostgresUsageStore> => {
    const store = new PostgresUsageStore({
      connectionString: proxy.through(connectionString),
      schema,
      poolSize: 2,
      writeTimeoutMs: 300,
    });
    stores.push(store);
    await store.migrate();
    return store;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'usage-ledger-stall-'));
    proxy = await StallingProxy.inFrontOf(connectionString);
  });
  afterAll(async () => {
    proxy.resume();
    await Promise.all(stores.map((store) => store.close()));
    await proxy.close();
    await dropSchema(connectionString, schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends a graceful stop with the records on disk, and the next start stores each once', async () => {
    // Arrange
    const spillPath = join(dir, 'spill', 'usage.ndjson');
    const firstStore = await storeThroughProxy();
    const first = new UsageLedger(firstStore, { spillPath, flushIntervalMs: 60_000 });
    const ids = Array.from({ length: 20 }, (_, index) => `stalled-${index}`);
    // Act: PostgreSQL stops answering, calls keep being recorded, then the gateway stops
    proxy.stall();
    for (const requestId of ids) first.record(makeUsageEvent({ requestId }));
    await first.shutdown();
    await firstStore.close(); // as the gateway's stop does next, still without an answer
    const atStop = first.health();
    // …and the next start, once PostgreSQL answers again, replays the spill file
    proxy.resume();
    const store = await storeThroughProxy();
    const next = new UsageLedger(store, { spillPath });
    await next.flush();
    await next.shutdown();
    // Assert
    expect(atStop).toMatchObject({ storeAvailable: false, bufferedRecords: 0, spillPending: true });
    expect((await storedRequestIds(store)).sort()).toEqual([...ids].sort());
  });
});
