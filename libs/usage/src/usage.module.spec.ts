import { UsageSink } from '@app/bedrock';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
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
