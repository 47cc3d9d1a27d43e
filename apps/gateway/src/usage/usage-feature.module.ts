import { UsageModule } from '@app/usage';
import { Global, Module } from '@nestjs/common';
import { usageLedgerModule } from './usage-ledger.module';
import { BudgetSeeding } from './budget-seeding';
import { UsageReportService } from './usage-report.service';
import { UsageController } from './usage.controller';

/**
 * The usage feature: the ledger (@app/usage) configured from GatewayConfig, the `/usage/*` reports, and
 * budget counters seeded from the ledger (at boot, and for the budgets a reload adds).
 * Global, so `UsageStore` and `UsageLedger` (readiness, shutdown) are injectable app-wide. `UsageSink`
 * is bound by MetricsModule on top of the ledger.
 */
@Global()
@Module({
  imports: [usageLedgerModule()],
  controllers: [UsageController],
  providers: [UsageReportService, BudgetSeeding],
  exports: [UsageModule, BudgetSeeding],
})
export class UsageFeatureModule {}
