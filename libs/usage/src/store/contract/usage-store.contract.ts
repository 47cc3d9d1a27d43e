import { describeMaintenanceContract } from './maintenance.contract';
import { describeRequestsContract } from './requests.contract';
import type { StoreFactory } from './store-factory';
import { describeSummaryContract } from './summary.contract';

/**
 * The one behaviour every UsageStore adapter must show. Each adapter's spec calls this with a factory
 * giving a fresh, migrated, empty store whose purge chunk size is 2.
 */
export function describeUsageStoreContract(factory: StoreFactory): void {
  describeSummaryContract(factory);
  describeRequestsContract(factory);
  describeMaintenanceContract(factory);
}
