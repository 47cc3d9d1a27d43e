import { UsageSink } from '@app/bedrock';
import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { UsageLedger } from './ledger/usage-ledger';
import type { UsageLedgerOptions } from './ledger/usage-ledger.options';
import { UsageRetention } from './retention/usage-retention';
import { createUsageStore } from './store/create-usage-store';
import { UsageStore } from './store/usage-store';
import { UsageStoreUnavailableError } from './store/usage-store-unavailable.error';
import { UsageLifecycle } from './usage-lifecycle.service';
import type { UsageModuleAsyncOptions, UsageModuleOptions } from './usage-module.options';
import { DEFAULT_SQLITE_PATH, USAGE_MODULE_OPTIONS } from './usage.constants';

/**
 * The usage ledger: `UsageStore` (PostgreSQL when `databaseUrl` is a postgres URL, else SQLite),
 * migrated before the app starts; `UsageLedger`, also bound as the `UsageSink` port; `UsageRetention`.
 * On shutdown the ledger is flushed and the store closed.
 */
@Module({})
export class UsageModule {
  static forRoot(options: UsageModuleOptions): DynamicModule {
    return UsageModule.build({ provide: USAGE_MODULE_OPTIONS, useValue: options }, []);
  }

  static forRootAsync(options: UsageModuleAsyncOptions): DynamicModule {
    const provider = {
      provide: USAGE_MODULE_OPTIONS,
      useFactory: options.useFactory,
      inject: options.inject ?? [],
    };
    return UsageModule.build(provider, options.imports ?? []);
  }

  private static build(optionsProvider: Provider, imports: ModuleMetadata['imports']): DynamicModule {
    return {
      module: UsageModule,
      imports,
      providers: [
        optionsProvider,
        { provide: UsageStore, useFactory: openStore, inject: [USAGE_MODULE_OPTIONS] },
        {
          provide: UsageLedger,
          useFactory: (store: UsageStore, options: UsageModuleOptions) =>
            new UsageLedger(store, ledgerOptions(options)),
          inject: [UsageStore, USAGE_MODULE_OPTIONS],
        },
        { provide: UsageSink, useExisting: UsageLedger },
        UsageRetention,
        UsageLifecycle,
      ],
      exports: [UsageStore, UsageLedger, UsageSink, UsageRetention],
    };
  }
}

async function openStore(options: UsageModuleOptions): Promise<UsageStore> {
  let store: UsageStore | undefined;
  try {
    store = createUsageStore({
      databaseUrl: options.databaseUrl,
      sqlitePath: options.sqlitePath ?? DEFAULT_SQLITE_PATH,
      postgresSchema: options.postgresSchema,
      reportTimeoutMs: options.reportTimeoutMs,
    });
    await store.migrate();
    return store;
  } catch (error) {
    await store?.close().catch(() => undefined);
    // Named by the setting to fix, as a bad REDIS_URL is, rather than a driver's stack. The URL itself
    // is left out (it may hold a password); the reason names the host and port.
    const reason =
      error instanceof UsageStoreUnavailableError
        ? error.reason
        : error instanceof Error
          ? error.message
          : String(error);
    const setting = options.databaseUrl
      ? 'DATABASE_URL'
      : `USAGE_SQLITE_PATH (${options.sqlitePath ?? DEFAULT_SQLITE_PATH})`;
    throw new Error(`${setting}: cannot open the usage ledger: ${reason}`);
  }
}

function ledgerOptions(options: UsageModuleOptions): UsageLedgerOptions {
  const { flushIntervalMs, batchSize, maxBufferedRecords, spillPath, maxSpillBytes } = options;
  const { minRetryDelayMs, maxRetryDelayMs } = options;
  return {
    flushIntervalMs,
    batchSize,
    maxBufferedRecords,
    spillPath,
    maxSpillBytes,
    minRetryDelayMs,
    maxRetryDelayMs,
  };
}
