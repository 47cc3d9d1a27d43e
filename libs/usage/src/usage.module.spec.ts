import { UsageSink } from '@app/bedrock';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageLedger } from './ledger/usage-ledger';
import { createUsageStore } from './store/create-usage-store';
import { PostgresUsageStore } from './store/postgres/postgres-usage.store';
import { SqliteUsageStore } from './store/sqlite/sqlite-usage.store';
import { UsageStore } from './store/usage-store';
import { storedRequestIds } from './testing/stored-request-ids';
import { makeUsageEvent } from './testing/usage-event.fixture';
import { UsageModule } from './usage.module';

describe('UsageModule', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'usage-module-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('binds UsageSink to the ledger and flushes it into the store on shutdown', async () => {
    // Arrange
    const sqlitePath = join(dir, 'db', 'usage.db');
    const moduleRef = await Test.createTestingModule({
      imports: [
        UsageModule.forRootAsync({
          useFactory: () => ({ sqlitePath, spillPath: join(dir, 'spill.ndjson'), flushIntervalMs: 60_000 }),
        }),
      ],
    }).compile();
    const app = await moduleRef.init();
    const sink = app.get(UsageSink);
    // Act
    sink.record(makeUsageEvent({ requestId: 'kept-on-shutdown' }));
    await app.close();
    // Assert
    expect(sink).toBe(app.get(UsageLedger));
    expect(app.get(UsageStore)).toBeInstanceOf(SqliteUsageStore);
    const reopened = new SqliteUsageStore({ path: sqlitePath });
    expect(await storedRequestIds(reopened)).toEqual(['kept-on-shutdown']);
    await reopened.close();
  });

  it('names DATABASE_URL, without its password, when PostgreSQL cannot be reached at boot', async () => {
    // Arrange: nothing listens on port 1
    const databaseUrl = 'postgres://gateway:s3@cret@127.0.0.1:1/usage?password=s3@cret';
    // Act
    const booting = Test.createTestingModule({
      imports: [UsageModule.forRoot({ databaseUrl, spillPath: join(dir, 'spill.ndjson') })],
    }).compile();
    // Assert
    await expect(booting).rejects.toThrow(
      /^DATABASE_URL: cannot open the usage ledger: .*ECONNREFUSED 127\.0\.0\.1:1/,
    );
    await expect(booting).rejects.not.toThrow(/cret/);
  });

  it('names DATABASE_URL when PostgreSQL accepts connections but never answers, instead of waiting', async () => {
    // Arrange: a server that takes connections and says nothing (a paused PostgreSQL, a black hole)
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      // Act
      const booting = Test.createTestingModule({
        imports: [
          UsageModule.forRoot({
            databaseUrl: `postgres://gateway:s3cret@127.0.0.1:${port}/usage`,
            spillPath: join(dir, 'spill.ndjson'),
          }),
        ],
      }).compile();
      // Assert: one line naming the variable and the server, not the password
      const failure = await booting.then(
        () => 'booted',
        (error: Error) => error.message,
      );
      expect(failure).toMatch(
        new RegExp(
          `^DATABASE_URL: cannot open the usage ledger: PostgreSQL at 127\\.0\\.0\\.1:${port} did not answer within 5000 ms of connecting \\(timeout expired\\)$`,
        ),
      );
      expect(failure).not.toMatch(/s3cret/);
      expect(sockets.size).toBeGreaterThan(0); // it did connect: the bound is on the silence
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 30_000); // the connection bound is 5 s

  it('selects PostgreSQL for a postgres URL and rejects other URLs', async () => {
    // Act
    const postgres = createUsageStore({ databaseUrl: 'postgresql://u@localhost:1/db', sqlitePath: 'unused' });
    // Assert
    expect(postgres).toBeInstanceOf(PostgresUsageStore);
    await postgres.close();
    expect(() => createUsageStore({ databaseUrl: 'mysql://u@localhost/db', sqlitePath: 'unused' })).toThrow(
      /postgres/,
    );
  });
});
