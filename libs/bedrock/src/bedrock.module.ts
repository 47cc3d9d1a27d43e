import {
  DynamicModule,
  InjectionToken,
  Module,
  ModuleMetadata,
  OptionalFactoryDependency,
  Provider,
} from '@nestjs/common';
import { ModelCatalog } from './catalog/model-catalog.service';
import { BedrockClients } from './clients/bedrock-clients';
import { BEDROCK_MODULE_OPTIONS } from './clients/bedrock.constants';
import type { BedrockModuleOptions } from './clients/bedrock-module-options';
import { familyStrategyProviders } from './families/family-strategy.providers';
import { FamilyStrategyRegistry } from './families/family-strategy.registry';
import { ModelInvoker } from './invocation/model-invoker';
import { ModelResolver } from './invocation/model-resolver';
import { InFlightCalls } from './interceptors/in-flight-calls';
import { UsageInterceptor } from './interceptors/usage.interceptor';
import { UpstreamPolicy } from './resilience/upstream-policy';

export interface BedrockModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...args: never[]) => BedrockModuleOptions | Promise<BedrockModuleOptions>;
}

const EXPORTED: Provider[] = [
  BedrockClients,
  UpstreamPolicy,
  ModelInvoker,
  ModelResolver,
  ModelCatalog,
  UsageInterceptor,
  InFlightCalls,
];

/**
 * The shared Bedrock provider module: SDK clients built once from validated options, the resilience
 * policy, the catalog, and the family strategies. Global, so feature modules inject without importing.
 */
@Module({})
export class BedrockModule {
  static forRootAsync(options: BedrockModuleAsyncOptions): DynamicModule {
    return {
      module: BedrockModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: BEDROCK_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        ...familyStrategyProviders,
        ...EXPORTED,
      ],
      exports: [BEDROCK_MODULE_OPTIONS, FamilyStrategyRegistry, ...EXPORTED],
    };
  }
}
