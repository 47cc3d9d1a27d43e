import { GovernanceModule, type GovernanceModuleOptions } from '@app/governance';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { GatewayConfig } from '../config/gateway-config';
import { ApiKeyAuthGuard } from './api-key-auth.guard';
import { GovernanceConfigReload } from './governance-config-reload';
import { ModelPolicyInterceptor } from './model-policy.interceptor';
import { ModelPolicyService } from './model-policy.service';
import { ModelRouteAudit } from './model-route.audit';

/** GovernanceModule's options from the validated env: the config file, Redis, production mode. */
export function governanceOptions(config: GatewayConfig): GovernanceModuleOptions {
  return {
    // Read and checked with the rest of the configuration, before Nest starts (config/gateway-config.ts).
    config: config.governance,
    configPath: config.env.GATEWAY_CONFIG,
    redisUrl: config.env.REDIS_URL,
    production: config.production,
  };
}

/**
 * Tenants, keys, budgets, rates and PII in the request path: the global auth guard, the model policy
 * chain (`@GovernedModelRoute()`) and the boot-time audit of model routes. Global, so that feature
 * modules can use the decorator and GovernanceService (e.g. `/usage/me`) without importing it.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    GovernanceModule.forRootAsync({
      isGlobal: true,
      inject: [GatewayConfig],
      useFactory: governanceOptions,
    }),
  ],
  providers: [
    ModelPolicyService,
    ModelPolicyInterceptor,
    ModelRouteAudit,
    GovernanceConfigReload,
    { provide: APP_GUARD, useClass: ApiKeyAuthGuard },
  ],
  exports: [ModelPolicyService, ModelPolicyInterceptor],
})
export class GatewayGovernanceModule {}
