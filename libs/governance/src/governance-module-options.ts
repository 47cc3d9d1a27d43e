import type { ModuleMetadata } from '@nestjs/common';
import type { GovernanceConfig } from './config/governance-config.schema';

export interface GovernanceModuleOptions {
  /** Path of the YAML gateway config (the `GATEWAY_CONFIG` variable). */
  configPath?: string;
  /** An already validated config; wins over `configPath` (tests, or config assembled elsewhere). */
  config?: GovernanceConfig;
  /** `REDIS_URL`: counters shared in Redis; in process memory when absent. */
  redisUrl?: string;
  /** True under NODE_ENV=production: a config with at least one key is then required. */
  production: boolean;
  /** Prefix of every Redis key; default `bgw:`. */
  keyPrefix?: string;
}

export interface GovernanceModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Receives the `inject`ed providers, e.g. `(config: ConfigService) => ({ … })`. */
  useFactory: (...args: never[]) => GovernanceModuleOptions | Promise<GovernanceModuleOptions>;
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  isGlobal?: boolean;
}
