import { Client, Pool, type ClientConfig, type PoolClient, type PoolConfig } from 'pg';
import { GROUP_KEY_SQL } from '../group-key.sql';
import { toPageLimit, toTimeRange } from '../query-validation';
import { decodeCursor, toRequestsPage } from '../request-cursor';
import { sortSummaryRows, toSummaryRow, toTotals } from '../summary-row.mapper';
import { toColumnValues, USAGE_COLUMNS, type ColumnValue } from '../usage-columns';
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
import { UsageStoreUnavailableError } from '../usage-store-unavailable.error';
import { waitAtMost } from '../wait-at-most';
import { MigrationLockedError, migratePostgres } from './postgres-migrator';
import {
  POSTGRES_INSERT,
  POSTGRES_PROBE,
  POSTGRES_PURGE_CHUNK,
  POSTGRES_SPENDING_BY_TENANT,
  postgresGroupsSql,
  postgresTotalsSql,
} from './postgres.sql';

export interface PostgresUsageStoreOptions {
  connectionString: string;
  /** Schema holding the ledger's tables (created by `migrate`); default `public`. */
  schema?: string;
  poolSize?: number;
  /**
   * Longest wait for a write (a batch insert, the readiness probe's write) and for its connection, in ms;
   * default 5000. A server that stops answering without closing its connections (paused, partitioned,
   * a lock held) then fails the write like an outage, so the ledger buffers and spills instead of
   * waiting forever, and a graceful stop ends. Retried inserts are idempotent (ingest id). Writes have a
   * pool of their own, so reports, which may rightly take long, neither hit this bound nor wait behind it.
   */
  writeTimeoutMs?: number;
  /**
   * Longest one statement of a report, a migration or a purge may run, in ms; default 30000. It is the
   * server's `statement_timeout` on those connections (a slow report is cancelled there, not left
   * running), and the gateway stops waiting for an answer `REPORT_ANSWER_MARGIN_MS` later, for a server
   * that does not answer at all (paused, partitioned). A report then fails with
   * `UsageStoreUnavailableError`; so does one that waits that long for a free connection.
   */
  reportTimeoutMs?: number;
  /** Longest wait for a new report, migration or purge connection to open, in ms; default 5000. */
  connectTimeoutMs?: number;
  /** Longest wait in `close()` for a query still running (a report, a purge); default 2000 ms. */
  closeTimeoutMs?: number;
  /** work_mem for summary queries, so percentile sorts stay in memory. */
  summaryWorkMem?: string;
  purgeChunkSize?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Server adapter for several gateway instances sharing one ledger. */
export class PostgresUsageStore extends UsageStore {
  /** Reports, migrations and purges: bounded by `connectTimeoutMs` and `reportTimeoutMs`. */
  private readonly pool: Pool;
  /** Ledger writes and the readiness probe: bounded by `writeTimeoutMs`. */
  private readonly writes: Pool;
  private readonly closeTimeoutMs: number;
  private readonly schema: string;
  private readonly purgeChunkSize: number;
  private readonly summarySettings: readonly string[];
  /** `host:port` of the server, for errors (never the URL, which may hold a password). */
  private readonly server: string;
  private readonly connectTimeoutMs: number;
  private readonly reportTimeoutMs: number;

  constructor(options: PostgresUsageStoreOptions) {
    super();
    this.schema = options.schema ?? 'public';
    if (!IDENTIFIER.test(this.schema)) throw new Error(`Invalid PostgreSQL schema name: ${this.schema}`);
    const workMem = options.summaryWorkMem ?? '256MB';
    if (!/^\d+(kB|MB|GB)$/.test(workMem)) throw new Error(`Invalid summaryWorkMem: ${workMem}`);
    this.purgeChunkSize = options.purgeChunkSize ?? 10_000;
    const writeTimeoutMs = options.writeTimeoutMs ?? 5000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 2000;
    const connection = {
      connectionString: options.connectionString,
      options: `-c search_path=${this.schema}`,
    };
    this.reportTimeoutMs = options.reportTimeoutMs ?? 30_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.server = serverAddress(options.connectionString);
    this.pool = new Pool({
      ...connection,
      max: options.poolSize ?? 5,
      Client: clientOpeningWithin(this.connectTimeoutMs),
      // Waiting for a free connection: a pool's connectionTimeoutMillis bounds that wait too, so it is
      // the report's bound here (reports queue behind each other), and opening one has its own above.
      connectionTimeoutMillis: this.reportTimeoutMs + REPORT_ANSWER_MARGIN_MS,
      statement_timeout: this.reportTimeoutMs,
      query_timeout: this.reportTimeoutMs + REPORT_ANSWER_MARGIN_MS,
    });
    // The ledger writes one batch at a time; the probe may run beside it.
    this.writes = new Pool({
      ...connection,
      max: 2,
      connectionTimeoutMillis: writeTimeoutMs,
      query_timeout: writeTimeoutMs,
    });
    // An idle client losing its connection must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
    this.writes.on('error', () => undefined);
    // Sorts for percentiles stay in memory; JIT compilation costs more than it saves on these queries.
    this.summarySettings = [`SET LOCAL work_mem = '${workMem}'`, 'SET LOCAL jit = off'];
  }

