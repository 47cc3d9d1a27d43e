import { BedrockModule } from '@app/bedrock';
import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { ScheduleModule } from '@nestjs/schedule';
import { bedrockOptionsFactory } from './bedrock-backend/bedrock-options.factory';
import { BedrockBackendModule } from './bedrock-backend/bedrock-backend.module';
import { LocalEmulatorHost } from './bedrock-backend/local-emulator.host';
import { ChatModule } from './chat/chat.module';
import { CommonModule } from './common/common.module';
import { GatewayConfigModule } from './config/config.module';
import { GatewayConfig } from './config/gateway-config';
import { GatewayGovernanceModule } from './governance/gateway-governance.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { ModelsModule } from './models/models.module';
import { RagModule } from './rag/rag.module';
import { UsageFeatureModule } from './usage/usage-feature.module';

@Module({
  imports: [
    ScheduleModule.forRoot(),
    BedrockModule.forRootAsync({
      imports: [BedrockBackendModule],
      inject: [GatewayConfig, LocalEmulatorHost],
      useFactory: bedrockOptionsFactory,
    }),
    CommonModule,
    GatewayGovernanceModule,
    UsageFeatureModule,
    MetricsModule,
    HealthModule,
    ModelsModule,
    ChatModule,
    RagModule,
  ],
})
export class AppModule {
  /**
   * The gateway with the configuration `loadConfig` validated (main.ts, or a test's harness), logging
   * through `logger` when main.ts made it before Nest started.
   */
  static forRoot(config: GatewayConfig, logger?: PinoLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [GatewayConfigModule.forRoot(config), LoggingModule.forRoot(logger)],
    };
  }
}
