import type { UsageEvent } from '@app/bedrock';

/**
 * A UsageEvent plus the ledger's own idempotency key. The store ignores a record whose `ingestId`
 * it already holds, so replaying a spill file (or retrying an ambiguous write) never double-counts.
 */
export interface StoredUsageRecord {
  ingestId: string;
  event: UsageEvent;
}
