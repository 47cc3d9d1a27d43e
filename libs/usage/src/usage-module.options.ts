import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import type { UsageLedgerOptions } from './ledger/usage-ledger.options';

export interface UsageModuleOptions extends UsageLedgerOptions {
  /** `postgres://…` selects PostgreSQL; empty or absent selects the SQLite file. */
  databaseUrl?: string;
  /** SQLite file; default `./data/usage.db` (its folder is created). */
  sqlitePath?: string;
  /** PostgreSQL schema of the ledger tables; default `public`. */
  postgresSchema?: string;
  /**
   * PostgreSQL: longest one statement of a report, of the boot's migration or of a purge may run, in ms
   * (default 30000); then it fails with `UsageStoreUnavailableError` instead of waiting on a server that
   * does not answer.
   */
  reportTimeoutMs?: number;
  /** Records older than this many days are purged by UsageRetention; unset keeps everything. */
  retentionDays?: number;
}

export interface UsageModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => UsageModuleOptions | Promise<UsageModuleOptions>;
  inject?: FactoryProvider['inject'];
}
