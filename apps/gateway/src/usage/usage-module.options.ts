import type { UsageModuleOptions } from '@app/usage';
import { dirname, join } from 'node:path';
import type { GatewayConfig } from '../config/gateway-config';

/**
 * The ledger's options from the validated config: PostgreSQL when DATABASE_URL is set, else the SQLite
 * file; the spill file sits next to the SQLite file, so every instance (and every test) keeps its own.
 */
export function usageModuleOptions(config: GatewayConfig): UsageModuleOptions {
  const { DATABASE_URL, USAGE_SQLITE_PATH, USAGE_FLUSH_INTERVAL_MS, USAGE_RETENTION_DAYS } = config.env;
  const { USAGE_REPORT_TIMEOUT_MS } = config.env;
  return {
    databaseUrl: DATABASE_URL,
    sqlitePath: USAGE_SQLITE_PATH,
    spillPath: join(dirname(USAGE_SQLITE_PATH), 'usage-spill.ndjson'),
    flushIntervalMs: USAGE_FLUSH_INTERVAL_MS,
    retentionDays: USAGE_RETENTION_DAYS,
    reportTimeoutMs: USAGE_REPORT_TIMEOUT_MS,
  };
}
