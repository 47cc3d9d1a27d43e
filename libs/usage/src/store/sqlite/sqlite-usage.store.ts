import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { GROUP_KEY_SQL } from '../group-key.sql';
import { toPageLimit, toTimeRange } from '../query-validation';
import { decodeCursor, toRequestsPage } from '../request-cursor';
import { sortSummaryRows, toSummaryRow, toTotals } from '../summary-row.mapper';
import { toColumnValues } from '../usage-columns';
import type { StoredUsageRecord } from '../usage-record';
import type {
  TenantSpending,
  UsageRequestsPage,
  UsageRequestsQuery,
  UsageSummary,
  UsageSummaryQuery,
} from '../usage-query.types';
import { toTenantSpending, toUsageRow, type DbRow } from '../usage-row.mapper';
import { UsageStore } from '../usage-store';
import { InlineSqliteConnection, type SqliteConnection } from './sqlite-connection';
import { parsePercentiles } from './sqlite-percentile';
import { SqliteThread } from './sqlite-thread';
import { SQLITE_MIGRATIONS } from './sqlite.migrations';
import {
  SQLITE_AGGREGATES,
  SQLITE_INSERT,
  SQLITE_PRAGMAS,
  SQLITE_PROBE,
  SQLITE_PURGE_CHUNK,
  SQLITE_SPENDING_BY_TENANT,
} from './sqlite.sql';

export interface SqliteUsageStoreOptions {
  /** Database file; its folder is created. `:memory:` works for throwaway use. */
  path: string;
  /** Rows deleted per purge statement. */
  purgeChunkSize?: number;
  /**
   * Where writes run (sqlite-connection.ts): `thread` (the default for files) keeps SQLite's synchronous
   * writes off the event loop; `inline` runs them on the store's connection (always so for `:memory:`).
   */
  writes?: 'thread' | 'inline';
  /** Where reports run, likewise: `thread` (the default for files, a read-only connection) or `inline`. */
  reads?: 'thread' | 'inline';
  /** Longest wait in `close()` for a report still running on the reader thread; default 2000 ms. */
  closeTimeoutMs?: number;
}

/**
 * Embedded adapter: one WAL-mode file, synchronous driver. The store's connection applies the migrations;
 * writes (records, the readiness probe, purges) run on a writer thread and reports on a reader thread,
 * each with its own connection, so neither a flush, a purge nor a report stalls the requests in flight.
 * Reports queue on their one thread (the writer's commits never wait for them: WAL).
 */
export class SqliteUsageStore extends UsageStore {
  private readonly db: Database.Database;
  private readonly purgeChunkSize: number;
  private readonly writes: SqliteConnection;
  private readonly reads: SqliteConnection;

  constructor(options: SqliteUsageStoreOptions) {
    super();
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    for (const pragma of SQLITE_PRAGMAS) this.db.pragma(pragma);
    this.purgeChunkSize = options.purgeChunkSize ?? 10_000;
    const memory = options.path === ':memory:';
    let inline: InlineSqliteConnection | undefined;
    const onStore = () => (inline ??= new InlineSqliteConnection(this.db));
    this.writes = memory || options.writes === 'inline' ? onStore() : new SqliteThread(options.path);
    this.reads =
      memory || options.reads === 'inline'
        ? onStore()
        : new SqliteThread(options.path, { readOnly: true, closeTimeoutMs: options.closeTimeoutMs ?? 2000 });
  }

  override async migrate(): Promise<void> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS usage_schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const applied = this.db.prepare('SELECT 1 FROM usage_schema_migrations WHERE version = ?');
    const record = this.db.prepare(
      'INSERT INTO usage_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of SQLITE_MIGRATIONS) {
      // IMMEDIATE takes the write lock first, so two processes never apply the same version.
      this.db
        .transaction(() => {
          if (applied.get(migration.version)) return;
          this.db.exec(migration.sql);
          record.run(migration.version, migration.name, Date.now());
        })
        .immediate();
    }
  }

  override async insertBatch(records: readonly StoredUsageRecord[]): Promise<number> {
    return await this.writes.insertRows(
      SQLITE_INSERT,
      records.map((record) => toColumnValues(record).map(toSqlite)),
    );
  }

  override async summary(query: UsageSummaryQuery): Promise<UsageSummary> {
    const range = toTimeRange(query.from, query.to);
    const where = `WHERE ts >= @from AND ts < @to${query.tenant === undefined ? '' : ' AND tenant = @tenant'}`;
    const params = { ...range, ...(query.tenant === undefined ? {} : { tenant: query.tenant }) };
    const keySql = GROUP_KEY_SQL[query.groupBy];
    // One read transaction: the writer thread commits between two statements otherwise, and the totals
    // would count rows the groups did not see.
    const [grouped, total] = (await this.reads.read([
      {
        sql: `SELECT ${keySql} AS group_key, ${SQLITE_AGGREGATES} FROM usage_events ${where} GROUP BY 1`,
        params,
      },
      { sql: `SELECT ${SQLITE_AGGREGATES} FROM usage_events ${where}`, params, first: true },
    ])) as [DbRow[], DbRow];
    return {
      group_by: query.groupBy,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      rows: sortSummaryRows(grouped.map((row) => toSummaryRow(query.groupBy, withPercentiles(row)))),
      totals: toTotals(withPercentiles(total)),
    };
  }

  override async requests(query: UsageRequestsQuery): Promise<UsageRequestsPage> {
    const range = toTimeRange(query.from, query.to);
    const limit = toPageLimit(query.limit);
    const conditions = ['ts >= @from', 'ts < @to'];
    const params: Record<string, string | number> = { ...range, limit: limit + 1 };
    const filters = { model_id: query.model, tenant: query.tenant, status: query.status };
    for (const [column, value] of Object.entries(filters)) {
      if (value === undefined) continue;
      conditions.push(`${column} = @${column}`);
      params[column] = value;
    }
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor);
      conditions.push('(ts, id) < (@cursor_ts, @cursor_id)');
      Object.assign(params, { cursor_ts: cursor.timestamp, cursor_id: cursor.id });
    }
    const sql = `SELECT * FROM usage_events WHERE ${conditions.join(' AND ')} ORDER BY ts DESC, id DESC LIMIT @limit`;
    const [rows] = (await this.reads.read([{ sql, params }])) as [DbRow[]];
    return toRequestsPage(rows.map(toUsageRow), limit, query.from);
  }

  override async spendingByTenant(from: Date, to: Date): Promise<TenantSpending[]> {
    const range = toTimeRange(from, to);
    const [rows] = (await this.reads.read([
      { sql: SQLITE_SPENDING_BY_TENANT, params: [range.from, range.to] },
    ])) as [DbRow[]];
    return rows.map(toTenantSpending);
  }

  override async probeWrite(): Promise<void> {
    await this.writes.run(SQLITE_PROBE, [Date.now()]);
  }

  /** One chunk per statement, so the ledger's batches get the write lock in between. */
  override async purgeOlderThan(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const changes = await this.writes.run(SQLITE_PURGE_CHUNK, [cutoff.getTime(), this.purgeChunkSize]);
      deleted += changes;
      if (changes < this.purgeChunkSize) return deleted;
    }
  }

  override async close(): Promise<void> {
    await Promise.all([this.writes.close(), this.reads.close()]);
    if (this.db.open) this.db.close();
  }
}

/** better-sqlite3 binds no booleans. */
function toSqlite(value: string | number | boolean | null): string | number | null {
  return typeof value === 'boolean' ? Number(value) : value;
}

function withPercentiles(row: DbRow): DbRow {
  return { ...row, ...parsePercentiles(row.percentiles) };
}
