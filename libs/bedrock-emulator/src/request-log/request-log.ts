import type { RequestRecord } from './request-record';

/** Bounded request log (a ring buffer): the newest `capacity` requests, oldest first. */
export class RequestLog {
  private readonly entries: RequestRecord[] = [];
  private next = 0;

  constructor(private readonly capacity = 1000) {}

  add(record: RequestRecord): void {
    if (this.entries.length < this.capacity) this.entries.push(record);
    else this.entries[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Copies, oldest first, so callers cannot change the log. */
  all(): RequestRecord[] {
    const ordered =
      this.entries.length < this.capacity
        ? this.entries
        : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.map((record) => ({ ...record, faults: [...record.faults] }));
  }

  clear(): void {
    this.entries.length = 0;
    this.next = 0;
  }
}

const SDK_REQUEST = /attempt=(\d+)(?:;\s*max=(\d+))?/;

/** Parses `amz-sdk-request: attempt=N; max=M` (§0.4). */
export function parseSdkRequestHeader(value: string | undefined): { attempt?: number; maxAttempts?: number } {
  const match = value === undefined ? null : SDK_REQUEST.exec(value);
  if (!match) return {};
  return {
    attempt: Number(match[1]),
    ...(match[2] === undefined ? {} : { maxAttempts: Number(match[2]) }),
  };
}
