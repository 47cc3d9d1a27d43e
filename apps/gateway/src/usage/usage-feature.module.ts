import { UsageModule } from '@app/usage';
import { Global, Module } from '@nestjs/common';
import { usageLedgerModule } from './usage-ledger.module';
import { RestoreBudgetSpending } from './restore-budget-spending';
import { UsageReportService } from './usage-report.service';
import { UsageController } from './usage.controller';

/**
 * The usage feature: the ledger (@app/usage) configured from GatewayConfig, the `/usage/*` reports, and
 * in-memory budget counters restored from the ledger at boot.
 * Global, so `UsageStore` and `UsageLedger` (readiness, shutdown) are injectable app-wide. `UsageSink`
 * is bound by MetricsModule on top of the ledger.
 */
@Global()
@Module({
  imports: [usageLedgerModule()],
  controllers: [UsageController],
  providers: [UsageReportService, RestoreBudgetSpending],
  exports: [UsageModule],
})
export class UsageFeatureModule {}
