import type Database from 'better-sqlite3';
import { runInThisContext } from 'node:vm';
import { SQLITE_CONNECTION_PROGRAM } from './sqlite-connection.program';

export type SqliteValue = string | number | null;
/** Positional (`?`) or named (`@name`) parameters. */
export type SqliteParams = SqliteValue[] | Record<string, SqliteValue>;

/** One SELECT of a read; `first` answers its first row (or undefined) rather than all of them. */
export interface SqliteRead {
  sql: string;
  params: SqliteParams;
  first?: boolean;
}

/** What sqlite-connection.program.ts handles. */
export type SqliteRequest =
  | { op: 'rows'; sql: string; rows: SqliteValue[][] }
  | { op: 'run'; sql: string; params: SqliteValue[] }
  | { op: 'read'; statements: SqliteRead[] }
  | { op: 'sync' };

/**
 * A connection of the SQLite store. better-sqlite3 is synchronous, so a statement on the gateway's event
 * loop stalls every request in flight while it runs: a write while SQLite updates the table and its four
 * indexes (~30 µs a record: a 250 ms flush at 900 req/s held the loop ~7 ms), a report for as long as it
 * reads (a day-grouped summary over 600,000 records held it 2.1 s). `SqliteThread` runs the statements on
 * a worker thread with its own connection (WAL: readers never wait for the writer, and the writer never
 * waits for them); `InlineSqliteConnection` runs them on the store's connection, for `:memory:`
 * databases, which no second connection can open. Both run sqlite-connection.program.ts.
 */
export abstract class SqliteConnection {
  /** Runs `sql` once per row in one transaction; returns the rows changed. */
  insertRows(sql: string, rows: SqliteValue[][]): Promise<number> {
    return rows.length === 0
      ? Promise.resolve(0)
      : (this.execute({ op: 'rows', sql, rows }) as Promise<number>);
  }

  /** Runs one statement; returns the rows changed. */
  run(sql: string, params: SqliteValue[]): Promise<number> {
    return this.execute({ op: 'run', sql, params }) as Promise<number>;
  }

  /** Runs the SELECTs in one read transaction (one snapshot); returns what each answered, in order. */
  read(statements: SqliteRead[]): Promise<unknown[]> {
    return this.execute({ op: 'read', statements }) as Promise<unknown[]>;
  }

  abstract close(): Promise<void>;

  protected abstract execute(request: SqliteRequest): Promise<unknown>;
}

type Handler = (request: SqliteRequest) => unknown;

/** Async so that a failing statement is a rejected promise, as it is from a thread. */
export class InlineSqliteConnection extends SqliteConnection {
  private readonly handle: Handler;

  constructor(db: Database.Database) {
    super();
    this.handle = (runInThisContext(SQLITE_CONNECTION_PROGRAM) as (db: Database.Database) => Handler)(db);
  }

  override async close(): Promise<void> {}

  protected override async execute(request: SqliteRequest): Promise<unknown> {
    return this.handle(request);
  }
}