  override async migrate(): Promise<void> {
    try {
      await this.reading(() => migratePostgres(this.pool, this.schema));
    } catch (error) {
      if (!(error instanceof MigrationLockedError)) throw error;
      throw new Error(`PostgreSQL at ${this.server}: ${error.message}`, { cause: error });
    }
  }

  override async insertBatch(records: readonly StoredUsageRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const columns: ColumnValue[][] = USAGE_COLUMNS.map(() => new Array<ColumnValue>(records.length));
    records.forEach((record, row) => {
      toColumnValues(record).forEach(
        (value, column) =>
          ((columns[column] as ColumnValue[])[row] = withoutNul(value, column === METADATA_COLUMN)),
      );
    });
    const result = await this.writes.query(POSTGRES_INSERT, columns);
    return result.rowCount ?? 0;
  }

  override async summary(query: UsageSummaryQuery): Promise<UsageSummary> {
    const range = toTimeRange(query.from, query.to);
    const params: (string | number)[] = [range.from, range.to];
    let where = 'WHERE ts >= $1 AND ts < $2';
    if (query.tenant !== undefined) where += ` AND tenant = $${params.push(query.tenant)}`;
    const [groups = [], totals = []] = await this.reading(() =>
      this.onOneSnapshot(
        [postgresGroupsSql(GROUP_KEY_SQL[query.groupBy], where), postgresTotalsSql(where)],
        params,
      ),
    );
    return {
      group_by: query.groupBy,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      rows: sortSummaryRows(groups.map(withPercentiles).map((row) => toSummaryRow(query.groupBy, row))),
      totals: toTotals(totals.map(withPercentiles)[0]),
    };
  }

  /**
   * Runs read-only statements side by side on separate connections that share one snapshot
   * (`pg_export_snapshot`), so their results agree. The connections are requested together and pg-pool
   * serves waiters first come first served, so concurrent summaries queue rather than deadlock.
   * After a failure the connections are closed rather than rolled back: a ROLLBACK on a server that
   * stopped answering would wait out the bound once more, and a statement timed out on the client may
   * still be running on its connection. Ending the connection ends its transaction.
   */
  private async onOneSnapshot(statements: string[], params: (string | number)[]): Promise<DbRow[][]> {
    const clients = await connectAll(this.pool, statements.length);
    const [leader, ...followers] = clients as [PoolClient, ...PoolClient[]];
    let failure: Error | undefined;
    try {
      await leader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot =
        (await leader.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '';
      if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`Unexpected snapshot id "${snapshot}"`);
      for (const follower of followers) {
        await follower.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await follower.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      }
      for (const client of clients) for (const setting of this.summarySettings) await client.query(setting);
      const results = await Promise.all(
        statements.map((sql, index) => (clients[index] as PoolClient).query<DbRow>(sql, params)),
      );
      await Promise.all(clients.map((client) => client.query('COMMIT')));
      return results.map((result) => result.rows);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      for (const client of clients) client.release(failure);
    }
  }

