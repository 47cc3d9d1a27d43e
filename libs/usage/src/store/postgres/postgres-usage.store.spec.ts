import { Client } from 'pg';
import { dropSchema, findPostgresTestUrl, uniqueSchema } from '../../testing/postgres-test-target';
import { describeUsageStoreContract } from '../contract/usage-store.contract';
import { makeRecords, makeUsageEvent, toRecord } from '../../testing/usage-event.fixture';
import { StallingProxy } from '../../testing/stalling-proxy';
import { expectUpgradeFromV1, schemaV1Row } from '../contract/schema-v1.fixture';
import { UsageStoreUnavailableError } from '../usage-store-unavailable.error';
import { PostgresUsageStore } from './postgres-usage.store';
import { POSTGRES_MIGRATIONS } from './postgres.migrations';

const url = findPostgresTestUrl('PostgresUsageStore');

(url === null ? describe.skip : describe)('PostgresUsageStore', () => {
  describeUsageStoreContract(async () => {
    const connectionString = url as string;
    const schema = uniqueSchema();
    const store = new PostgresUsageStore({ connectionString, schema, purgeChunkSize: 2, poolSize: 2 });
    await store.migrate();
    return {
      store,
      dispose: async () => {
        await store.close();
        await dropSchema(connectionString, schema);
      },
    };
  });
});

(url === null ? describe.skip : describe)('PostgresUsageStore summaries on two connections', () => {
  const connectionString = url as string;
  const schema = uniqueSchema();
  // A pool of two: each summary needs both connections, so concurrent ones must queue, not deadlock.
  const store = new PostgresUsageStore({ connectionString, schema, poolSize: 2 });
  const range = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) };

  beforeAll(() => store.migrate());
  afterAll(async () => {
    await store.close();
    await dropSchema(connectionString, schema);
  });

  it('answers concurrent summaries while writes go on, each with totals that match its groups', async () => {
    // Arrange
    await store.insertBatch(
      makeRecords(40, (i) => ({ modelId: `model-${i % 4}`, timestamp: Date.now() - i * 1000 })),
    );
    // Act
    const writes = Array.from({ length: 5 }, (_, i) =>
      store.insertBatch(
        makeRecords(10, (j) => ({ modelId: `model-${j % 4}`, timestamp: Date.now() - (i * 10 + j) })),
      ),
    );
    const summaries = await Promise.all(
      Array.from({ length: 6 }, () => store.summary({ ...range, groupBy: 'model' })),
    );
    await Promise.all(writes);
    // Assert
    for (const summary of summaries) {
      const grouped = summary.rows.reduce((sum, row) => sum + row.requests, 0);
      expect(summary.totals.requests).toBe(grouped);
      expect(summary.totals.requests).toBeGreaterThanOrEqual(40);
    }
    expect((await store.summary({ ...range, groupBy: 'model' })).totals.requests).toBe(90);
  });
});

(url === null ? describe.skip : describe)('PostgresUsageStore and NUL characters', () => {
  const connectionString = url as string;
  const schema = uniqueSchema();
  const store = new PostgresUsageStore({ connectionString, schema, poolSize: 2 });

  beforeAll(() => store.migrate());
  afterAll(async () => {
    await store.close();
    await dropSchema(connectionString, schema);
  });

  it('stores a batch holding a NUL, with U+FFFD in its place (PostgreSQL text and jsonb refuse NUL)', async () => {
    const now = Date.now();
    const records = [
      toRecord(makeUsageEvent({ timestamp: now, requestId: 'clean-1' })),
      toRecord(
        makeUsageEvent({
          timestamp: now,
          requestId: 'nul',
          tenant: 'te\u0000am',
          metadata: { k: 'a\u0000b' },
        }),
      ),
      toRecord(makeUsageEvent({ timestamp: now, requestId: 'clean-2', metadata: { path: 'C:\\u0000' } })),
      toRecord(makeUsageEvent({ timestamp: now, requestId: 'job\\u0000-7' })),
    ];

    expect(await store.insertBatch(records)).toBe(4);
    const { rows } = await store.requests({ from: new Date(now - 60_000), to: new Date(now + 60_000) });
    const byId = new Map(rows.map((row) => [row.request_id, row]));
    expect(byId.get('nul')).toMatchObject({ tenant: 'te\uFFFDam', metadata: { k: 'a\uFFFDb' } });
    // A backslash followed by "u0000" is text, not a NUL: it is kept as sent.
    expect(byId.get('clean-2')?.metadata).toEqual({ path: 'C:\\u0000' });
    expect(byId.has('job\\u0000-7')).toBe(true);
  });
});

