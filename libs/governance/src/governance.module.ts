import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { GOVERNANCE_OPTIONS } from './governance.constants';
import type { GovernanceModuleAsyncOptions, GovernanceModuleOptions } from './governance-module-options';
import { governanceProviders } from './governance.providers';
import { GovernanceService } from './governance.service';
import { CounterStore } from './limits/counter-store';

/**
 * Provides GovernanceService (and the CounterStore port). Closes the Redis connection on shutdown.
 * `forRoot` for fixed options, `forRootAsync` to take them from the app's validated config.
 */
@Module({})
export class GovernanceModule implements OnApplicationShutdown {
  constructor(private readonly store: CounterStore) {}

  static forRoot(options: GovernanceModuleOptions, isGlobal = false): DynamicModule {
    return GovernanceModule.build([{ provide: GOVERNANCE_OPTIONS, useValue: options }], [], isGlobal);
  }

  static forRootAsync(options: GovernanceModuleAsyncOptions): DynamicModule {
    const optionsProvider = {
      provide: GOVERNANCE_OPTIONS,
      inject: options.inject ?? [],
      useFactory: options.useFactory,
    };
    return GovernanceModule.build([optionsProvider], options.imports ?? [], options.isGlobal ?? false);
  }

  private static build(
    optionProviders: DynamicModule['providers'] & object,
    imports: NonNullable<DynamicModule['imports']>,
    isGlobal: boolean,
  ): DynamicModule {
    return {
      module: GovernanceModule,
      global: isGlobal,
      imports,
      providers: [...optionProviders, ...governanceProviders, GovernanceService],
      exports: [GovernanceService, CounterStore],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
