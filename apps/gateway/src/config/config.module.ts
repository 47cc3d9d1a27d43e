import { type DynamicModule, Global, Module } from '@nestjs/common';
import { GatewayConfig } from './gateway-config';

/**
 * Provides the `GatewayConfig` that `loadConfig` validated at boot (main.ts, or a test's harness), so the
 * environment is read and checked once, before Nest starts.
 */
@Global()
@Module({})
export class GatewayConfigModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayConfigModule,
      providers: [{ provide: GatewayConfig, useValue: config }],
      exports: [GatewayConfig],
    };
  }
}