(url === null ? describe.skip : describe)('PostgresUsageStore and a server that stops answering', () => {
  const connectionString = url as string;
  const schema = uniqueSchema();
  const range = { from: new Date(0), to: new Date(Date.now() + 60_000) };
  let proxy: StallingProxy;
  let store: PostgresUsageStore;

  beforeAll(async () => {
    proxy = await StallingProxy.inFrontOf(connectionString);
    store = new PostgresUsageStore({
      connectionString: proxy.through(connectionString),
      schema,
      poolSize: 2,
      writeTimeoutMs: 300,
    });
    await store.migrate();
  });
  afterAll(async () => {
    proxy.resume();
    await store.close();
    await proxy.close();
    await dropSchema(connectionString, schema);
  });

  it('closes while a report waits on the stalled server, instead of waiting with it', async () => {
    // Arrange: a second store through the proxy, whose report is under way when the server stalls
    const other = new PostgresUsageStore({
      connectionString: proxy.through(connectionString),
      schema,
      poolSize: 2,
      closeTimeoutMs: 200,
    });
    await other.summary({ ...range, groupBy: 'model' }); // connected
    proxy.stall();
    const report = other.summary({ ...range, groupBy: 'model' }).catch((error: Error) => error);
    const state = await Promise.race([
      report.then(() => 'settled'),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 300)),
    ]);
    expect(state).toBe('waiting'); // the report holds its connections
    // Act
    const closed = await other.close().then(() => 'closed');
    // Assert
    expect(closed).toBe('closed');
    proxy.resume();
    void report; // ends with the proxy's sockets in afterAll
  });

  it('fails reports on the stalled server as unavailable instead of waiting, and reports again once it answers', async () => {
    // Arrange: a store with short report bounds, connected (its pool holds open connections)
    const bounded = new PostgresUsageStore({
      connectionString: proxy.through(connectionString),
      schema,
      poolSize: 2,
      reportTimeoutMs: 300,
      connectTimeoutMs: 300,
    });
    try {
      await bounded.summary({ ...range, groupBy: 'model' });
      // Act: the server stops answering, connections stay open
      proxy.stall();
      const summary = await bounded.summary({ ...range, groupBy: 'model' }).catch((error: Error) => error);
      const requests = await bounded.requests(range).catch((error: Error) => error);
      const spending = await bounded.spendingByTenant(range.from, range.to).catch((error: Error) => error);
      const purge = await bounded.purgeOlderThan(new Date(0)).catch((error: Error) => error);
      proxy.resume();
      const after = await bounded.summary({ ...range, groupBy: 'model' });
      // Assert: a 503's error, naming the server (for the log) but not in the caller's message
      for (const failure of [summary, requests, spending, purge]) {
        expect(failure).toBeInstanceOf(UsageStoreUnavailableError);
        expect(failure).toMatchObject({
          code: 'not_ready',
          reason: expect.stringMatching(/^PostgreSQL at 127\.0\.0\.1:\d+\b/),
        });
        expect((failure as Error).message).not.toMatch(/127\.0\.0\.1/);
      }
      // Connections that failed were not handed back in a bad state, nor kept: the pool of two serves again.
      expect(after.totals.requests).toBeGreaterThanOrEqual(0);
    } finally {
      proxy.resume();
      await bounded.close();
    }
  }, 30_000);

  it('fails a migration on the stalled server instead of waiting (a connection that never opens)', async () => {
    // Arrange
    const booting = new PostgresUsageStore({
      connectionString: proxy.through(connectionString),
      schema,
      reportTimeoutMs: 300,
      connectTimeoutMs: 300,
    });
    proxy.stall();
    try {
      // Act
      const failure = await booting.migrate().catch((error: Error) => error);
      // Assert
      expect(failure).toBeInstanceOf(UsageStoreUnavailableError);
      expect((failure as UsageStoreUnavailableError).reason).toMatch(
        /^PostgreSQL at 127\.0\.0\.1:\d+ did not answer within 300 ms of connecting/,
      );
    } finally {
      proxy.resume();
      await booting.close();
    }
  }, 30_000);

  it('fails a write it cannot finish instead of waiting, and stores it once when retried later', async () => {
    // Arrange
    await store.insertBatch(makeRecords(2, () => ({})));
    const stalled = makeRecords(3, () => ({}));
    // Act: the server stops answering, connections stay open
    proxy.stall();
    const write = await store.insertBatch(stalled).catch((error: Error) => error);
    const probe = await store.probeWrite().catch((error: Error) => error);
    proxy.resume();
    await store.insertBatch(stalled); // the ledger's retry, with the same ingest ids
    // Assert
    expect(write).toBeInstanceOf(Error);
    expect(String(write)).toMatch(/timeout/i);
    expect(String(probe)).toMatch(/timeout/i);
    expect((await store.summary({ ...range, groupBy: 'model' })).totals.requests).toBe(5);
  });
});

