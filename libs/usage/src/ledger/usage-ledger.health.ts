/** What the ledger reports to readiness checks and dashboards. */
export interface UsageLedgerHealth {
  /** `ok`: the last write succeeded; `degraded`: the store is failing and records are held back. */
  status: 'ok' | 'degraded';
  storeAvailable: boolean;
  /** ISO time of the first failed write of the current outage. */
  outageSince: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Records in memory, waiting for a write. */
  bufferedRecords: number;
  /** Records in the write being attempted now. */
  inFlightRecords: number;
  spillPending: boolean;
  spillBytes: number;
  recordsWritten: number;
  recordsSpilled: number;
  /** Records stored from the spill file (a record replayed twice after a failed replay counts once). */
  recordsReplayed: number;
  /** Records lost because the spill file reached its cap. */
  recordsDropped: number;
}
