import type Database from 'better-sqlite3';

export type SqliteValue = string | number | null;

/**
 * Where the SQLite store's writes run. better-sqlite3 is synchronous, so a write on the gateway's event
 * loop stalls every request in flight while SQLite updates the table and its four indexes (~30 µs a
 * record: a 250 ms flush at 900 req/s held the loop ~7 ms). `SqliteWriterThread` runs them on a worker
 * thread with its own connection (WAL: the main thread's reads never wait for it, and the main connection
 * writes only the migrations at boot, so it never waits on the writer's lock); `InlineSqliteWrites` runs them on
 * the store's connection, for `:memory:` databases, which no second connection can open.
 */
export interface SqliteWrites {
  /** Runs `sql` once per row in one transaction; returns the rows changed. */
  insertRows(sql: string, rows: SqliteValue[][]): Promise<number>;
  /** Runs one statement; returns the rows changed. */
  run(sql: string, params: SqliteValue[]): Promise<number>;
  close(): Promise<void>;
}

/** Async so that a failing statement is a rejected promise, as it is from the writer thread. */
export class InlineSqliteWrites implements SqliteWrites {
  constructor(private readonly db: Database.Database) {}

  async insertRows(sql: string, rows: SqliteValue[][]): Promise<number> {
    const statement = this.db.prepare(sql);
    const insert = this.db.transaction(() => rows.reduce((sum, row) => sum + statement.run(row).changes, 0));
    return insert();
  }

  async run(sql: string, params: SqliteValue[]): Promise<number> {
    return this.db.prepare(sql).run(params).changes;
  }

  async close(): Promise<void> {}
}