(url === null ? describe.skip : describe)('PostgresUsageStore and a report past its time bound', () => {
  const connectionString = url as string;
  const schema = uniqueSchema();
  const store = new PostgresUsageStore({ connectionString, schema, poolSize: 2, reportTimeoutMs: 300 });
  const range = { from: new Date(0), to: new Date(Date.now() + 60_000) };

  beforeAll(() => store.migrate());
  afterAll(async () => {
    await store.close();
    await dropSchema(connectionString, schema);
  });

  it('has the server cancel it (statement_timeout) and fails it as unavailable; the pool goes on', async () => {
    // Arrange: another session holds the table, so the report waits on the server
    const holder = new Client({ connectionString });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE "${schema}".usage_events IN ACCESS EXCLUSIVE MODE`);
      // Act
      const summary = await store.summary({ ...range, groupBy: 'model' }).catch((error: Error) => error);
      const requests = await store.requests(range).catch((error: Error) => error);
      await holder.query('ROLLBACK');
      const after = await store.summary({ ...range, groupBy: 'model' });
      // Assert
      for (const failure of [summary, requests]) {
        expect(failure).toBeInstanceOf(UsageStoreUnavailableError);
        expect((failure as UsageStoreUnavailableError).reason).toMatch(
          /cancelled a statement that ran past 300 ms \(canceling statement due to statement timeout\)$/,
        );
      }
      expect(after.totals.requests).toBe(0);
    } finally {
      await holder.end();
    }
  }, 30_000);
});

(url === null ? describe.skip : describe)('PostgresUsageStore on a ledger of schema version 1', () => {
  const connectionString = url as string;
  const schema = uniqueSchema();
  afterAll(() => dropSchema(connectionString, schema));

  it('adds bedrock_request_id in place: older rows read null, newer rows keep theirs', async () => {
    // Arrange: a ledger as version 1 left it, with one row
    const v1 = POSTGRES_MIGRATIONS.find((migration) => migration.version === 1)!;
    const { columns, values } = schemaV1Row();
    const client = new Client({ connectionString });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
      await client.query(v1.sql);
      await client.query(`CREATE TABLE usage_schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      await client.query('INSERT INTO usage_schema_migrations (version, name) VALUES (1, $1)', [v1.name]);
      await client.query(
        `INSERT INTO usage_events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        values,
      );
    } finally {
      await client.end();
    }
    const store = new PostgresUsageStore({ connectionString, schema, poolSize: 2 });
    // A report of a running version-1 instance holds the table: the upgrade gives up rather than queue
    // every insert behind its wait for the lock.
    const report = new Client({ connectionString, options: `-c search_path=${schema}` });
    await report.connect();
    try {
      await report.query('BEGIN');
      await report.query('SELECT count(*) FROM usage_events');
      await expect(store.migrate()).rejects.toThrow(/found the usage table locked by another session/);
      await report.query('COMMIT');
      // Act / Assert
      await expectUpgradeFromV1(store);
    } finally {
      await report.end();
      await store.close();
    }
  });
});
