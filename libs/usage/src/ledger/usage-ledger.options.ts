/** Tuning of the UsageLedger. Every field has a production default. */
export interface UsageLedgerOptions {
  /** Longest time a record waits in memory before a write is attempted. Default 250 ms. */
  flushIntervalMs?: number;
  /** Records per store write; reaching it triggers a write at once. Default 500. */
  batchSize?: number;
  /** Records held in memory at most; beyond that they go to the spill file. Default 10,000. */
  maxBufferedRecords?: number;
  /** Append-only NDJSON overflow file. Default `./data/usage-spill.ndjson`. */
  spillPath?: string;
  /** Cap on the spill file(s); records beyond it are dropped and counted. Default 1 GiB. */
  maxSpillBytes?: number;
  /** Retry delay after the first failed write, doubled per failure up to `maxRetryDelayMs`. Default 250 ms. */
  minRetryDelayMs?: number;
  /** Default 10 s. */
  maxRetryDelayMs?: number;
}

export type ResolvedLedgerOptions = Required<UsageLedgerOptions>;

export const DEFAULT_LEDGER_OPTIONS: ResolvedLedgerOptions = {
  flushIntervalMs: 250,
  batchSize: 500,
  maxBufferedRecords: 10_000,
  spillPath: './data/usage-spill.ndjson',
  maxSpillBytes: 1024 ** 3,
  minRetryDelayMs: 250,
  maxRetryDelayMs: 10_000,
};

export function resolveLedgerOptions(options: UsageLedgerOptions): ResolvedLedgerOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved = { ...DEFAULT_LEDGER_OPTIONS, ...defined };
  for (const key of ['flushIntervalMs', 'batchSize', 'maxBufferedRecords', 'maxSpillBytes'] as const) {
    if (!(resolved[key] > 0)) throw new Error(`UsageLedger option ${key} must be positive`);
  }
  return resolved;
}
