import { UsageModule } from '@app/usage';
import { Global, Module } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway-config';
import { usageModuleOptions } from './usage-module.options';

/**
 * The usage feature: the ledger (@app/usage) configured from GatewayConfig. Global, so `UsageSink`
 * (for the UsageInterceptor), `UsageStore` and `UsageLedger` (readiness) are injectable app-wide.
 */
@Global()
@Module({
  imports: [UsageModule.forRootAsync({ inject: [GatewayConfig], useFactory: usageModuleOptions })],
  exports: [UsageModule],
})
export class UsageFeatureModule {}
