import type { StoredUsageRecord } from './usage-record';
import type {
  TenantSpending,
  UsageRequestsPage,
  UsageRequestsQuery,
  UsageSummary,
  UsageSummaryQuery,
} from './usage-query.types';

/**
 * Port to the usage ledger's storage. Used directly as the DI token; adapters: SQLite (embedded default)
 * and PostgreSQL (`DATABASE_URL`). Both answer every query identically (see usage-store.contract.ts).
 */
export abstract class UsageStore {
  /** Applies pending schema migrations; idempotent and safe when several instances start together. */
  abstract migrate(): Promise<void>;

  /** Inserts the records in one transaction; records whose ingestId is already stored are skipped. */
  abstract insertBatch(records: readonly StoredUsageRecord[]): Promise<number>;

  abstract summary(query: UsageSummaryQuery): Promise<UsageSummary>;

  /** Newest first (timestamp, then id), keyset-paged. */
  abstract requests(query: UsageRequestsQuery): Promise<UsageRequestsPage>;

  /**
   * Cost and tokens per tenant over `from` ≤ timestamp < `to`, for records that name a tenant: what
   * in-memory budget counters start from after a restart.
   */
  abstract spendingByTenant(from: Date, to: Date): Promise<TenantSpending[]>;

  /** Readiness: proves the store accepts a write right now. Throws when it does not. */
  abstract probeWrite(): Promise<void>;

  /** Deletes records older than `cutoff` (timestamp < cutoff), in chunks; returns the number deleted. */
  abstract purgeOlderThan(cutoff: Date): Promise<number>;

  abstract close(): Promise<void>;
}