  override async requests(query: UsageRequestsQuery): Promise<UsageRequestsPage> {
    const range = toTimeRange(query.from, query.to);
    const limit = toPageLimit(query.limit);
    const params: (string | number)[] = [range.from, range.to];
    const conditions = ['ts >= $1', 'ts < $2'];
    const filters = { model_id: query.model, tenant: query.tenant, status: query.status };
    for (const [column, value] of Object.entries(filters)) {
      if (value !== undefined) conditions.push(`${column} = $${params.push(value)}`);
    }
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor);
      conditions.push(`(ts, id) < ($${params.push(cursor.timestamp)}, $${params.push(cursor.id)})`);
    }
    const sql = `SELECT * FROM usage_events WHERE ${conditions.join(' AND ')}
      ORDER BY ts DESC, id DESC LIMIT $${params.push(limit + 1)}`;
    const rows = (await this.reading(() => this.pool.query<DbRow>(sql, params))).rows.map(toUsageRow);
    return toRequestsPage(rows, limit, query.from);
  }

  override async probeWrite(): Promise<void> {
    await this.writes.query(POSTGRES_PROBE, [Date.now()]);
  }

  override async spendingByTenant(from: Date, to: Date): Promise<TenantSpending[]> {
    const range = toTimeRange(from, to);
    const result = await this.reading(() =>
      this.pool.query<DbRow>(POSTGRES_SPENDING_BY_TENANT, [range.from, range.to]),
    );
    return result.rows.map(toTenantSpending);
  }

  override async purgeOlderThan(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const chunk = [cutoff.getTime(), this.purgeChunkSize];
      const result = await this.reading(() => this.pool.query(POSTGRES_PURGE_CHUNK, chunk));
      const count = result.rowCount ?? 0;
      deleted += count;
      if (count < this.purgeChunkSize) return deleted;
    }
  }

  /**
   * Ends both pools. A pool ends once its clients are back, and a report or purge still waiting on a
   * server that stopped answering comes back only at its bound: after `closeTimeoutMs` the stop goes on
   * without it (its query cannot lose a usage record; the ledger's writes are flushed or spilled first).
   */
  override async close(): Promise<void> {
    const ending = Promise.all(
      [this.pool, this.writes].filter((pool) => !pool.ending).map((pool) => pool.end()),
    );
    await waitAtMost(ending, this.closeTimeoutMs);
  }

  /** Runs work on the main pool; a server that cannot be reached or does not answer in time is named so. */
  private async reading<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      throw new UsageStoreUnavailableError(this.unavailableReason(error as Error), { cause: error });
    }
  }

  /** What went wrong, for the log and the boot's line: the server and which bound ran out. */
  private unavailableReason(error: Error): string {
    const at = `PostgreSQL at ${this.server}`;
    const { message } = error;
    if (/^(timeout expired|Connection terminated due to connection timeout)$/.test(message))
      return `${at} did not answer within ${this.connectTimeoutMs} ms of connecting (${message})`;
    if (message === 'Query read timeout')
      return `${at} did not answer a statement within ${this.reportTimeoutMs + REPORT_ANSWER_MARGIN_MS} ms (${message})`;
    if (message === 'timeout exceeded when trying to connect')
      return `${at}: no connection of the pool came free within ${this.reportTimeoutMs + REPORT_ANSWER_MARGIN_MS} ms (${message})`;
    if ((error as { code?: unknown }).code === '57014')
      return `${at} cancelled a statement that ran past ${this.reportTimeoutMs} ms (${message})`;
    // `connect ECONNREFUSED 127.0.0.1:5432` names the server already.
    return message.includes(this.server) ? message : `${at}: ${message}`;
  }
}

/**
 * How much longer than the server's `statement_timeout` the gateway waits for an answer: a server that
 * answers cancels the statement itself and keeps the connection usable; one that does not is given up.
 */
const REPORT_ANSWER_MARGIN_MS = 2000;

/**
 * pg-pool hands its own options to every client it opens, and its `connectionTimeoutMillis` also bounds
 * the wait for a free connection. This client class gives opening a connection a bound of its own.
 */
function clientOpeningWithin(connectTimeoutMs: number): NonNullable<PoolConfig['Client']> {
  class BoundedClient extends Client {
    constructor(config: ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
    }
  }
  return BoundedClient as unknown as NonNullable<PoolConfig['Client']>;
}

/** `count` connections from the pool; those obtained are given back if another cannot be had. */
async function connectAll(pool: Pool, count: number): Promise<PoolClient[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, () => pool.connect()));
  const clients = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed === undefined) return clients;
  for (const client of clients) client.release();
  throw failed.reason;
}

/** SQLSTATE classes and codes of a server that cannot serve now (not of a bad statement). */
const UNAVAILABLE_SQLSTATE = /^(08...|57014|57P0[1-3]|53300)$/;
/** pg's and pg-pool's words for a connection that ended or timed out. */
const UNAVAILABLE_MESSAGE =
  /^(Query read timeout|timeout exceeded when trying to connect|Connection terminated\b.*|timeout expired)$/;

/**
 * A server that cannot be reached or did not answer in time: refused, reset or unresolved connections,
 * a connection not opened in time, a statement past `statement_timeout` (57014) or the client's bound,
 * a server shutting down or out of connections.
 */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || /^E[A-Z_]{3,}$/.test(code)))
    return true;
  if (UNAVAILABLE_MESSAGE.test(error.message)) return true;
  return error instanceof AggregateError && error.errors.some(isUnavailable); // Node's dual-stack connect
}

/** `host:port` a postgres URL names (PostgreSQL's defaults when it names none). */
function serverAddress(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    return 'the configured server';
  }
}

function withPercentiles(row: DbRow): DbRow {
  const [p50, p95, p99] = Array.isArray(row.percentiles) ? (row.percentiles as unknown[]) : [];
  return { ...row, p50, p95, p99 };
}

/**
 * PostgreSQL's text and jsonb hold no NUL (`\u0000` in JSON text included). One would fail its whole
 * batch, and the ledger retries a failed batch first, so it would stop every later write: a NUL
 * becomes U+FFFD. (The API refuses NUL in `metadata`; this keeps the ledger safe from any field.)
 */
function withoutNul(value: ColumnValue, json: boolean): ColumnValue {
  if (typeof value !== 'string') return value;
  const text = value.replaceAll('\u0000', '\uFFFD');
  // In JSON text a NUL is the escape `\u0000` (after an even run of backslashes); elsewhere it is data.
  return json ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : text;
}

const METADATA_COLUMN = USAGE_COLUMNS.indexOf('metadata');
