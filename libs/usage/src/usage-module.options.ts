import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import type { UsageLedgerOptions } from './ledger/usage-ledger.options';

export interface UsageModuleOptions extends UsageLedgerOptions {
  /** `postgres://…` selects PostgreSQL; empty or absent selects the SQLite file. */
  databaseUrl?: string;
  /** SQLite file; default `./data/usage.db` (its folder is created). */
  sqlitePath?: string;
  /** PostgreSQL schema of the ledger tables; default `public`. */
  postgresSchema?: string;
  /** Records older than this many days are purged by UsageRetention; unset keeps everything. */
  retentionDays?: number;
}

export interface UsageModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: never[]) => UsageModuleOptions | Promise<UsageModuleOptions>;
  inject?: FactoryProvider['inject'];
}
