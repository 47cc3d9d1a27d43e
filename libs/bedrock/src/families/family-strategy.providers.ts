import type { Provider, Type } from '@nestjs/common';
import { AnthropicStrategy } from './anthropic/anthropic.strategy';
import { CohereStrategy } from './cohere/cohere.strategy';
import { FAMILY_STRATEGIES } from './family-strategies.constants';
import type { FamilyStrategy } from './family-strategy';
import { FamilyStrategyRegistry } from './family-strategy.registry';
import { LlamaStrategy } from './llama/llama.strategy';
import { MistralChatStrategy } from './mistral/mistral-chat.strategy';
import { MistralCompletionStrategy } from './mistral/mistral-completion.strategy';
import { TitanStrategy } from './titan/titan.strategy';

/** Every family strategy, one line each. Adding a family = a folder under families/ and a line here. */
export const FAMILY_STRATEGY_CLASSES: readonly Type<FamilyStrategy>[] = [
  AnthropicStrategy,
  TitanStrategy,
  LlamaStrategy,
  MistralCompletionStrategy,
  MistralChatStrategy,
  CohereStrategy,
];

/**
 * Module fragment: the strategy classes, their array under `FAMILY_STRATEGIES`, and the registry.
 * `providers: [...familyStrategyProviders]` in the Bedrock module; export `FamilyStrategyRegistry`.
 */
export const familyStrategyProviders: Provider[] = [
  ...FAMILY_STRATEGY_CLASSES,
  {
    provide: FAMILY_STRATEGIES,
    useFactory: (...strategies: FamilyStrategy[]): FamilyStrategy[] => strategies,
    inject: [...FAMILY_STRATEGY_CLASSES],
  },
  FamilyStrategyRegistry,
];
