import { Global, Module } from '@nestjs/common';
import { GatewayConfig } from './gateway-config';
import { loadConfig } from './load-config';

/** The only module that reads process.env: validates it once at boot and provides `GatewayConfig`. */
@Global()
@Module({
  providers: [{ provide: GatewayConfig, useFactory: () => loadConfig(process.env) }],
  exports: [GatewayConfig],
})
export class GatewayConfigModule {}
