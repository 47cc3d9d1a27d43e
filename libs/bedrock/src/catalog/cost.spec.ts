import { CATALOG_DATA } from './catalog-data';
import type { CatalogModel } from './catalog.types';
import { estimateCost, estimateMaxCost } from './cost';
import { ModelCatalog } from './model-catalog.service';
import type { ResolvedModel } from './resolved-model';

describe('estimateCost', () => {
  const catalog = new ModelCatalog();
  const model = (input: string, region = 'us-east-1'): ResolvedModel => catalog.resolve(input, { region })!;

  it('prices input and output tokens from the catalog (Claude 3 Haiku: $0.25 / $1.25 per 1M)', () => {
    // Act
    const cost = estimateCost(model('claude-3-haiku'), { inputTokens: 14, outputTokens: 9 });

    // Assert: 14 × 0.25 / 1e6 + 9 × 1.25 / 1e6
    expect(cost).toBe(0.00001475);
  });

  it('removes float noise by rounding to 9 decimals', () => {
    // Act
    const cost = estimateCost(model('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), {
      inputTokens: 1000,
      outputTokens: 0,
    });

    // Assert: 1000 × 3.00 × 1.1 / 1e6 = 0.0033 exactly, not 0.0033000000000000004
    expect(cost).toBe(0.0033);
  });

  it('applies the 10% regional premium to Claude 4.5 through a geographic profile but not through global', () => {
    // Arrange
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };

    // Act
    const regional = estimateCost(model('claude-sonnet-4-5', 'eu-west-1'), usage);
    const global = estimateCost(model('claude-sonnet-4-5', 'sa-east-1'), usage);

    // Assert: 3.30 + 16.50 against 3.00 + 15.00
    expect(model('claude-sonnet-4-5', 'sa-east-1').viaProfile).toBe('global');
    expect(regional).toBe(19.8);
    expect(global).toBe(18);
  });

  it('applies no multiplier to models without one', () => {
    // Act / Assert
    expect(
      estimateCost(model('us.anthropic.claude-sonnet-4-20250514-v1:0'), {
        inputTokens: 1e6,
        outputTokens: 0,
      }),
    ).toBe(3);
  });

  it('prices an embedding call by input tokens alone', () => {
    // Act / Assert
    expect(estimateCost(model('titan-embed-v2'), { inputTokens: 1, outputTokens: 0 })).toBe(0.00000002);
  });

  it('gives 0 (not null) for a priced call that used no tokens', () => {
    // Act / Assert
    expect(estimateCost(model('claude-3-haiku'), { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });

  describe('is null, never 0, when the cost is unknown', () => {
    const unpriced: ResolvedModel = {
      ...model('claude-3-haiku'),
      catalog: { ...(catalog.byAlias('claude-3-haiku') as CatalogModel), pricing: null },
    };

    it.each([
      ['the model has no price', unpriced, { inputTokens: 10, outputTokens: 10 }],
      [
        'the model is not in the catalog',
        { ...model('claude-3-haiku'), catalog: null },
        { inputTokens: 1, outputTokens: 1 },
      ],
      ['the input count is unknown', model('claude-3-haiku'), { inputTokens: null, outputTokens: 10 }],
      ['the output count is unknown', model('claude-3-haiku'), { inputTokens: 10, outputTokens: undefined }],
      ['a count is negative', model('claude-3-haiku'), { inputTokens: -1, outputTokens: 10 }],
      ['a count is NaN', model('claude-3-haiku'), { inputTokens: Number.NaN, outputTokens: 10 }],
      ['output tokens have no output price', model('titan-embed-v2'), { inputTokens: 10, outputTokens: 5 }],
    ])('when %s', (_case, resolved, usage) => {
      // Act / Assert
      expect(estimateCost(resolved, usage)).toBeNull();
    });
  });

  it('is null for a provisioned model resolved through a hint', () => {
    // Arrange
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456';
    const resolved = catalog.resolve(arn, {
      arnHints: { [arn]: { family: 'anthropic', baseModelId: CATALOG_DATA.models[0]!.modelId } },
    })!;

    // Act / Assert
    expect(estimateCost(resolved, { inputTokens: 10, outputTokens: 10 })).toBeNull();
  });
});

describe('estimateMaxCost', () => {
  it('prices the prompt plus the whole output budget', () => {
    // Arrange
    const haiku = new ModelCatalog().resolve('claude-3-haiku')!;

    // Act / Assert: 1000 × 0.25 / 1e6 + 4096 × 1.25 / 1e6
    expect(estimateMaxCost(haiku, 1000, 4096)).toBe(0.00537);
  });
});
