import { PostgresUsageStore } from './postgres/postgres-usage.store';
import { SqliteUsageStore } from './sqlite/sqlite-usage.store';
import type { UsageStore } from './usage-store';

export interface UsageStoreSelection {
  /** A `postgres://` or `postgresql://` URL selects PostgreSQL; anything else is rejected. */
  databaseUrl?: string;
  /** SQLite file used when no databaseUrl is given. */
  sqlitePath: string;
  /** PostgreSQL schema for the ledger's tables. */
  postgresSchema?: string;
  /** PostgreSQL: longest one statement of a report, migration or purge may run (ms); default 30000. */
  reportTimeoutMs?: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Picks the adapter: PostgreSQL when a postgres URL is configured, the embedded SQLite file otherwise. */
export function createUsageStore(selection: UsageStoreSelection): UsageStore {
  const url = selection.databaseUrl?.trim();
  if (url === undefined || url === '') return new SqliteUsageStore({ path: selection.sqlitePath });
  if (!isPostgresUrl(url)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return new PostgresUsageStore({
    connectionString: url,
    schema: selection.postgresSchema,
    reportTimeoutMs: selection.reportTimeoutMs,
  });
}
