import { Test } from '@nestjs/testing';
import { CATALOG_DATA } from './catalog-data';
import { MODEL_CATALOG_DATA } from './catalog.constants';
import type { ModelCatalogData } from './catalog.types';
import { ModelCatalog } from './model-catalog.service';

describe('ModelCatalog', () => {
  const catalog = new ModelCatalog();

  it('is built from the shared catalog data by default', () => {
    // Act / Assert
    expect(catalog.list()).toEqual(CATALOG_DATA.models);
    expect(catalog.aliases()).toEqual(CATALOG_DATA.models.map((model) => model.alias));
  });

  it('looks models up by alias and by foundation id, and nothing else', () => {
    // Act
    const byAlias = catalog.byAlias('claude-3-haiku');

    // Assert
    expect(byAlias?.modelId).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(catalog.byModelId('anthropic.claude-3-haiku-20240307-v1:0')).toBe(byAlias);
    expect(catalog.byAlias('anthropic.claude-3-haiku-20240307-v1:0')).toBeUndefined();
    expect(catalog.byModelId('us.anthropic.claude-3-haiku-20240307-v1:0')).toBeUndefined();
  });

  it('lists by kind', () => {
    // Act
    const embeddings = catalog.list('embedding');

    // Assert
    expect(embeddings.length).toBeGreaterThan(0);
    expect(embeddings.every((model) => model.kind === 'embedding')).toBe(true);
    expect(catalog.list('text').length + embeddings.length).toBe(CATALOG_DATA.models.length);
  });

  it('gives the default model and the recommendations by alias', () => {
    // Act / Assert
    expect(catalog.defaultModel().alias).toBe(CATALOG_DATA.defaultModel);
    expect(catalog.recommendations()).toEqual(CATALOG_DATA.recommendations);
  });

  it('resolves against itself', () => {
    // Act / Assert
    expect(catalog.resolve('us.anthropic.claude-3-haiku-20240307-v1:0')).toMatchObject({
      alias: 'claude-3-haiku',
      viaProfile: 'geo',
    });
  });

  describe('fails fast on inconsistent data', () => {
    const [first, second] = CATALOG_DATA.models as [
      (typeof CATALOG_DATA.models)[number],
      ...typeof CATALOG_DATA.models,
    ];
    const data = (overrides: Partial<ModelCatalogData>): ModelCatalogData => ({
      defaultModel: first.alias,
      recommendations: {},
      models: [first, second!],
      ...overrides,
    });

    it.each([
      ['a duplicate alias', data({ models: [first, { ...second!, alias: first.alias }] }), /duplicate alias/],
      [
        'a duplicate model id',
        data({ models: [first, { ...second!, modelId: first.modelId }] }),
        /duplicate model id/,
      ],
      ['an unknown default', data({ defaultModel: 'nope' }), /default names unknown alias "nope"/],
      [
        'an unknown recommendation',
        data({ recommendations: { fastest: 'nope' } }),
        /fastest names unknown alias/,
      ],
      [
        'a native default budget above the model limit',
        data({ models: [first, { ...second!, nativeDefaultMaxTokens: second!.maxOutputTokens + 1 }] }),
        /nativeDefaultMaxTokens must be an integer from 1 to maxOutputTokens/,
      ],
      [
        'a native default budget of 0',
        data({ models: [first, { ...second!, nativeDefaultMaxTokens: 0 }] }),
        /nativeDefaultMaxTokens/,
      ],
      [
        'a native default budget that is not an integer',
        data({ models: [first, { ...second!, nativeDefaultMaxTokens: 1.5 }] }),
        /nativeDefaultMaxTokens/,
      ],
    ])('throws on %s', (_case, invalid, message) => {
      // Act / Assert
      expect(() => new ModelCatalog(invalid)).toThrow(message);
    });
  });

  it('takes its data from MODEL_CATALOG_DATA when bound, and from models.json when not', async () => {
    // Arrange
    const only = CATALOG_DATA.models[0]!;
    const custom: ModelCatalogData = { defaultModel: only.alias, recommendations: {}, models: [only] };
    const bound = await Test.createTestingModule({
      providers: [ModelCatalog, { provide: MODEL_CATALOG_DATA, useValue: custom }],
    }).compile();
    const unbound = await Test.createTestingModule({ providers: [ModelCatalog] }).compile();

    // Act / Assert
    expect(bound.get(ModelCatalog).aliases()).toEqual([only.alias]);
    expect(unbound.get(ModelCatalog).list()).toHaveLength(CATALOG_DATA.models.length);
  });
});
