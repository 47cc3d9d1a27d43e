import type { StoredUsageRecord } from '../store/usage-record';
import type {
  TenantSpending,
  UsageRequestsPage,
  UsageRequestsQuery,
  UsageSummary,
  UsageSummaryQuery,
} from '../store/usage-query.types';
import { UsageStore } from '../store/usage-store';

/** Wraps a real store; `failing` makes writes throw (an outage), `failAfter` lets n more writes succeed first. */
export class FlakyUsageStore extends UsageStore {
  failing = false;
  failAfter: number | null = null;
  readonly batchSizes: number[] = [];

  constructor(private readonly inner: UsageStore) {
    super();
  }

  override migrate(): Promise<void> {
    return this.inner.migrate();
  }

  override async insertBatch(records: readonly StoredUsageRecord[]): Promise<number> {
    if (this.failAfter !== null && this.failAfter-- <= 0) this.failing = true;
    if (this.failing) throw new Error('store unavailable (simulated)');
    this.batchSizes.push(records.length);
    return this.inner.insertBatch(records);
  }

  override summary(query: UsageSummaryQuery): Promise<UsageSummary> {
    return this.inner.summary(query);
  }

  override requests(query: UsageRequestsQuery): Promise<UsageRequestsPage> {
    return this.inner.requests(query);
  }

  override spendingByTenant(from: Date, to: Date): Promise<TenantSpending[]> {
    return this.inner.spendingByTenant(from, to);
  }

  override probeWrite(): Promise<void> {
    return this.failing
      ? Promise.reject(new Error('store unavailable (simulated)'))
      : this.inner.probeWrite();
  }

  override purgeOlderThan(cutoff: Date): Promise<number> {
    return this.inner.purgeOlderThan(cutoff);
  }

  override close(): Promise<void> {
    return this.inner.close();
  }
}
