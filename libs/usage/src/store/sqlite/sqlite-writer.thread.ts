import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteWriteError } from './sqlite-write.error';
import type { SqliteValue, SqliteWrites } from './sqlite-writes';
import { SQLITE_PRAGMAS } from './sqlite.sql';

type Request =
  | { op: 'rows'; sql: string; rows: SqliteValue[][] }
  | { op: 'run'; sql: string; params: SqliteValue[] }
  | { op: 'sync' };
type Reply = { id: number; changes: number } | { id: number; error: { message: string; code?: string } };

/**
 * The writer thread's program. Plain JavaScript on purpose: it is handed to the Worker as source, so it
 * runs the same from the sources (jest, swc) and from the webpack bundle, which would rewrite a module
 * file's `require` calls. better-sqlite3 is resolved from the running program's location (or the working
 * directory), where the main thread found it.
 */
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const Database = workerData.requireFrom.reduce((found, from) => {
  if (found) return found;
  try { return createRequire(from)('better-sqlite3'); } catch { return undefined; }
}, undefined);
if (!Database) throw new Error('the SQLite writer thread could not load better-sqlite3');
const db = new Database(workerData.path);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const statements = new Map();
const prepared = (sql) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};
const insertRows = db.transaction((statement, rows) => {
  let changes = 0;
  for (const row of rows) changes += statement.run(row).changes;
  return changes;
});
parentPort.on('message', (request) => {
  try {
    const changes = request.op === 'sync' ? 0
      : request.op === 'rows' ? insertRows(prepared(request.sql), request.rows)
      : prepared(request.sql).run(request.params).changes;
    parentPort.postMessage({ id: request.id, changes });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface PendingWrite {
  worker: Worker;
  resolve: (changes: number) => void;
  reject: (error: Error) => void;
}

/**
 * Writes through a worker thread that holds its own connection to the database file. Requests are
 * answered in order. The thread keeps the process alive only while a write is pending; if it dies, the
 * writes in flight fail (the ledger keeps their records and retries) and the next write starts a new one.
 */
export class SqliteWriterThread implements SqliteWrites {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, PendingWrite>();
  private closed = false;

  constructor(private readonly path: string) {}

  insertRows(sql: string, rows: SqliteValue[][]): Promise<number> {
    return rows.length === 0 ? Promise.resolve(0) : this.send({ op: 'rows', sql, rows });
  }

  run(sql: string, params: SqliteValue[]): Promise<number> {
    return this.send({ op: 'run', sql, params });
  }

  /** Lets the writes already sent finish (they are answered in order), then ends the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.worker) await this.send({ op: 'sync' }).catch(() => undefined);
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private send(request: Request): Promise<number> {
    if (this.closed) return Promise.reject(new SqliteWriteError('The SQLite writer is closed.', undefined));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.ref();
      try {
        worker.postMessage({ ...request, id });
      } catch (error) {
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private start(): Worker {
    const worker = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: {
        path: this.path,
        pragmas: SQLITE_PRAGMAS,
        requireFrom: [process.argv[1] ?? join(process.cwd(), 'index.js'), join(process.cwd(), 'index.js')],
      },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply, worker));
    worker.on('error', (error) => this.failAll(error, worker));
    worker.on('exit', (code) => this.failAll(new Error(`the SQLite writer thread exited (${code})`), worker));
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply, worker: Worker): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    // A dead thread's writes were failed when it died: what is pending belongs to this one.
    if (this.pending.size === 0) worker.unref();
    if ('error' in reply) waiting.reject(new SqliteWriteError(reply.error.message, reply.error.code));
    else waiting.resolve(reply.changes);
  }

  /** The writes a dead thread will never answer. */
  private failAll(error: Error, worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    for (const [id, write] of this.pending) {
      if (write.worker !== worker) continue;
      this.pending.delete(id);
      write.reject(error);
    }
  }
}
