import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteConnection, type SqliteRequest } from './sqlite-connection';
import { SQLITE_CONNECTION_PROGRAM } from './sqlite-connection.program';
import { SqliteThreadError } from './sqlite-thread.error';
import { SQLITE_PRAGMAS } from './sqlite.sql';
import { waitAtMost } from '../wait-at-most';

type Reply = { id: number; result: unknown } | { id: number; error: { message: string; code?: string } };

/**
 * The thread's program. Plain JavaScript on purpose: it is handed to the Worker as source, so it runs
 * the same from the sources (jest, swc) and from the webpack bundle, which would rewrite a module file's
 * `require` calls. better-sqlite3 is resolved from the running program's location (or the working
 * directory), where the main thread found it.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const Database = workerData.requireFrom.reduce((found, from) => {
  if (found) return found;
  try { return createRequire(from)('better-sqlite3'); } catch { return undefined; }
}, undefined);
if (!Database) throw new Error('the SQLite thread could not load better-sqlite3');
const db = new Database(workerData.path, { readonly: workerData.readOnly });
for (const pragma of workerData.pragmas) db.pragma(pragma);
const handle = (${SQLITE_CONNECTION_PROGRAM})(db);
parentPort.on('message', (request) => {
  try {
    parentPort.postMessage({ id: request.id, result: handle(request) });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

export interface SqliteThreadOptions {
  /** Opens the connection read-only (SQLite refuses any write on it). */
  readOnly?: boolean;
  /**
   * Longest wait in `close()` for the statements already sent; the rest then fail and the thread is
   * left to end on its own (a statement running in SQLite cannot be interrupted). Default: no limit.
   */
  closeTimeoutMs?: number;
}

interface Pending {
  worker: Worker;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A connection to the database file held by a worker thread, so its statements never run on the event
 * loop. Requests are answered in order (one statement at a time, as on any one connection). The thread
 * keeps the process alive only while a request is pending; if it dies, the requests in flight fail and
 * the next one starts a new thread.
 */
export class SqliteThread extends SqliteConnection {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly options: SqliteThreadOptions = {},
  ) {
    super();
  }

  /**
   * Lets the requests already sent finish (they are answered in order), for `closeTimeoutMs` at most,
   * then ends the thread; whatever is still pending fails.
   */
  override async close(): Promise<void> {
    if (this.closed) return;
    const worker = this.worker;
    if (worker)
      await waitAtMost(
        this.execute({ op: 'sync' }).catch(() => undefined),
        this.options.closeTimeoutMs,
      );
    this.closed = true;
    this.worker = null;
    if (!worker) return;
    this.failAll(new SqliteThreadError('The SQLite connection closed before answering.', undefined), worker);
    // Not held by a statement still running: the process can exit while the thread finishes it.
    worker.unref();
    await waitAtMost(worker.terminate(), this.options.closeTimeoutMs);
  }

  protected override execute(request: SqliteRequest): Promise<unknown> {
    if (this.closed)
      return Promise.reject(new SqliteThreadError('The SQLite connection is closed.', undefined));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
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
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        path: this.path,
        readOnly: this.options.readOnly === true,
        pragmas: SQLITE_PRAGMAS,
        requireFrom: [process.argv[1] ?? join(process.cwd(), 'index.js'), join(process.cwd(), 'index.js')],
      },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply, worker));
    worker.on('error', (error) => this.failAll(error, worker));
    worker.on('exit', (code) => this.failAll(new Error(`the SQLite thread exited (${code})`), worker));
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply, worker: Worker): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    // A dead thread's requests were failed when it died: what is pending belongs to this one.
    if (this.pending.size === 0) worker.unref();
    if ('error' in reply) waiting.reject(new SqliteThreadError(reply.error.message, reply.error.code));
    else waiting.resolve(reply.result);
  }

  /** The requests a dead (or abandoned) thread will never answer. */
  private failAll(error: Error, worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    for (const [id, request] of this.pending) {
      if (request.worker !== worker) continue;
      this.pending.delete(id);
      request.reject(error);
    }
  }
}
