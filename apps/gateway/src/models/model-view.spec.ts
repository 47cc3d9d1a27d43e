import { CATALOG_DATA, type CatalogModel } from '@app/bedrock';
import { toModelView } from './model-view';

const model = (alias: string): CatalogModel => {
  const found = CATALOG_DATA.models.find((m) => m.alias === alias);
  if (!found) throw new Error(`no ${alias} in the catalog`);
  return found;
};

describe('toModelView', () => {
  it('maps a catalog model to the API’s snake_case shape', () => {
    // Arrange
    const haiku = model('claude-3-haiku');
    // Act
    const view = toModelView(haiku, undefined);
    // Assert
    expect(view).toEqual({
      alias: 'claude-3-haiku',
      model_id: haiku.modelId,
      family: 'anthropic',
      provider: 'Anthropic',
      pricing: {
        input_per_1m: haiku.pricing?.inputPer1M,
        output_per_1m: haiku.pricing?.outputPer1M,
        currency: 'USD',
        as_of: haiku.pricing?.asOf,
        source: haiku.pricing?.source,
      },
      max_output_tokens: haiku.maxOutputTokens,
      context_window: haiku.contextWindow,
      streaming: true,
      inference_profile_required: false,
      use_cases: haiku.useCases,
      status: haiku.lifecycle === 'ACTIVE' ? 'active' : 'legacy',
    });
  });

  it('adds `available` only when availability is known', () => {
    // Arrange
    const sonnet = model('claude-sonnet-4-5');
    // Act
    const [unknown, offered, missing] = [undefined, true, false].map((a) => toModelView(sonnet, a));
    // Assert
    expect(unknown).not.toHaveProperty('available');
    expect(offered?.available).toBe(true);
    expect(missing?.available).toBe(false);
    expect(offered?.inference_profile_required).toBe(true);
  });

  it('shows a LEGACY model as legacy and an embedding model without an output price', () => {
    // Arrange
    const legacy = CATALOG_DATA.models.find((m) => m.lifecycle === 'LEGACY');
    const embedding = CATALOG_DATA.models.find((m) => m.kind === 'embedding');
    if (!legacy || !embedding) throw new Error('the catalog should hold a LEGACY and an embedding model');
    // Act
    const [legacyView, embeddingView] = [legacy, embedding].map((m) => toModelView(m, undefined));
    // Assert
    expect(legacyView?.status).toBe('legacy');
    expect(embeddingView?.pricing).not.toBeNull();
    expect(embeddingView?.pricing?.output_per_1m).toBeNull();
  });
});
