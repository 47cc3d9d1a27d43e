import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRecords } from '../../testing/usage-event.fixture';
import { SqliteUsageStore } from './sqlite-usage.store';
import { SqliteThread } from './sqlite-thread';
import { SqliteThreadError } from './sqlite-thread.error';

const TABLE = 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)';
const INSERT = 'INSERT INTO items (id, name) VALUES (?, ?)';

describe('SqliteThread', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sqlite-thread-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function database(path: string): Database.Database {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec(TABLE);
    return db;
  }

  it('writes rows in one transaction that the main connection reads at once', async () => {
    // Arrange
    const path = join(dir, 'a.db');
    const reader = database(path);
    const writer = new SqliteThread(path);
    // Act
    const changes = await writer.insertRows(INSERT, [
      [1, 'one'],
      [2, 'two'],
    ]);
    // Assert
    expect(changes).toBe(2);
    expect(reader.prepare('SELECT name FROM items ORDER BY id').pluck().all()).toEqual(['one', 'two']);
    await writer.close();
    reader.close();
  });

  it('rejects a failing batch with the SQLite code, writes none of it, and keeps serving', async () => {
    // Arrange
    const path = join(dir, 'b.db');
    const reader = database(path);
    const writer = new SqliteThread(path);
    // Act
    const failed = writer.insertRows(INSERT, [
      [1, 'one'],
      [1, 'again'],
    ]);
    // Assert
    await expect(failed).rejects.toBeInstanceOf(SqliteThreadError);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(reader.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(0);
    await expect(writer.run(INSERT, [3, 'three'])).resolves.toBe(1);
    await writer.close();
    reader.close();
  });

  it('fails the writes of a thread that died and starts a new thread for the next write', async () => {
    // Arrange: the folder does not exist yet, so the thread cannot open the database and dies
    const path = join(dir, 'later', 'c.db');
    const writer = new SqliteThread(path);
    // Act
    const first = writer.run('SELECT 1', []);
    // Assert
    await expect(first).rejects.toThrow();
    mkdirSync(join(dir, 'later'));
    const reader = database(path);
    await expect(writer.run(INSERT, [1, 'one'])).resolves.toBe(1);
    expect(reader.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(1);
    await writer.close();
    reader.close();
  });

  it('finishes the writes already sent before it closes', async () => {
    // Arrange
    const path = join(dir, 'e.db');
    const reader = database(path);
    const writer = new SqliteThread(path);
    // Act
    const writes = [writer.run(INSERT, [1, 'one']), writer.run(INSERT, [2, 'two'])];
    await writer.close();
    // Assert
    await expect(Promise.all(writes)).resolves.toEqual([1, 1]);
    expect(reader.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(2);
    reader.close();
  });

  it('refuses writes once closed', async () => {
    // Arrange
    const writer = new SqliteThread(join(dir, 'd.db'));
    // Act
    await writer.close();
    // Assert
    await expect(writer.run('SELECT 1', [])).rejects.toThrow('closed');
  });
});

describe('SqliteUsageStore writes and the event loop', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'usage-loop-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** How many times a 1 ms interval fired while one large batch was written. */
  async function ticksDuringBatch(writes: 'thread' | 'inline'): Promise<number> {
    const store = new SqliteUsageStore({ path: join(dir, `${writes}.db`), writes });
    await store.migrate();
    const records = makeRecords(20_000, (index) => ({ requestId: `req-${index}` }));
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const inserted = await store.insertBatch(records);
    clearInterval(timer);
    expect(inserted).toBe(records.length);
    await store.close();
    return ticks;
  }

  it('keeps serving the event loop while the writer thread inserts a large batch', async () => {
    // Arrange, Act
    const ticks = await ticksDuringBatch('thread');
    // Assert
    expect(ticks).toBeGreaterThan(0);
  });

  it('holds the event loop for the whole batch with inline writes (why the thread is the default)', async () => {
    // Arrange, Act
    const ticks = await ticksDuringBatch('inline');
    // Assert
    expect(ticks).toBe(0);
  });
});
