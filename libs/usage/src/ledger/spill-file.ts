import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { appendFile, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { lockSync } from 'proper-lockfile';
import type { StoredUsageRecord } from '../store/usage-record';

/** Outcome of one replay: records handed to the store and lines that could not be parsed (torn writes). */
export interface ReplayResult {
  replayed: number;
  corrupt: number;
}

/** A lock whose holder stopped refreshing it for this long is taken over (a crashed process's). */
export const SPILL_LOCK_STALE_MS = 10_000;

/**
 * Append-only NDJSON file holding records the store could not take. Appends are serialised.
 * Replay first renames the file to `<path>.replay` (atomic), so new spills go to a fresh file while
 * the old one is read; the `.replay` file is deleted only once every batch is stored. A crash or a
 * failure mid-replay keeps it, and the next replay starts it over: the store skips ingest ids it holds.
 * One process owns the file (a lock held until `release`): two processes on one file would each rename
 * and delete it under the other, losing what the other had just appended.
 */
export class SpillFile {
  readonly replayPath: string;
  private tail: Promise<unknown> = Promise.resolve();
  private bytes: number;
  private queuedAppends = 0;
  private readonly unlock: () => void;
  private locked = true;

  constructor(
    readonly path: string,
    private readonly maxBytes: number,
    onLockLost: (error: Error) => void = () => undefined,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.unlock = lockOwnership(path, onLockLost);
    this.replayPath = `${path}.replay`;
    this.bytes = sizeOf(path) + sizeOf(this.replayPath);
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** True while records are on disk or on their way there. */
  hasPending(): boolean {
    return this.bytes > 0 || this.queuedAppends > 0;
  }

  /** Appends the records; resolves false (writing nothing) when the file would exceed its cap. */
  append(records: readonly StoredUsageRecord[]): Promise<boolean> {
    const data = records.map((record) => JSON.stringify(record)).join('\n') + '\n';
    const size = Buffer.byteLength(data);
    this.queuedAppends += 1;
    const write = this.tail
      .then(async () => {
        if (this.bytes + size > this.maxBytes) return false;
        await appendFile(this.path, data);
        this.bytes += size;
        return true;
      })
      .finally(() => (this.queuedAppends -= 1));
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** Gives the file up to the next process (after a graceful stop); later calls do nothing. */
  release(): void {
    if (!this.locked) return;
    this.locked = false;
    try {
      this.unlock();
    } catch {
      // Already taken over or removed: nothing left to give up.
    }
  }

  /** Forces appended data to disk (for a graceful stop). */
  async sync(): Promise<void> {
    await this.tail;
    if (!existsSync(this.path)) return;
    const handle = await open(this.path, 'a');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Moves the spill file aside for replay, in the append queue: an append in progress while the file is
   * renamed would land in the file being replayed, possibly after it was read. False when nothing to replay.
   */
  private rotate(): Promise<boolean> {
    const rotation = this.tail.then(async () => {
      if (existsSync(this.replayPath)) return true;
      if (!existsSync(this.path)) {
        this.bytes = 0;
        return false;
      }
      await rename(this.path, this.replayPath);
      return true;
    });
    this.tail = rotation.catch(() => undefined);
    return rotation;
  }

  /** Streams the spilled records to `store` in batches; throws (keeping the file) when a batch fails. */
  async replay(
    store: (batch: StoredUsageRecord[]) => Promise<unknown>,
    batchSize: number,
  ): Promise<ReplayResult> {
    const result: ReplayResult = { replayed: 0, corrupt: 0 };
    if (!(await this.rotate())) return result;
    const lines = createInterface({ input: createReadStream(this.replayPath), crlfDelay: Infinity });
    let batch: StoredUsageRecord[] = [];
    for await (const line of lines) {
      const record = parseLine(line);
      if (record === null) result.corrupt += line.trim() === '' ? 0 : 1;
      else batch.push(record);
      if (batch.length >= batchSize) {
        await store(batch);
        result.replayed += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await store(batch);
    result.replayed += batch.length;
    const replayedBytes = sizeOf(this.replayPath);
    await unlink(this.replayPath);
    this.bytes = Math.max(0, this.bytes - replayedBytes);
    return result;
  }
}

/**
 * proper-lockfile's lock on `path` (a `<path>.lock` folder whose time the holder refreshes), or a clear
 * error when another live process holds it.
 */
function lockOwnership(path: string, onLockLost: (error: Error) => void): () => void {
  try {
    return lockSync(path, {
      realpath: false,
      stale: SPILL_LOCK_STALE_MS,
      update: SPILL_LOCK_STALE_MS / 2,
      onCompromised: onLockLost,
    });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    throw new Error(
      `Another process holds the usage spill file ${path}: a second gateway on the same data folder, or ` +
        `one that stopped less than ${SPILL_LOCK_STALE_MS / 1000} s ago. Give each instance its own folder.`,
    );
  }
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function parseLine(line: string): StoredUsageRecord | null {
  try {
    const value = JSON.parse(line) as Partial<StoredUsageRecord> | null;
    return typeof value?.ingestId === 'string' && typeof value.event === 'object' && value.event !== null
      ? (value as StoredUsageRecord)
      : null;
  } catch {
    return null;
  }
}
