import { Test } from '@nestjs/testing';
import { ModelCatalog } from '../catalog/model-catalog.service';
import type { ResolvedModel } from '../catalog/resolved-model';
import { AnthropicStrategy } from './anthropic/anthropic.strategy';
import { CohereStrategy } from './cohere/cohere.strategy';
import { FamilyRequestError } from './family-request.error';
import { FAMILY_STRATEGIES } from './family-strategies.constants';
import type { FamilyStrategy } from './family-strategy';
import { familyStrategyProviders } from './family-strategy.providers';
import { FamilyStrategyRegistry } from './family-strategy.registry';
import { LlamaStrategy } from './llama/llama.strategy';
import { MistralChatStrategy } from './mistral/mistral-chat.strategy';
import { MistralCompletionStrategy } from './mistral/mistral-completion.strategy';
import { TitanStrategy } from './titan/titan.strategy';

describe('FamilyStrategyRegistry', () => {
  const catalog = new ModelCatalog();
  const model = (alias: string): ResolvedModel => catalog.resolve(alias, { region: 'us-east-1' })!;

  describe('wired through familyStrategyProviders', () => {
    let registry: FamilyStrategyRegistry;
    let strategies: FamilyStrategy[];

    beforeAll(async () => {
      // Arrange
      const moduleRef = await Test.createTestingModule({ providers: familyStrategyProviders }).compile();
      registry = moduleRef.get(FamilyStrategyRegistry);
      strategies = moduleRef.get(FAMILY_STRATEGIES);
    });

    it('collects one strategy per native text schema under FAMILY_STRATEGIES', () => {
      // Assert
      expect(strategies.map((strategy) => strategy.constructor)).toEqual([
        AnthropicStrategy,
        TitanStrategy,
        LlamaStrategy,
        MistralCompletionStrategy,
        MistralChatStrategy,
        CohereStrategy,
      ]);
    });

    it.each([
      ['claude-sonnet-4-5', AnthropicStrategy],
      ['titan-text-premier', TitanStrategy],
      ['llama-3-3-70b', LlamaStrategy],
      ['mistral-7b', MistralCompletionStrategy],
      ['mistral-large-2407', MistralChatStrategy],
      ['command-r-plus', CohereStrategy],
    ])('picks the strategy for %s by its native schema', (alias, expected) => {
      // Act
      const strategy = registry.forModel(model(alias));

      // Assert
      expect(strategy).toBeInstanceOf(expected);
      expect(strategy.family).toBe(model(alias).family);
    });

    it('serves every text model in the catalog and no embedding model', () => {
      // Act
      const served = catalog.list().filter((entry) => registry.canServe(model(entry.alias)));

      // Assert
      expect(served).toEqual(catalog.list('text'));
    });

    it('throws a FamilyRequestError naming the model when no strategy supports it', () => {
      // Act / Assert
      expect(() => registry.forModel(model('titan-embed-v2'))).toThrow(FamilyRequestError);
      expect(() => registry.forModel(model('titan-embed-v2'))).toThrow(/titan-embed-v2.*titan-embed-v2/);
    });
  });

  it('uses the first strategy that supports the model', () => {
    // Arrange
    const first = new LlamaStrategy();
    const registry = new FamilyStrategyRegistry([new AnthropicStrategy(), first, new LlamaStrategy()]);

    // Act / Assert
    expect(registry.forModel(model('llama-3-1'))).toBe(first);
  });

  it('throws with an empty strategy list', () => {
    // Arrange
    const registry = new FamilyStrategyRegistry([]);

    // Act / Assert
    expect(() => registry.forModel(model('claude-3-haiku'))).toThrow(FamilyRequestError);
    expect(registry.canServe(model('claude-3-haiku'))).toBe(false);
  });
});
