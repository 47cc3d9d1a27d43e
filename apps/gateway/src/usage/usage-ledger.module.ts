import { UsageLedger, UsageModule, UsageRetention, UsageStore } from '@app/usage';
import type { DynamicModule } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway-config';
import { usageModuleOptions } from './usage-module.options';

/**
 * The ledger (@app/usage) configured from GatewayConfig. Its exports leave out the library's
 * `UsageSink` binding on purpose: the app binds `UsageSink` once, in MetricsModule (metrics, then
 * this ledger), so the UsageInterceptor can never resolve the bare ledger and skip the metrics.
 */
export function usageLedgerModule(): DynamicModule {
  return {
    ...UsageModule.forRootAsync({ inject: [GatewayConfig], useFactory: usageModuleOptions }),
    exports: [UsageStore, UsageLedger, UsageRetention],
  };
}
