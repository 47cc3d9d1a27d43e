import { Logger, type Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { governanceConfigSchema, type GovernanceConfig } from './config/governance-config.schema';
import { loadGovernanceConfig } from './config/load-governance-config';
import { assertProductionKeys, hasApiKeys } from './config/production-keys';
import { GOVERNANCE_CONFIG, GOVERNANCE_OPTIONS } from './governance.constants';
import type { GovernanceModuleOptions } from './governance-module-options';
import { CounterStore } from './limits/counter-store';
import { MemoryCounterStore } from './limits/memory-counter-store';
import { RedisCounterStore } from './limits/redis-counter-store';

const logger = new Logger('Governance');

/** Loads and checks the config once, at boot; every failure names the variable to fix. */
export function resolveGovernanceConfig(options: GovernanceModuleOptions): GovernanceConfig {
  const config =
    options.config ??
    (options.configPath ? loadGovernanceConfig(options.configPath) : governanceConfigSchema.parse({}));
  if (options.production) assertProductionKeys(config, options.configPath);
  if (hasApiKeys(config)) return config;
  logger.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!!  AUTHENTICATION IS OFF: no API key is configured (GATEWAY_CONFIG).  !!',
      '!!  Every caller is an anonymous admin. Local development only.        !!',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    ].join('\n'),
  );
  return config;
}

/** Longest wait for one Redis command (a counter check or settlement). */
const REDIS_COMMAND_TIMEOUT_MS = 1000;

const redisLogger = new Logger('Governance');

/** Memory by default; Redis when REDIS_URL is set, connected at boot so a bad URL fails fast. */
export async function createCounterStore(options: GovernanceModuleOptions): Promise<CounterStore> {
  if (!options.redisUrl) return new MemoryCounterStore(options.keyPrefix);
  // No offline queue: when Redis is away, checks fail at once instead of piling up requests. A Redis that
  // keeps its connection open without answering (paused, partitioned) fails them after a second, as the
  // readiness probe's PING does, instead of holding every governed call for as long as it lasts.
  const client = new Redis(options.redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // A command in flight when the connection dropped has already failed its request (a 500); resent
    // after the reconnection, a budget reservation would spend for a call that never ran.
    autoResendUnfulfilledCommands: false,
  });
  // ioredis emits every connection error; unheard, each prints a stack outside the logs. One line each
  // once running (a refused connection at boot is the boot's error below).
  let running = false;
  client.on('error', (error: Error) => {
    if (running) redisLogger.warn(`Redis connection: ${error.message}`);
  });
  try {
    await client.connect();
    running = true;
  } catch (error) {
    client.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    // Where, not the URL itself: it may hold a password.
    const { host, port } = client.options;
    throw new Error(`REDIS_URL: cannot connect to Redis at ${host}:${port}: ${reason}`);
  }
  return new RedisCounterStore(client, options.keyPrefix);
}

export const governanceProviders: Provider[] = [
  {
    provide: GOVERNANCE_CONFIG,
    inject: [GOVERNANCE_OPTIONS],
    useFactory: resolveGovernanceConfig,
  },
  {
    provide: CounterStore,
    inject: [GOVERNANCE_OPTIONS],
    useFactory: createCounterStore,
  },
];
